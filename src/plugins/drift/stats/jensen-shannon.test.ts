import { jensenShannon, jensenShannonDistance } from './jensen-shannon.js';
import { summarizeReference } from './reference.js';
import { sortedSample } from './sample.js';

const S = (xs: number[]) => sortedSample(xs);

describe('Jensen-Shannon distance, base 2', () => {
  it('matches scipy.spatial.distance.jensenshannon’s documented examples', () => {
    // jensenshannon([1, 0, 0], [0, 1, 0], 2.0) = 1.0; jensenshannon([1, 0, 0], [1, 0, 0]) = 0.0
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0])).toBe(1);
    expect(jensenShannonDistance([1, 0, 0], [1, 0, 0])).toBe(0);
    // jensenshannon([1.0, 0.0], [0.5, 0.5]) = 0.46450140402245893 in nats; base 2 divides the
    // divergence by ln 2, so the distance by √ln 2.
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(
      0.46450140402245893 / Math.sqrt(Math.LN2),
      14,
    );
  });

  it('matches a hand computation on two median bins', () => {
    // Reference 1…10 → [0.5, 0.5]; current [1, 2, 3, 7] → [0.75, 0.25]; m = [0.625, 0.375].
    // ½(0.5·log2(0.5/0.625) + 0.5·log2(0.5/0.375)) + ½(0.75·log2(0.75/0.625) + 0.25·log2(0.25/0.375))
    //   = 0.0232774 + 0.0255176 = 0.0487949 → √ = 0.2208958
    const ref = summarizeReference([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'x', 2);
    expect(jensenShannon(ref, S([1, 2, 3, 7]))).toBeCloseTo(0.2208958, 7);
  });

  it('is 0 for identical samples and ≤ 1 when all current mass is in one reference bin', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const ref = summarizeReference(xs);
    expect(jensenShannon(ref, S(xs))).toBe(0);
    // Ten bins of 0.1 against [0, …, 0, 1]: nine bins give 0.1·log2(0.1/0.05) = 0.1 each; the last
    // 0.1·log2(0.1/0.55) + 1·log2(1/0.55). Divergence (0.9 − 0.245943 + 0.862496) / 2 = 0.758276.
    const far = S(xs.map((x) => x + 1000));
    const expected = Math.sqrt((0.9 + 0.1 * Math.log2(0.1 / 0.55) + Math.log2(1 / 0.55)) / 2);
    expect(jensenShannon(ref, far)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.870791, 6);
  });

  it('reaches 1 for a constant feature that moves (disjoint supports), without a floor', () => {
    const ref = summarizeReference([5, 5, 5], 'flat');
    expect(jensenShannon(ref, S([5]))).toBe(0);
    expect(jensenShannon(ref, S([6, 7]))).toBe(1);
  });

  it('refuses an empty current window, naming the feature', () => {
    const ref = summarizeReference([1, 2, 3], 'spread_bps');
    expect(() => jensenShannon(ref, sortedSample([], 'spread_bps', 0))).toThrow(
      /^spread_bps: the current window/,
    );
    expect(() => jensenShannonDistance([1], [0.5, 0.5], 'x')).toThrow(/^x: Jensen-Shannon needs matching/);
  });
});
