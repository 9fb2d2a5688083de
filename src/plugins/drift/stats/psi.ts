import { binProportions, type ReferenceSummary } from './reference.js';
import { inputError, requireSize, type SortedSample } from './sample.js';

/**
 * Proportion an empty (or nearly empty) bin is raised to before logs are taken: PSI is infinite for an empty
 * bin otherwise. 1e-4 is Evidently's value. With 10 bins a bin holds about 0.1 of the reference, so one
 * emptied bin contributes about 0.1 · ln(0.1 / 1e-4) ≈ 0.69: finite, and still far above the 0.25 alert
 * threshold on its own. It sits below 1/n for windows of up to 10,000 values, so any observed count stays
 * above it. Applied as max(p, floor), so one value in a bin never scores worse than none.
 */
export const EMPTY_BIN_FLOOR = 1e-4;

/** PSI = Σ (a − e) · ln(a / e) over matching bins, both floored at `floor` (default 1e-4). */
export const psiFromProportions = (
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  floor = EMPTY_BIN_FLOOR,
  feature = 'value',
): number => {
  if (expected.length !== actual.length || expected.length === 0) {
    throw inputError(
      feature,
      `PSI needs matching, non-empty bins (got ${expected.length} and ${actual.length})`,
    );
  }
  let s = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k]!, floor);
    const a = Math.max(actual[k]!, floor);
    s += (a - e) * Math.log(a / e);
  }
  return s;
};

/**
 * Population stability index of the current window against the reference, over the reference's quantile
 * bins (default 10, see `quantileEdges`), empty bins floored at 1e-4.
 */
export const psi = (ref: ReferenceSummary, current: SortedSample, feature = ref.feature): number => {
  requireSize(current.length, 1, feature, 'current window');
  return psiFromProportions(ref.proportions, binProportions(current, ref.edges), EMPTY_BIN_FLOOR, feature);
};
