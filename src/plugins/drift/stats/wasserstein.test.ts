import { summarizeReference } from './reference.js';
import { sortedSample } from './sample.js';
import { WASSERSTEIN_SD_FLOOR, wasserstein1, wassersteinNormalized } from './wasserstein.js';

const S = (xs: number[]) => sortedSample(xs);

describe('Wasserstein-1', () => {
  it('matches scipy.stats.wasserstein_distance’s documented example and hand computations', () => {
    // scipy docs: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
    expect(wasserstein1(S([0, 1, 3]), S([5, 6, 8]))).toBeCloseTo(5, 12);
    // F_a = ½ on [0, 2), F_b = 0 on [0, 1) and 1 on [1, 2): ½·1 + ½·1 = 1.
    expect(wasserstein1(S([0, 2]), S([1]))).toBe(1);
    // Samples of one value each: the distance between them.
    expect(wasserstein1(S([3]), S([7]))).toBe(4);
    // Ties: [1, 1, 2] vs [1, 2, 2]: |F_a − F_b| = 1/3 on [1, 2): 1/3.
    expect(wasserstein1(S([1, 1, 2]), S([1, 2, 2]))).toBeCloseTo(1 / 3, 15);
  });

  it('is 0 for identical samples, symmetric, and moves with a shift', () => {
    const xs = Array.from({ length: 500 }, (_, i) => Math.cos(i) * 3);
    expect(wasserstein1(S(xs), S(xs))).toBe(0);
    const ys = xs.map((x, i) => x * 0.5 + (i % 7));
    expect(wasserstein1(S(xs), S(ys))).toBeCloseTo(wasserstein1(S(ys), S(xs)), 12);
    expect(wasserstein1(S(xs), S(xs.map((x) => x + 2.5)))).toBeCloseTo(2.5, 12);
  });

  it('normalises by the reference’s population σ (Evidently), floored at 0.001', () => {
    // [0, 2]: np.std = 1, so the normalised distance to [1] is W₁ = 1.
    const ref = summarizeReference([0, 2]);
    expect(ref.sd).toBe(1);
    expect(wassersteinNormalized(ref.sorted, ref.sd, S([1]))).toBe(1);
    // Constant reference: σ = 0 → floor. W₁([5, 5], [5.01]) = 0.01 → 0.01 / 0.001 = 10.
    const flat = summarizeReference([5, 5]);
    expect(WASSERSTEIN_SD_FLOOR).toBe(0.001);
    expect(wassersteinNormalized(flat.sorted, flat.sd, S([5.01]))).toBeCloseTo(10, 9);
  });

  it('refuses empty samples, and a one-value reference for the normalised form, naming the feature', () => {
    expect(() => wasserstein1(S([1]), sortedSample([], 'pnl', 0), 'pnl')).toThrow(/^pnl: the second sample/);
    expect(() => wassersteinNormalized(S([1]), 0, S([2]), 'pnl')).toThrow(
      /^pnl: the reference needs at least 2/,
    );
    expect(() => wassersteinNormalized(S([1, 2]), Number.NaN, S([2]), 'pnl')).toThrow(
      /standard deviation is NaN/,
    );
  });
});
