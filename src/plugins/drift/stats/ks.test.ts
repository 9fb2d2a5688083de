import { KS_EXACT_MAX_N, kolmogorovSurvival, ks2, ksExactPValue, ksStatistic } from './ks.js';
import { sortedSample } from './sample.js';

const S = (xs: number[]) => sortedSample(xs);

/** Every way to split the pooled values into samples of n and m (independent of the lattice count). */
const permutationDistribution = (n: number, m: number): number[] => {
  const pooled = Array.from({ length: n + m }, (_, i) => i);
  const ds: number[] = [];
  const choose = (start: number, picked: number[]) => {
    if (picked.length === n) {
      const a = picked;
      const b = pooled.filter((v) => !picked.includes(v));
      ds.push(ksStatistic(S(a), S(b)));
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return ds;
};

const binom = (n: number, k: number): bigint => {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
};

describe('two-sample Kolmogorov-Smirnov statistic', () => {
  it('matches scipy’s definition, ties stepped past together (hand)', () => {
    // a = [1, 2, 2, 3], b = [2, 2, 2, 4]. At the distinct pooled values 1, 2, 3, 4:
    // F_a = .25, .75, 1, 1 and F_b = 0, .75, .75, 1 → D = 0.25. Stepping through the tied 2s one by one
    // would open a false gap of 0.75 at x = 2.
    expect(ksStatistic(S([1, 2, 2, 3]), S([2, 2, 2, 4]))).toBe(0.25);
    expect(ks2(S([1, 1, 2, 2]), S([1, 2]))).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('is 0 for identical samples and 1 for disjoint ones', () => {
    const xs = [0.3, 1.2, -4, 8, 2.5];
    expect(ks2(S(xs), S(xs))).toMatchObject({ statistic: 0, pValue: 1, method: 'exact' });
    expect(ksStatistic(S(xs), S(xs.map((x) => x + 100)))).toBe(1);
  });
});

describe('exact p-values', () => {
  it('scipy: ks_2samp([1, 2, 3], [4, 5, 6]) → statistic 1.0, pvalue 0.1', () => {
    // Two of the C(6, 3) = 20 orderings (all-low or all-high) reach D = 1: p = 2/20.
    expect(ks2(S([1, 2, 3]), S([4, 5, 6]))).toEqual({
      statistic: 1,
      pValue: expect.closeTo(0.1, 14),
      method: 'exact',
      n: 3,
      m: 3,
    });
  });

  it('equals brute-force enumeration of every split, at every attainable D', () => {
    for (const [n, m] of [
      [5, 6],
      [3, 7],
      [4, 4],
      [1, 5],
    ] as const) {
      const ds = permutationDistribution(n, m);
      for (const d of new Set(ds)) {
        const share = ds.filter((x) => x >= d - 1e-12).length / ds.length;
        expect(ksExactPValue(n, m, d)).toBeCloseTo(share, 13);
      }
    }
  });

  it('equals the Gnedenko-Korolyuk formula for equal sizes (exact binomials)', () => {
    // P(D_{n,n} ≥ h/n) = 2 Σ_{k≥1} (−1)^(k+1) C(2n, n − kh) / C(2n, n)
    const n = 40;
    for (const h of [3, 5, 8, 12, 20, 40]) {
      let num = 0n;
      for (let k = 1; k * h <= n; k++) num += (k % 2 ? 2n : -2n) * binom(2 * n, n - k * h);
      expect(ksExactPValue(n, n, h / n)).toBeCloseTo(Number(num) / Number(binom(2 * n, n)), 14);
    }
  });

  it('keeps the relative precision of tiny p-values (counted directly, not as 1 − inside)', () => {
    // Fully separated samples of 30 and 30: only 2 of C(60, 30) orderings, p = 1.69112e-17.
    const p = ksExactPValue(30, 30, 1);
    expect(p / (2 / Number(binom(60, 30)))).toBeCloseTo(1, 12);
    // Samples of one value: D = 1 is attained by both orderings, p = 1.
    expect(ks2(S([1]), S([2]))).toMatchObject({ statistic: 1, pValue: 1 });
  });
});

describe('asymptotic p-values', () => {
  it('Kolmogorov distribution at tabulated points (Smirnov 1948 critical values; scipy kstwobign.sf(1))', () => {
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 4);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(1.9495)).toBeCloseTo(0.001, 5);
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.26999967167735456, 14);
    expect(kolmogorovSurvival(0)).toBe(1);
    // The two series meet at z = 1 without a step, and the survival function only falls.
    expect(Math.abs(kolmogorovSurvival(1 - 1e-9) - kolmogorovSurvival(1))).toBeLessThan(2e-9);
    const grid = Array.from({ length: 400 }, (_, i) => i / 100);
    for (let i = 1; i < grid.length; i++) {
      expect(kolmogorovSurvival(grid[i]!)).toBeLessThanOrEqual(kolmogorovSurvival(grid[i - 1]!));
    }
  });

  it('switches like scipy’s method="auto": exact up to max(n, m) = 10,000', () => {
    const big = S(Array.from({ length: KS_EXACT_MAX_N + 1 }, (_, i) => Math.sin(i) * 2));
    const edge = S(Array.from({ length: KS_EXACT_MAX_N }, (_, i) => Math.sin(i) * 2));
    const small = S(Array.from({ length: 40 }, (_, i) => Math.cos(i * 7) + 0.3));
    const r = ks2(big, small);
    expect(r.method).toBe('asymptotic');
    expect(r.pValue).toBeCloseTo(kolmogorovSurvival(Math.sqrt((r.n * r.m) / (r.n + r.m)) * r.statistic), 15);
    expect(ks2(edge, small).method).toBe('exact');
    expect(ks2(edge, small, { method: 'asymptotic' }).method).toBe('asymptotic');
  });

  it('agrees with the exact law where both apply (n = m = 1000)', () => {
    // √(1000·1000/2000)·0.06 = 1.3416: the Kolmogorov limit gives 0.05465, the lattice count 0.05463.
    expect(ksExactPValue(1000, 1000, 0.06)).toBeCloseTo(kolmogorovSurvival(Math.sqrt(500) * 0.06), 3);
  });

  it('goes asymptotic when the exact count would be expensive and p is negligible anyway', () => {
    // n = m = 5000 fully separated: D·n·m = 2.5e7 > 1e7, z = 50 → p ≈ 0.
    const a = S(Array.from({ length: 5000 }, (_, i) => i));
    const b = S(Array.from({ length: 5000 }, (_, i) => 1e6 + i));
    expect(ks2(a, b)).toMatchObject({ statistic: 1, pValue: 0, method: 'asymptotic' });
  });
});

describe('input validation', () => {
  it('refuses empty samples and unknown methods, naming the feature', () => {
    const empty = sortedSample([], 'momentum_z', 0);
    expect(() => ks2(S([1]), empty, { feature: 'momentum_z' })).toThrow(
      /^momentum_z: the second sample needs at least 1/,
    );
    expect(() => ks2(empty, S([1]), { feature: 'momentum_z' })).toThrow(/^momentum_z: the first sample/);
    expect(() => ks2(S([1]), S([2]), { method: 'magic' as never, feature: 'rsi' })).toThrow(
      /^rsi: KS method/,
    );
    expect(() => ksExactPValue(0, 3, 0.5)).toThrow(/positive integer sizes/);
    expect(() => ksExactPValue(3, 3, 1.5)).toThrow(/D must lie in \[0, 1\]/);
  });
});
