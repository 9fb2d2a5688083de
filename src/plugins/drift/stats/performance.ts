import { inputError, requireFinite } from './sample.js';

// Forecast scoring lives in forecasts.ts; analyze.ts and schema.ts import it from here.
export { type Calibration, calibration, hitRate, type Outcome, type ReliabilityBin } from './forecasts.js';

/** Trading days in a year: the usual √252 annualisation of daily Sharpe ratios. */
export const TRADING_DAYS_PER_YEAR = 252;

const finite = (xs: ArrayLike<number>, name: string) => {
  for (let i = 0; i < xs.length; i++) requireFinite(xs[i]!, name, `value #${i + 1}`);
};

/** Simple returns e[i] / e[i−1] − 1 of an equity series; every value but the last must be positive. */
export const returnsOf = (equity: ArrayLike<number>, name = 'equity'): number[] => {
  finite(equity, name);
  const out: number[] = [];
  for (let i = 1; i < equity.length; i++) {
    const prev = equity[i - 1]!;
    if (prev <= 0) throw inputError(name, `value #${i} is ${prev}: a return needs positive equity before it`);
    out.push(equity[i]! / prev - 1);
  }
  return out;
};

const sharpeOf = (r: ArrayLike<number>, from: number, to: number, periodsPerYear: number): number | null => {
  const n = to - from;
  if (n < 2) return null;
  let m = 0;
  for (let i = from; i < to; i++) m += r[i]!;
  m /= n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (r[i]! - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  // Constant returns have no risk to divide by: undefined rather than ±Infinity.
  return sd > 0 ? (m / sd) * Math.sqrt(periodsPerYear) : null;
};

const checkPeriods = (periodsPerYear: number, name: string) => {
  if (!(periodsPerYear > 0) || !Number.isFinite(periodsPerYear)) {
    throw inputError(name, `periodsPerYear must be finite and > 0, got ${periodsPerYear}`);
  }
};

/**
 * Annualised Sharpe ratio of periodic (excess) returns: mean / sample σ (n − 1) × √periodsPerYear (default
 * 252). Null below two returns or with σ = 0: early in a system's life that is the normal state, not bad
 * input.
 */
export const sharpe = (
  returns: ArrayLike<number>,
  periodsPerYear = TRADING_DAYS_PER_YEAR,
  name = 'returns',
): number | null => {
  checkPeriods(periodsPerYear, name);
  finite(returns, name);
  return sharpeOf(returns, 0, returns.length, periodsPerYear);
};

export interface RollingSharpeOptions {
  /** Returns per window. @default 60 */
  window?: number;
  /** @default 252 */
  periodsPerYear?: number;
}

/**
 * The Sharpe ratio of each trailing window of `window` returns (default 60, annualised with √252), one
 * entry per return: null until the window is full and where σ = 0. O(n · window), exact per window.
 */
export const rollingSharpe = (
  returns: ArrayLike<number>,
  options: RollingSharpeOptions = {},
  name = 'returns',
): (number | null)[] => {
  const window = options.window ?? 60;
  const periodsPerYear = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  if (!Number.isInteger(window) || window < 2)
    throw inputError(name, `window must be an integer ≥ 2, got ${window}`);
  checkPeriods(periodsPerYear, name);
  finite(returns, name);
  const out: (number | null)[] = [];
  for (let i = 0; i < returns.length; i++) {
    out.push(i + 1 < window ? null : sharpeOf(returns, i + 1 - window, i + 1, periodsPerYear));
  }
  return out;
};

const checkedPeaks = (equity: ArrayLike<number>, name: string) => {
  finite(equity, name);
  if (equity.length > 0 && equity[0]! <= 0) {
    throw inputError(name, `value #1 is ${equity[0]}: drawdowns are fractions of a positive peak`);
  }
};

/** Drawdown at each point, (running peak − equity) / running peak: 0 at a new high, 0.25 a quarter below. */
export const drawdownSeries = (equity: ArrayLike<number>, name = 'equity'): Float64Array => {
  checkedPeaks(equity, name);
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    peak = Math.max(peak, equity[i]!);
    out[i] = (peak - equity[i]!) / peak;
  }
  return out;
};

/** Current and maximum drawdown of an equity series, as fractions of the running peak; null when empty. */
export const drawdowns = (
  equity: ArrayLike<number>,
  name = 'equity',
): { current: number | null; max: number | null } => {
  const dd = drawdownSeries(equity, name);
  if (dd.length === 0) return { current: null, max: null };
  let max = 0;
  for (let i = 0; i < dd.length; i++) max = Math.max(max, dd[i]!);
  return { current: dd[dd.length - 1]!, max };
};
