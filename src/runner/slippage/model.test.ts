import { isHydraError } from '../../errors.js';
import { averageVolume, dailySigma } from './market-stats.js';
import { DEFAULT_SLIPPAGE, predictSlippage } from './model.js';

// Log returns +x and −x with x = 0.01/√2: over a 2-return window, mean 0 and Σ(r − m)² / (n − 1) = 2x²,
// so σ_daily = x·√2 = 0.01 = 100 bps exactly.
const x = 0.01 / Math.SQRT2;
const bars = [
  { close: 100, volume: 9e9 }, // outside the 2-bar volume window
  { close: 100 * Math.exp(x), volume: 1_000_000 },
  { close: 100, volume: 3_000_000 },
];
const params = { window: 2 };
// Bid 99.95, ask 100.05: mid 100, spread 0.10 = 10 bps of mid, half-spread 5 bps.
const quote = { bid: 99.95, ask: 100.05 };

describe('market statistics', () => {
  it('σ of daily log returns and ADV over the window', () => {
    expect(dailySigma(bars, 2)).toBeCloseTo(0.01, 12);
    // ADV = (1,000,000 + 3,000,000) / 2.
    expect(averageVolume(bars, 2)).toBe(2_000_000);
    expect(dailySigma(bars.slice(-2), 20)).toBeNull();
    expect(averageVolume([{ close: 1, volume: 0 }], 20)).toBeNull();
  });
});

describe('predictSlippage', () => {
  it('is half the spread plus k·σ·√(qty/ADV), with its components', () => {
    // 20,000 / 2,000,000 = 1% participation, √0.01 = 0.1; impact = 0.5 · 100 bps · 0.1 = 5 bps.
    expect(predictSlippage(20_000, quote, bars, params)).toEqual({
      bps: expect.closeTo(10, 9), // 5 + 5
      halfSpreadBps: expect.closeTo(5, 9),
      spreadBps: expect.closeTo(10, 9),
      spreadSource: 'quote',
      impactBps: expect.closeTo(5, 9),
      sigmaDailyBps: expect.closeTo(100, 9),
      sigmaSource: 'bars',
      adv: 2_000_000,
      participation: 0.01,
    });
  });

  it('grows with the square root of size: 4× the quantity, 2× the impact', () => {
    // 80,000 / 2,000,000 = 4%, √0.04 = 0.2: impact 0.5 · 100 · 0.2 = 10 bps.
    expect(predictSlippage(80_000, quote, bars, params).impactBps).toBeCloseTo(10, 9);
    // k scales impact linearly: k = 1 → 10 bps at 1%.
    expect(predictSlippage(20_000, quote, bars, { ...params, impactCoefficient: 1 }).impactBps).toBeCloseTo(
      10,
      9,
    );
  });

  it('is a positive cost for a buy and for a sell alike (the sign of the quantity is ignored)', () => {
    const buy = predictSlippage(20_000, quote, bars, params);
    const sell = predictSlippage(-20_000, quote, bars, params);
    expect(sell).toEqual(buy);
    expect(buy.bps).toBeGreaterThan(0);
    expect(predictSlippage(0, quote, bars, params).bps).toBe(0);
  });

  it('falls back visibly without a usable quote, returns or volume', () => {
    for (const q of [
      { bid: null, ask: 100 },
      { bid: 100.1, ask: 100 }, // crossed
      { bid: 0, ask: 0.01 },
    ]) {
      const e = predictSlippage(20_000, q, bars, params);
      expect(e).toMatchObject({ spreadBps: 5, halfSpreadBps: 2.5, spreadSource: 'fallback' });
    }
    // One bar: σ falls back to 2% = 200 bps; ADV 1,000 → 20,000 / 1,000 = 20, √20 = 4.4721;
    // impact = 0.5 · 200 · 4.4721 = 447.21 bps.
    const thin = predictSlippage(20_000, quote, [{ close: 50, volume: 1_000 }]);
    expect(thin).toMatchObject({
      sigmaDailyBps: 200,
      sigmaSource: 'fallback',
      adv: 1_000,
      participation: 20,
    });
    expect(thin.impactBps).toBeCloseTo(447.2136, 3);
    // No volume at all: impact cannot be scaled, and participation says so.
    expect(predictSlippage(100, quote, [{ close: 50, volume: 0 }])).toMatchObject({
      impactBps: 0,
      adv: null,
      participation: null,
    });
  });

  it('converts bar volume to shares with volumeUnit (IB lots of 100)', () => {
    // ADV 2,000,000 lots · 100 = 200,000,000 shares; 2,000,000 / 2e8 = 1% → 5 bps.
    expect(predictSlippage(2_000_000, quote, bars, { ...params, volumeUnit: 100 }).impactBps).toBeCloseTo(
      5,
      9,
    );
  });

  it('documents its defaults and refuses a non-finite quantity', () => {
    expect(DEFAULT_SLIPPAGE).toEqual({
      impactCoefficient: 0.5,
      window: 20,
      fallbackSpreadBps: 5,
      fallbackSigmaDaily: 0.02,
      volumeUnit: 1,
    });
    let err: unknown;
    try {
      predictSlippage(Number.NaN, quote, bars);
    } catch (e) {
      err = e;
    }
    expect(isHydraError(err, 'HYDRA_ERR_INPUT')).toBe(true);
  });
});
