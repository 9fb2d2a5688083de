import { isHydraError } from '../../errors.js';
import type { DailyBar } from '../broker/types.js';
import { DEFAULT_MOMENTUM, type MomentumParams, momentumStrategy } from './momentum.js';
import { momentumView } from './momentum-features.js';
import { momentumHistory } from './momentum-params.js';
import { probabilityUp, targetQuantity, targetWeight } from './momentum-sizing.js';
import type { StrategyInput } from './types.js';

const bar = (i: number, close: number, volume = 1000): DailyBar => ({
  date: `2026-01-${String(i + 1).padStart(2, '0')}`,
  open: close,
  high: close,
  low: close,
  close,
  volume,
});

/** Bars whose daily log returns are `rets` and whose last close is `last` (built backwards). */
const barsFromReturns = (rets: readonly number[], last = 100): DailyBar[] => {
  const closes = [last];
  for (let i = rets.length - 1; i >= 0; i--) closes.unshift(closes[0]! / Math.exp(rets[i]!));
  return closes.map((c, i) => bar(i, c));
};

const input = (bars: Record<string, DailyBar[]>, equity = 1_000_000, multipliers = {}): StrategyInput => ({
  tradingDate: '2026-06-01',
  equity,
  positions: new Map(),
  bars: new Map(Object.entries(bars)),
  multipliers: new Map(Object.entries(multipliers)),
});

// Small windows so every number below can be checked by hand.
const SMALL: Partial<MomentumParams> = {
  lookbacks: [2, 4],
  volWindow: 3,
  maWindow: 3,
  volumeWindow: 2,
  targetVol: 0.1,
  maxWeight: 0.2,
};
// Closes 100, 110, 121, 133.1, 121, 133.1: daily log returns g, g, g, −g, g with g = ln 1.1 = 0.0953102.
const SMALL_BARS = [100, 110, 121, 133.1, 121, 133.1].map((c, i) =>
  bar(i, c, [0, 0, 0, 1000, 3000, 4000][i]),
);
const g = Math.log(1.1);

describe('momentum features', () => {
  it('computes returns, volatility, z-scored momentum, distance from the mean and volume ratio by hand', () => {
    const p = momentumStrategy(SMALL).params as unknown as MomentumParams;
    // requiredHistory = max(longest lookback 4 + 1, volWindow 3 + 1, maWindow 3, volumeWindow 2 + 1) = 5.
    expect(momentumHistory(p)).toBe(5);
    const v = momentumView(SMALL_BARS, p)!;
    expect(Object.keys(v.features)).toEqual([
      'ret_2d',
      'ret_4d',
      'vol_3d',
      'momentum_z',
      'dist_ma3',
      'volume_ratio',
    ]);
    // ret_2d = ln(133.1 / 133.1) = 0; ret_4d = ln(133.1 / 110) = ln 1.21 = 2g = 0.190620.
    expect(v.features.ret_2d).toBeCloseTo(0, 12);
    expect(v.features.ret_4d).toBeCloseTo(2 * g, 12);
    // Last 3 returns g, −g, g: mean g/3, squared deviations 4g²/9 + 16g²/9 + 4g²/9 = 8g²/3, over n − 1 = 2
    // gives 4g²/3, so σ_daily = 2g/√3 = 0.110055 and vol = σ_daily · √252 = 1.747064.
    expect(v.features.vol_3d).toBeCloseTo(((2 * g) / Math.sqrt(3)) * Math.sqrt(252), 10);
    expect(v.features.vol_3d).toBeCloseTo(1.747064, 5);
    // z_2 = 0; z_4 = 2g / (σ_daily · √4) = 2g / (4g/√3) = √3/2; equal weights: (0 + √3/2) / 2 = 0.433013.
    expect(v.features.momentum_z).toBeCloseTo(Math.sqrt(3) / 4, 12);
    expect(v.signal).toBe(v.features.momentum_z);
    // MA3 = (133.1 + 121 + 133.1) / 3 = 129.0667; 133.1 / 129.0667 − 1 = 3.3/3.2 − 1 = 0.03125.
    expect(v.features.dist_ma3).toBeCloseTo(0.03125, 12);
    // Last volume 4000 over the mean of the two days before it, (1000 + 3000) / 2 = 2000.
    expect(v.features.volume_ratio).toBe(2);
  });

  it('sizes and scores the hand-computed example through evaluate', () => {
    const [s] = momentumStrategy(SMALL).evaluate(input({ X: SMALL_BARS }));
    // P(up) = logistic(0 + 0.1 · 0.433013) = 0.510824.
    expect(s!.probabilityUp).toBeCloseTo(0.510824, 6);
    // weight = clip(0.433013 / 1) · 0.1 / 1.747064 = 0.024785; 0.024785 · 1e6 / 133.1 = 186.21 → 186 shares.
    expect(s!.targetPosition).toBe(186);
    expect(s!.price).toBe(133.1);
    expect(s!.reason).toMatch(/signal 0\.433, vol 1\.75: weight 0\.0248/);
    // A future with multiplier 50: 24,785 / (133.1 · 50) = 3.72 → 4 contracts.
    const [f] = momentumStrategy(SMALL).evaluate(input({ X: SMALL_BARS }, 1_000_000, { X: 50 }));
    expect(f!.targetPosition).toBe(4);
  });

  it('gives no signal without enough usable history', () => {
    const s = momentumStrategy(SMALL);
    expect(s.evaluate(input({ SHORT: SMALL_BARS.slice(2) }))).toEqual([]);
    const zero = SMALL_BARS.map((b, i) => (i === 3 ? { ...b, close: 0 } : b));
    expect(s.evaluate(input({ BAD: zero }))).toEqual([]);
    // A bad print older than the window the model reads does not matter.
    const old = SMALL_BARS.map((b, i) => (i === 0 ? { ...b, close: Number.NaN } : b));
    expect(s.evaluate(input({ OLD: old }))).toHaveLength(1);
  });

  it('uses the documented default feature names', () => {
    const bars = barsFromReturns(Array.from({ length: 130 }, (_, i) => 0.001 + 0.02 * Math.sin(i * 1.3)));
    const [s] = momentumStrategy().evaluate(input({ A: bars }));
    expect(Object.keys(s!.features).sort()).toEqual(
      ['dist_ma50', 'momentum_z', 'ret_120d', 'ret_20d', 'ret_60d', 'vol_20d', 'volume_ratio'].sort(),
    );
    expect(momentumStrategy().requiredHistory).toBe(121);
  });
});

