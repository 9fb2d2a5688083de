import { calibration, hitRate, type Outcome } from './forecasts.js';

const outcomes = (ps: number[], ys: (0 | 1)[]): Outcome[] => ps.map((p, i) => ({ p, y: ys[i]! }));

describe('hit rate', () => {
  it('counts directional calls that were right, leaving p = 0.5 out (hand)', () => {
    const xs = outcomes([0.9, 0.8, 0.3, 0.2, 0.5], [1, 0, 0, 1, 1]);
    // Calls: up ✓, up ✗, down ✓, down ✗; 0.5 makes no call → 2 / 4.
    expect(hitRate(xs)).toBe(0.5);
    expect(hitRate(outcomes([0.5], [1]))).toBeNull();
    expect(hitRate([])).toBeNull();
  });
});

describe('calibration', () => {
  it('Brier score: scikit-learn’s brier_score_loss example → 0.0375', () => {
    // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = 0.0375
    expect(calibration(outcomes([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0])).brier).toBeCloseTo(0.0375, 15);
  });

  it('reliability bins: scikit-learn’s calibration_curve example with 3 bins', () => {
    // calibration_curve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0], n_bins=3)
    //   → prob_true [0, 0.5, 1], prob_pred [0.2, 0.525, 0.85]
    const c = calibration(
      outcomes([0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1], [0, 0, 0, 0, 1, 1, 1, 1, 1]),
      3,
    );
    expect(c.bins.map((b) => b.count)).toEqual([3, 2, 4]);
    expect(c.bins.map((b) => b.observedFrequency)).toEqual([0, 0.5, 1]);
    expect(c.bins.map((b) => b.meanPredicted)).toEqual([
      expect.closeTo(0.2, 14),
      expect.closeTo(0.525, 14),
      expect.closeTo(0.85, 14),
    ]);
    // ECE = 3/9 · 0.2 + 2/9 · 0.025 + 4/9 · 0.15 = 0.138889
    expect(c.ece).toBeCloseTo((3 / 9) * 0.2 + (2 / 9) * 0.025 + (4 / 9) * 0.15, 14);
  });

  it('ten equal-width bins by default, edges exact (0.7 is in [0.7, 0.8), 1 in the last bin)', () => {
    const c = calibration(outcomes([0, 0.1, 0.7, 0.7, 1], [0, 0, 1, 0, 1]));
    expect(c.bins).toHaveLength(10);
    expect(c.bins[7]).toEqual({
      lower: 0.7,
      upper: 0.8,
      count: 2,
      meanPredicted: 0.7,
      observedFrequency: 0.5,
    });
    expect(c.bins[0]!.count).toBe(1);
    expect(c.bins[1]!.count).toBe(1);
    expect(c.bins[9]).toMatchObject({ count: 1, meanPredicted: 1, observedFrequency: 1 });
    expect(c.bins[4]).toMatchObject({ count: 0, meanPredicted: null, observedFrequency: null });
    // ECE: bin 0 |0 − 0|, bin 1 |0.1 − 0|, bin 7 |0.7 − 0.5|, bin 9 0 → (0.1 + 2 · 0.2) / 5 = 0.1
    expect(c.ece).toBeCloseTo(0.1, 14);
  });

  it('is null without forecasts, with empty bins', () => {
    const c = calibration([]);
    expect(c).toMatchObject({ brier: null, ece: null });
    expect(c.bins.every((b) => b.count === 0)).toBe(true);
  });

  it('refuses probabilities outside [0, 1], NaN and outcomes other than 0/1, naming the series', () => {
    expect(() => calibration(outcomes([0.2, 1.2], [0, 1]), 10, 'momentum')).toThrow(
      /^momentum: forecast #2 has probability 1.2/,
    );
    expect(() => hitRate(outcomes([Number.NaN], [1]))).toThrow(/^forecasts: forecast #1 has probability NaN/);
    expect(() => calibration([{ p: 0.4, y: 2 as never }])).toThrow(/outcome 2, not 0 or 1/);
    expect(() => calibration([], 0)).toThrow(/bins must be an integer ≥ 1/);
  });
});
