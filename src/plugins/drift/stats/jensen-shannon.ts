import { binProportions, type ReferenceSummary } from './reference.js';
import { inputError, requireSize, type SortedSample } from './sample.js';

/**
 * Jensen-Shannon distance, base 2: √(½ KL(p‖m) + ½ KL(q‖m)) with m = (p + q) / 2, so it lies in [0, 1]
 * (scipy.spatial.distance.jensenshannon(p, q, base=2)). Empty bins need no floor: 0 · log 0 is taken as 0
 * and m is positive wherever p or q is.
 */
export const jensenShannonDistance = (
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  feature = 'value',
): number => {
  if (p.length !== q.length || p.length === 0) {
    throw inputError(
      feature,
      `Jensen-Shannon needs matching, non-empty bins (got ${p.length} and ${q.length})`,
    );
  }
  let d = 0;
  for (let k = 0; k < p.length; k++) {
    const m = (p[k]! + q[k]!) / 2;
    if (p[k]! > 0) d += p[k]! * Math.log2(p[k]! / m);
    if (q[k]! > 0) d += q[k]! * Math.log2(q[k]! / m);
  }
  // Rounding can leave −1e-17 for identical inputs; the divergence is non-negative and at most 1 in base 2.
  return Math.sqrt(Math.min(1, Math.max(0, d / 2)));
};

/** Jensen-Shannon distance (base 2, in [0, 1]) between reference and current on the PSI's quantile bins. */
export const jensenShannon = (
  ref: ReferenceSummary,
  current: SortedSample,
  feature = ref.feature,
): number => {
  requireSize(current.length, 1, feature, 'current window');
  return jensenShannonDistance(ref.proportions, binProportions(current, ref.edges), feature);
};