describe('momentum probability', () => {
  it('is logistic(a + b·signal): 0.5 at zero, monotone increasing, inside (0, 1) even far out', () => {
    const p = { logisticIntercept: 0, logisticSlope: 0.1 };
    expect(probabilityUp(0, p)).toBe(0.5);
    // logistic(0.1) = 1 / (1 + e^−0.1) = 0.524979; logistic(0.2) = 0.549834.
    expect(probabilityUp(1, p)).toBeCloseTo(0.524979, 6);
    expect(probabilityUp(2, p)).toBeCloseTo(0.549834, 6);
    const grid = Array.from({ length: 201 }, (_, i) => -10 + i / 10).map((z) => probabilityUp(z, p));
    for (let i = 1; i < grid.length; i++) expect(grid[i]!).toBeGreaterThan(grid[i - 1]!);
    expect(probabilityUp(-1e6, { logisticIntercept: 0, logisticSlope: 1 })).toBe(0);
    expect(probabilityUp(1e6, { logisticIntercept: 0, logisticSlope: 1 })).toBe(1);
    // The intercept shifts the whole curve: logistic(0.2) at signal 0.
    expect(probabilityUp(0, { logisticIntercept: 0.2, logisticSlope: 0.1 })).toBeCloseTo(0.549834, 6);
  });

  it('rises with the trend through evaluate', () => {
    const series = [-0.004, -0.001, 0.001, 0.004].map((drift) =>
      barsFromReturns(Array.from({ length: 130 }, (_, i) => drift + 0.015 * Math.sin(i * 1.7))),
    );
    const out = momentumStrategy().evaluate(input(Object.fromEntries(series.map((b, i) => [`S${i}`, b]))));
    const ps = out.map((s) => s.probabilityUp);
    for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeGreaterThan(ps[i - 1]!);
    expect(out[0]!.targetPosition).toBeLessThan(0);
    expect(out[3]!.targetPosition).toBeGreaterThan(0);
  });
});

