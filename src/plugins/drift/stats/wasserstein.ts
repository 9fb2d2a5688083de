import { inputError, requireFinite, requireSize, type SortedSample } from './sample.js';

/** Evidently's floor on the normalising σ, so a constant reference does not divide by zero. */
export const WASSERSTEIN_SD_FLOOR = 0.001;

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions, ∫ |F_a(x) − F_b(x)| dx,
 * exact in O(n + m) by walking the pooled sorted values (scipy.stats.wasserstein_distance, unweighted).
 */
export const wasserstein1 = (a: SortedSample, b: SortedSample, feature = 'value'): number => {
  requireSize(a.length, 1, feature, 'first sample');
  requireSize(b.length, 1, feature, 'second sample');
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let prev = a[0]! <= b[0]! ? a[0]! : b[0]!;
  let w = 0;
  while (i < n || j < m) {
    const x = j >= m || (i < n && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    // Between the previous pooled value and x both CDFs are flat: the gap times the width.
    w += Math.abs(i / n - j / m) * (x - prev);
    prev = x;
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
  }
  return w;
};

/**
 * W₁ divided by the reference's standard deviation, floored at 0.001 (Evidently's "Wasserstein distance
 * (normed)", which uses the population σ, np.std): pass `ReferenceSummary.sd`. A scale-free distance, so
 * one threshold (0.1) serves every feature.
 */
export const wassersteinNormalized = (
  ref: SortedSample,
  refSd: number,
  current: SortedSample,
  feature = 'value',
): number => {
  requireSize(ref.length, 2, feature, 'reference');
  requireFinite(refSd, feature, 'the reference standard deviation');
  if (refSd < 0) throw inputError(feature, `the reference standard deviation is negative (${refSd})`);
  return wasserstein1(ref, current, feature) / Math.max(refSd, WASSERSTEIN_SD_FLOOR);
};
