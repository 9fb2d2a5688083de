import { EMPTY_BIN_FLOOR, psi, psiFromProportions } from './psi.js';
import { summarizeReference } from './reference.js';
import { sortedSample } from './sample.js';

const S = (xs: number[]) => sortedSample(xs);

describe('PSI on reference-quantile bins', () => {
  it('matches a hand computation on three bins', () => {
    // Expected [0.5, 0.3, 0.2], actual [0.4, 0.4, 0.2]:
    // (0.4 − 0.5)·ln(0.4/0.5) + (0.4 − 0.3)·ln(0.4/0.3) + 0 = 0.0223144 + 0.0287682 = 0.0510826.
    expect(psiFromProportions([0.5, 0.3, 0.2], [0.4, 0.4, 0.2])).toBeCloseTo(0.0510826, 7);
  });

  it('matches a hand computation with two median bins', () => {
    // Reference 1…10: median edge 5.5, proportions [0.5, 0.5]. Current [1, 2, 3, 7] → [0.75, 0.25].
    // PSI = 0.25·ln(1.5) + (−0.25)·ln(0.5) = 0.101366 + 0.173287 = 0.274653.
    const ref = summarizeReference([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'x', 2);
    expect(psi(ref, S([1, 2, 3, 7]))).toBeCloseTo(0.274653, 6);
  });

  it('is 0 for identical samples and symmetric in its two distributions', () => {
    const xs = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    expect(psi(summarizeReference(xs), S(xs))).toBe(0);
    expect(psiFromProportions([0.7, 0.3], [0.2, 0.8])).toBe(psiFromProportions([0.2, 0.8], [0.7, 0.3]));
  });

  it('floors empty bins at 1e-4: disjoint samples give a large, finite value', () => {
    // Reference 0…99 (ten bins of 0.1), current all above the maximum → [0, …, 0, 1] floored to 1e-4:
    // 9 · (1e-4 − 0.1)·ln(1e-4 / 0.1) + (1 − 0.1)·ln(1 / 0.1) = 9 · 0.690085 + 2.072327 = 8.283089.
    const ref = summarizeReference(Array.from({ length: 100 }, (_, i) => i));
    const far = S(Array.from({ length: 50 }, (_, i) => 1000 + i));
    expect(EMPTY_BIN_FLOOR).toBe(1e-4);
    expect(psi(ref, far)).toBeCloseTo(9 * (0.1 - 1e-4) * Math.log(1000) + 0.9 * Math.log(10), 10);
  });

  it('sees a constant feature move either way (three bins), and only then', () => {
    const ref = summarizeReference([3, 3, 3, 3], 'flat');
    expect(psi(ref, S([3, 3]))).toBe(0);
    // Bins [0, 1, 0] against [0, 0, 1], floored: 2 · (1 − 1e-4) · ln(1e4) = 18.418839.
    const moved = 2 * (1 - 1e-4) * Math.log(1e4);
    expect(psi(ref, S([9, 9]))).toBeCloseTo(moved, 10);
    expect(psi(ref, S([-1]))).toBeCloseTo(moved, 10);
  });

  it('handles ties at the edges and a one-value current window', () => {
    const ref = summarizeReference([1, 1, 2, 2, 3, 3, 4, 4], 'ticks', 4);
    // Quartile edges 1.75, 2.5, 3.25: bins hold 2, 2, 2, 2 of 8. One value 2.5 lands in bin 2 (right-closed).
    expect([...ref.edges]).toEqual([1.75, 2.5, 3.25]);
    // [0.25 ×4] against [0, 1, 0, 0] floored: 3 · (1e-4 − 0.25)·ln(1e-4/0.25) + 0.75·ln(4) = 6.883…
    expect(psi(ref, S([2.5]))).toBeCloseTo(3 * (0.25 - 1e-4) * Math.log(2500) + 0.75 * Math.log(4), 10);
  });

  it('refuses an empty current window and mismatched bins, naming the feature', () => {
    const ref = summarizeReference([1, 2, 3], 'vol_20d');
    expect(() => psi(ref, sortedSample([], 'vol_20d', 0))).toThrow(
      'vol_20d: the current window needs at least 1 value(s), got 0',
    );
    expect(() => psiFromProportions([0.5, 0.5], [1], 1e-4, 'rsi')).toThrow(/^rsi: PSI needs matching/);
  });
});
