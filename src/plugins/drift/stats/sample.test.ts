import { isHydraError } from '../../../errors.js';
import { countLE, mean, quantile, requireSize, sortedSample, stdev } from './sample.js';

describe('sortedSample', () => {
  it('sorts a copy numerically, −0 before +0, and leaves the input alone', () => {
    const input = [10, -2, 3, 0, -0, 1e-300, -1e300];
    const s = sortedSample(input);
    expect([...s]).toEqual([-1e300, -2, -0, 0, 1e-300, 3, 10]);
    expect(Object.is(s[2], -0)).toBe(true);
    expect(input[0]).toBe(10);
  });

  it('refuses empty samples, naming the feature', () => {
    expect(() => sortedSample([], 'momentum_z')).toThrow(
      'momentum_z: the sample needs at least 1 value(s), got 0',
    );
    expect(() => sortedSample([1], 'vol_20d', 2)).toThrow(/vol_20d: the sample needs at least 2/);
    try {
      sortedSample([], 'momentum_z');
    } catch (e) {
      expect(isHydraError(e, 'HYDRA_ERR_INPUT')).toBe(true);
      expect((e as { details: unknown }).details).toMatchObject({ feature: 'momentum_z', size: 0 });
    }
  });

  it('refuses NaN and ±Infinity, naming the feature and the position', () => {
    expect(() => sortedSample([1, Number.NaN], 'vol_20d')).toThrow(/^vol_20d: value #2 is NaN/);
    expect(() => sortedSample([Number.POSITIVE_INFINITY], 'rsi')).toThrow(/^rsi: value #1 is Infinity/);
    expect(() => sortedSample(Float64Array.of(0, Number.NEGATIVE_INFINITY), 'x')).toThrow(
      /value #2 is -Infinity/,
    );
    expect(() => requireSize(0, 1, 'gap', 'current window')).toThrow(
      'gap: the current window needs at least 1',
    );
  });
});

describe('order statistics and moments', () => {
  it('counts values ≤ x by binary search, ties included', () => {
    const s = sortedSample([1, 2, 2, 2, 5]);
    expect([0, 1, 2, 3, 5, 9].map((x) => countLE(s, x))).toEqual([0, 1, 4, 4, 5, 5]);
  });

  it('computes numpy’s "linear" quantiles (numpy.quantile docs and hand)', () => {
    // numpy docs: np.quantile([[10, 7, 4], [3, 2, 1]], 0.5) = 3.5 (flattened median).
    const s = sortedSample([10, 7, 4, 3, 2, 1]);
    expect(quantile(s, 0.5)).toBe(3.5);
    // pos = 5 · 0.25 = 1.25 → 2 + 0.25 · (3 − 2); pos = 5 · 0.9 = 4.5 → 7 + 0.5 · 3.
    expect(quantile(s, 0.25)).toBe(2.25);
    expect(quantile(s, 0.9)).toBe(8.5);
    expect([quantile(s, 0), quantile(s, 1)]).toEqual([1, 10]);
    expect(quantile(sortedSample([4]), 0.3)).toBe(4);
    // Between equal order statistics the result is exactly that value.
    expect(quantile(sortedSample([0.1, 0.1, 0.1, 0.7]), 0.4)).toBe(0.1);
  });

  it('computes mean and standard deviation with either ddof', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations 32 → population σ 2, sample σ √(32/7).
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(stdev(xs, 0)).toBe(2);
    expect(stdev(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(stdev([3])).toBe(0);
  });
});
