// Option pricing: Black-Scholes (no dividends) for stock options, Black-76 for options on futures.
//
// Units follow what TWS reports in tickOptionComputation, so a client can use the numbers as it would IB's:
//  - delta and gamma per 1.00 move of the underlying (per unit, not per contract: no multiplier);
//  - vega: price change for a 1 percentage point (0.01) rise in implied volatility;
//  - theta: price change for one CALENDAR day passing (T shrinks by 1/365), negative for a long option.
// Volatility and rates are annual decimals (0.25 = 25 %). T is in years of 365 calendar days.

export type Right = 'C' | 'P';

/** 'BS' prices on the spot (stock options), 'B76' on the forward (futures options). */
export type Model = 'BS' | 'B76';

export interface PricingInput {
  model: Model;
  right: Right;
  /** Spot (BS) or futures price (B76). */
  underlying: number;
  strike: number;
  /** Years to expiry; ≤ 0 prices the option at intrinsic value. */
  t: number;
  /** Continuously compounded risk-free rate. */
  rate: number;
  vol: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per 1 vol point (0.01). */
  vega: number;
  /** Per calendar day. */
  theta: number;
}

// erfc: the Taylor series of erf for small z, a continued fraction beyond; double precision over the
// range option pricing needs, so finite-difference checks of the Greeks stay meaningful.
const erfc = (z: number): number => {
  if (z < 2.5) {
    let sum = z;
    let term = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(z) = exp(-z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the tail.
  let f = z;
  for (let n = 60; n >= 1; n--) f = z + n / 2 / f;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
};

/** Standard normal CDF. */
export const normCdf = (x: number): number => {
  const e = erfc(Math.abs(x) / Math.SQRT2);
  return x >= 0 ? 1 - 0.5 * e : 0.5 * e;
};

export const normPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

const intrinsic = (right: Right, u: number, k: number) => Math.max(0, right === 'C' ? u - k : k - u);

export const price = (p: PricingInput): number => greeks(p).price;

export const greeks = (p: PricingInput): Greeks => {
  const { right, underlying: u, strike: k, t, rate: r, vol } = p;
  if (t <= 0 || vol <= 0) {
    const itm = right === 'C' ? u > k : u < k;
    return {
      price: intrinsic(right, u, k),
      delta: itm ? (right === 'C' ? 1 : -1) : 0,
      gamma: 0,
      vega: 0,
      theta: 0,
    };
  }
  const sq = Math.sqrt(t);
  const d1 = (Math.log(u / k) + (p.model === 'BS' ? r + 0.5 * vol * vol : 0.5 * vol * vol) * t) / (vol * sq);
  const d2 = d1 - vol * sq;
  const disc = Math.exp(-r * t);
  const sign = right === 'C' ? 1 : -1;
  const nd1 = normCdf(sign * d1);
  const nd2 = normCdf(sign * d2);
  const pdf = normPdf(d1);
  if (p.model === 'BS') {
    const price = sign * (u * nd1 - k * disc * nd2);
    const thetaYear = (-u * pdf * vol) / (2 * sq) - sign * r * k * disc * nd2;
    return {
      price,
      delta: sign * nd1,
      gamma: pdf / (u * vol * sq),
      vega: (u * pdf * sq) / 100,
      theta: thetaYear / 365,
    };
  }
  const price = disc * sign * (u * nd1 - k * nd2);
  const thetaYear = (-disc * u * pdf * vol) / (2 * sq) + r * price;
  return {
    price,
    delta: disc * sign * nd1,
    gamma: (disc * pdf) / (u * vol * sq),
    vega: (disc * u * pdf * sq) / 100,
    theta: thetaYear / 365,
  };
};

/**
 * The volatility that prices the option at `target`, by bisection (robust where vega is tiny); null when
 * the target is outside what any volatility in (0.1 %, 500 %) gives, e.g. below intrinsic value.
 */
export const impliedVol = (p: Omit<PricingInput, 'vol'>, target: number): number | null => {
  if (!(p.t > 0 && target > 0)) return null;
  let lo = 0.001;
  let hi = 5;
  const at = (v: number) => price({ ...p, vol: v });
  if (target < at(lo) || target > at(hi)) return null;
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
};
