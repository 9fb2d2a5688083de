import { binProportions, nextDown, quantileEdges, summarizeReference } from './reference.js';
import { sortedSample } from './sample.js';

describe('reference summary', () => {
  it('fixes the edges at the reference deciles and holds a tenth in each bin', () => {
    // numpy: np.quantile(np.arange(100), [0.1, …, 0.9]) = 9.9, 19.8, …, 89.1.
    const ref = summarizeReference(
      Array.from({ length: 100 }, (_, i) => i),
      'x',
    );
    expect([...ref.edges].map((e) => +e.toFixed(9))).toEqual([
      9.9, 19.8, 29.7, 39.6, 49.5, 59.4, 69.3, 79.2, 89.1,
    ]);
    expect([...ref.proportions]).toEqual(Array(10).fill(0.1));
    expect(ref.mean).toBe(49.5);
    // Population σ of 0…99: √((100² − 1) / 12).
    expect(ref.sd).toBeCloseTo(Math.sqrt(9999 / 12), 12);
    expect(ref.sorted.length).toBe(100);
  });

  it('bins are right-closed: a value equal to an edge belongs to the bin below it', () => {
    const ref = summarizeReference([1, 2, 3, 4], 'x', 2);
    expect([...ref.edges]).toEqual([2.5]);
    expect([...binProportions(sortedSample([2.5, 2.5, 3]), ref.edges)]).toEqual([2 / 3, 1 / 3]);
  });

  it('a constant feature gets three bins, below / at / above the constant, instead of one', () => {
    const ref = summarizeReference([3, 3, 3, 3], 'flat');
    expect([...ref.edges]).toEqual([nextDown(3), 3]);
    expect([...ref.proportions]).toEqual([0, 1, 0]);
    expect(ref.sd).toBe(0);
    expect([...binProportions(sortedSample([2.9, 3, 3.1, 3.1]), ref.edges)]).toEqual([0.25, 0.25, 0.5]);
  });

  it('merges tied quantiles of features with atoms, keeping edges strictly increasing', () => {
    // 60 % zeros then 1…4: deciles 0 ×6, then 1, 2.something…; the zeros sit at the minimum, so an edge
    // just below 0 gives values below the reference a bin of their own.
    const xs = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    const edges = quantileEdges(sortedSample(xs), 10);
    expect(edges[0]).toBe(nextDown(0));
    expect(edges[1]).toBe(0);
    for (let k = 1; k < edges.length; k++) expect(edges[k]!).toBeGreaterThan(edges[k - 1]!);
    const p = binProportions(sortedSample(xs), edges);
    expect(p[0]).toBe(0);
    expect(p[1]).toBe(0.6);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('nextDown is the largest double below x', () => {
    expect(nextDown(1)).toBe(1 - 2 ** -53);
    expect(nextDown(-1)).toBe(-1 - 2 ** -52);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextDown(Number.MIN_VALUE)).toBe(0);
  });

  it('refuses bad bin counts and empty or non-finite references, naming the feature', () => {
    expect(() => summarizeReference([1, 2], 'spread', 1)).toThrow(/spread: bins must be an integer ≥ 2/);
    expect(() => summarizeReference([], 'spread')).toThrow(/spread: the sample needs at least 1/);
    expect(() => summarizeReference([1, Number.NaN], 'spread')).toThrow(/spread: value #2 is NaN/);
  });
});
