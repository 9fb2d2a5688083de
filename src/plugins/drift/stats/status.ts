import { inputError, requireFinite } from './sample.js';

export type DriftStatus = 'ok' | 'warn' | 'alert';

/**
 * 'up': larger is worse (PSI, JS, Wasserstein, drawdown, Brier), flagged at value ≥ threshold (Evidently's
 * "score ≥ threshold"). 'down': smaller is worse (p-values, Sharpe, hit rate), flagged at value < threshold
 * (DESIGN.md §5: "KS warn p < 0.05").
 */
export type Direction = 'up' | 'down';

/**
 * Status of a value against warn/alert thresholds in a direction (default 'up'). Null, a statistic that
 * could not be computed yet, is 'ok'; NaN is refused (it is a bug upstream, not a reading).
 */
export const statusOf = (
  value: number | null,
  warn: number,
  alert: number,
  direction: Direction = 'up',
  name = 'value',
): DriftStatus => {
  requireFinite(warn, name, 'the warn threshold');
  requireFinite(alert, name, 'the alert threshold');
  if (direction === 'up' ? alert < warn : alert > warn) {
    throw inputError(
      name,
      `alert threshold ${alert} is less severe than warn ${warn} for direction ${direction}`,
    );
  }
  if (value === null) return 'ok';
  if (Number.isNaN(value)) throw inputError(name, 'the value is NaN');
  if (direction === 'up') return value >= alert ? 'alert' : value >= warn ? 'warn' : 'ok';
  return value < alert ? 'alert' : value < warn ? 'warn' : 'ok';
};

/** The most severe of several statuses ('ok' for none). */
export const worst = (xs: readonly DriftStatus[]): DriftStatus =>
  xs.includes('alert') ? 'alert' : xs.includes('warn') ? 'warn' : 'ok';

/**
 * The feature set drifted when at least `share` (default 0.5, Evidently's drift_share) of its features
 * drift, a feature drifting when its status is not 'ok'. An empty set has not drifted.
 */
export const featureSetDrifted = (statuses: readonly DriftStatus[], share = 0.5): boolean => {
  if (!(share > 0 && share <= 1)) throw inputError('feature set', `share must lie in (0, 1], got ${share}`);
  if (statuses.length === 0) return false;
  return statuses.filter((s) => s !== 'ok').length >= share * statuses.length;
};
