import { greeks, impliedVol, type PricingInput, price } from './black-scholes.js';
import { smileVol } from './smile.js';

// The test's own normal CDF: Simpson's rule on the density from 0 (not the erfc series the code uses).
const cdf = (x: number): number => {
  const n = 4000;
  const h = x / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    s += w * Math.exp(-0.5 * (i * h) ** 2);
  }
  return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
};

/** Textbook Black-Scholes / Black-76 price from the test's CDF. */
const reference = (p: PricingInput): number => {
  const { underlying: u, strike: k, t, rate: r, vol: v } = p;
  const carry = p.model === 'BS' ? r : 0;
  const d1 = (Math.log(u / k) + (carry + (v * v) / 2) * t) / (v * Math.sqrt(t));
  const d2 = d1 - v * Math.sqrt(t);
  const df = Math.exp(-r * t);
  const fwdDisc = p.model === 'BS' ? u : u * df; // BS: S; B76: F·e^{-rT}
  return p.right === 'C' ? fwdDisc * cdf(d1) - k * df * cdf(d2) : k * df * cdf(-d2) - fwdDisc * cdf(-d1);
};

const CASES: PricingInput[] = [
  { model: 'BS', right: 'C', underlying: 100, strike: 100, t: 0.25, rate: 0.04, vol: 0.3 },
  { model: 'BS', right: 'P', underlying: 100, strike: 90, t: 0.5, rate: 0.04, vol: 0.45 },
  { model: 'BS', right: 'C', underlying: 230, strike: 260, t: 0.08, rate: 0.02, vol: 0.22 },
  { model: 'B76', right: 'C', underlying: 4000, strike: 4100, t: 0.3, rate: 0.04, vol: 0.18 },
  { model: 'B76', right: 'P', underlying: 75, strike: 70, t: 0.12, rate: 0.05, vol: 0.35 },
];

describe('Black-Scholes / Black-76', () => {
  it.each(CASES)('prices $model $right K=$strike like an independent textbook formula', (c) => {
    expect(price(c)).toBeCloseTo(reference(c), 8);
  });

  it.each(CASES)(
    'reports Greeks matching finite differences of the price (IB units) for $model $right K=$strike',
    (c) => {
      const g = greeks(c);
      const hU = c.underlying * 1e-4;
      const up = reference({ ...c, underlying: c.underlying + hU });
      const dn = reference({ ...c, underlying: c.underlying - hU });
      const mid = reference(c);
      expect(g.delta).toBeCloseTo((up - dn) / (2 * hU), 5);
      expect(g.gamma).toBeCloseTo((up - 2 * mid + dn) / hU ** 2, 4);
      // Vega per 1 vol point, theta per calendar day (T shrinking by 1/365).
      const hv = 1e-4;
      const vega =
        (reference({ ...c, vol: c.vol + hv }) - reference({ ...c, vol: c.vol - hv })) / (2 * hv) / 100;
      expect(g.vega).toBeCloseTo(vega, 6);
      const day = 1 / 365;
      const theta =
        (reference({ ...c, t: c.t - day / 100 }) - reference({ ...c, t: c.t + day / 100 })) / (2 / 100);
      expect(g.theta).toBeCloseTo(theta, 6);
      expect(g.theta).toBeLessThan(0);
    },
  );

  it('holds put-call parity: C − P = S − K·e^{−rT} (BS) and e^{−rT}(F − K) (Black-76)', () => {
    for (const c of CASES) {
      const call = price({ ...c, right: 'C' });
      const put = price({ ...c, right: 'P' });
      const df = Math.exp(-c.rate * c.t);
      const parity = c.model === 'BS' ? c.underlying - c.strike * df : df * (c.underlying - c.strike);
      expect(call - put).toBeCloseTo(parity, 9);
    }
  });

  it('gives a deep in-the-money call a delta within 0.01 of 1, a deep OTM one near 0', () => {
    const base = { model: 'BS' as const, right: 'C' as const, t: 0.25, rate: 0.04, vol: 0.3, strike: 100 };
    expect(Math.abs(greeks({ ...base, underlying: 200 }).delta - 1)).toBeLessThan(0.01);
    expect(greeks({ ...base, underlying: 50 }).delta).toBeLessThan(0.01);
    expect(greeks({ ...base, right: 'P', underlying: 50 }).delta).toBeCloseTo(-1, 2);
  });

  it('prices an expired option at intrinsic value', () => {
    const c = {
      model: 'BS' as const,
      right: 'P' as const,
      underlying: 90,
      strike: 100,
      t: 0,
      rate: 0.04,
      vol: 0.3,
    };
    expect(greeks(c)).toEqual({ price: 10, delta: -1, gamma: 0, vega: 0, theta: 0 });
  });

  it('recovers the vol a price was made with, and refuses a price below intrinsic', () => {
    for (const c of CASES) {
      const { vol, ...rest } = c;
      expect(impliedVol(rest, reference(c))).toBeCloseTo(vol, 6);
    }
    const deep = {
      model: 'BS' as const,
      right: 'C' as const,
      underlying: 150,
      strike: 100,
      t: 0.25,
      rate: 0.04,
    };
    expect(impliedVol(deep, 40)).toBeNull();
  });
});

describe('the volatility smile', () => {
  it('makes out-of-the-money puts richer than the same-distance calls, and lifts both wings', () => {
    const base = 0.25;
    const t = 0.25;
    const atm = smileVol(base, 100, 100, t);
    const otmPut = smileVol(base, 100, 85, t);
    const otmCall = smileVol(base, 100, 100 / 0.85, t);
    expect(otmPut).toBeGreaterThan(atm);
    expect(otmPut).toBeGreaterThan(otmCall);
    expect(smileVol(base, 100, 160, t)).toBeGreaterThan(smileVol(base, 100, 125, t));
    // An OTM put priced at its smile vol costs more than at the flat at-the-money vol.
    const put = { model: 'BS' as const, right: 'P' as const, underlying: 100, strike: 85, t, rate: 0.04 };
    expect(price({ ...put, vol: otmPut })).toBeGreaterThan(price({ ...put, vol: atm }));
  });

  it('stays near the underlying vol at the money and richer for short expiries', () => {
    expect(smileVol(0.3, 100, 100, 1)).toBeCloseTo(0.3, 6);
    expect(smileVol(0.3, 100, 100, 0.1)).toBeGreaterThan(smileVol(0.3, 100, 100, 0.5));
  });
});