describe('momentum sizing', () => {
  const p = DEFAULT_MOMENTUM;

  it('halves the weight when volatility doubles, until the cap binds', () => {
    // 0.5 / 1 · 0.04 / 0.2 = 0.1; at vol 0.4: 0.05; at vol 0.1: 0.2 (the cap); at vol 0.05: 0.4 → capped 0.2.
    expect(targetWeight(0.5, 0.2, p)).toBeCloseTo(0.1, 12);
    expect(targetWeight(0.5, 0.4, p)).toBeCloseTo(0.05, 12);
    expect(targetWeight(0.5, 0.1, p)).toBeCloseTo(0.2, 12);
    expect(targetWeight(0.5, 0.05, p)).toBe(0.2);
    expect(targetWeight(-0.5, 0.05, p)).toBe(-0.2);
    // Beyond the saturation (1) the signal adds nothing: 3 → 1 · 0.04 / 0.4 = 0.1.
    expect(targetWeight(3, 0.4, p)).toBeCloseTo(0.1, 12);
    // Inside the deadband (0.25): flat.
    expect(targetWeight(0.2, 0.2, p)).toBe(0);
  });

  it('halves the position of a series whose returns are twice as large (same signal, twice the vol)', () => {
    const rets = Array.from({ length: 130 }, (_, i) => 0.0015 + 0.025 * Math.sin(i * 1.3));
    const calm = barsFromReturns(rets);
    const wild = barsFromReturns(rets.map((r) => 2 * r));
    const [a, b] = momentumStrategy().evaluate(input({ CALM: calm, WILD: wild }));
    // Scaling every log return by 2 scales each lookback return and σ by 2: the z-scores are unchanged.
    expect(b!.features.momentum_z).toBeCloseTo(a!.features.momentum_z!, 10);
    expect(b!.features.vol_20d).toBeCloseTo(2 * a!.features.vol_20d!, 10);
    // Both end at a close of 100, so the quantities compare as notionals (within one share of rounding).
    expect(a!.targetPosition).toBeGreaterThan(100);
    expect(Math.abs(b!.targetPosition - a!.targetPosition / 2)).toBeLessThanOrEqual(1);
  });

  it('rounds to whole units without crossing the weight cap', () => {
    // 0.1 · 1e6 / 133.1 = 751.31 → 751; −751 for the short side.
    expect(targetQuantity(0.1, 1_000_000, 133.1, 0.2)).toBe(751);
    expect(targetQuantity(-0.1, 1_000_000, 133.1, 0.2)).toBe(-751);
    // 0.2 · 1e6 / 80,000 = 2.5 → rounds to 3 = 240,000 > the 200,000 cap → 2.
    expect(targetQuantity(0.2, 1_000_000, 80_000, 0.2)).toBe(2);
    // An exact fit stays: 0.2 · 1e6 / 100 = 2000.
    expect(targetQuantity(0.2, 1_000_000, 100, 0.2)).toBe(2000);
    expect(Object.is(targetQuantity(-0.00001, 1_000_000, 100, 0.2), 0)).toBe(true);
    // No positive equity: flat rather than a flipped sign.
    expect(targetQuantity(0.1, -5_000, 100, 0.2)).toBe(0);
  });
});

describe('momentum strategy object', () => {
  it('is deterministic and leaves its input untouched', () => {
    const bars = barsFromReturns(Array.from({ length: 140 }, (_, i) => 0.002 + 0.02 * Math.cos(i * 0.9)));
    const inp = input({
      A: bars,
      B: barsFromReturns(bars.slice(1).map((_, i) => -0.001 + 0.01 * Math.sin(i))),
    });
    const copy = structuredClone(inp);
    const s = momentumStrategy();
    const first = s.evaluate(inp);
    expect(s.evaluate(inp)).toEqual(first);
    expect(momentumStrategy().evaluate(copy)).toEqual(first);
    expect(inp).toEqual(copy);
    expect(first.map((x) => x.symbol)).toEqual(['A', 'B']);
  });

  it('carries its full, JSON-round-trippable parameters and rebuilds from them', () => {
    const s = momentumStrategy({ targetVol: 0.05 }, 'mine');
    expect(s).toMatchObject({ name: 'mine', version: '2', requiredHistory: 121 });
    expect(s.params).toEqual({ ...DEFAULT_MOMENTUM, targetVol: 0.05 });
    const again = momentumStrategy(JSON.parse(JSON.stringify(s.params)), 'mine');
    expect(again.params).toEqual(s.params);
  });

  it('gives lookbacks without weights equal weights', () => {
    expect(momentumStrategy({ lookbacks: [5, 10] }).params.lookbackWeights).toEqual([1, 1]);
  });

  it('refuses bad parameters with HYDRA_ERR_INPUT naming the strategy and every problem', () => {
    let err: unknown;
    try {
      momentumStrategy({ targetVol: -1, lookbacks: [20, 20], lookbackWeights: [1] }, 'broken');
    } catch (e) {
      err = e;
    }
    expect(isHydraError(err, 'HYDRA_ERR_INPUT')).toBe(true);
    expect((err as Error).message).toMatch(/^strategy broken: invalid parameters: /);
    expect((err as Error).message).toMatch(/lookbacks must be .* distinct/);
    expect((err as Error).message).toMatch(/lookbackWeights/);
    expect((err as Error).message).toMatch(/targetVol must be a positive number/);
  });
});
