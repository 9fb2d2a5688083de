import { DETECTOR_MODES, type DetectorMode, type DetectorStep } from './detector-step.js';
import { inputError, isFiniteNumber, requireFinite } from './sample.js';

/**
 * Two-sided tabular CUSUM (Page 1954) as River's `drift.CUSUM` defines it: the mean μ₀ and sample σ₀
 * (n − 1) of the first `warmup` points are frozen (a running mean would chase the very shift being looked
 * for), then
 *
 *   S⁺ₙ = max(0, S⁺ₙ₋₁ + (xₙ − μ₀) − k·σ₀),   S⁻ₙ = max(0, S⁻ₙ₋₁ − (xₙ − μ₀) − k·σ₀),
 *
 * alarming when either exceeds h·σ₀ (the warm-up's last point is already tested). At k = 0.5, h = 5 the
 * in-control average run length is a few hundred points by design (about 465 two-sided with known μ, σ),
 * so long stable streams do alarm now and then. With σ₀ = 0 any later change of value alarms. As in River,
 * an alarm resets the detector, which then learns μ₀ and σ₀ afresh from the next `warmup` points.
 */
export interface CusumParams {
  /** Slack k, in σ₀. @default 0.5 */
  k: number;
  /** Decision threshold h, in σ₀. @default 5 */
  h: number;
  /** Points that fix μ₀ and σ₀. @default 30 */
  warmup: number;
  /** Which changes alarm. @default 'both' */
  mode: DetectorMode;
}

export const CUSUM_DEFAULTS: Readonly<CusumParams> = Object.freeze({
  k: 0.5,
  h: 5,
  warmup: 30,
  mode: 'both',
});

/** Plain JSON: persists between cycles and restarts as it is. */
export interface CusumState {
  kind: 'cusum';
  v: 1;
  /** Points since the last reset. */
  n: number;
  /** Welford accumulators over the warm-up. */
  mean: number;
  m2: number;
  /** μ₀ and σ₀ once frozen; null during the warm-up. */
  reference: number | null;
  sigma: number;
  high: number;
  low: number;
}

/** A fresh CUSUM state (warm-up not started). */
export const cusumInit = (): CusumState => ({
  kind: 'cusum',
  v: 1,
  n: 0,
  mean: 0,
  m2: 0,
  reference: null,
  sigma: 0,
  high: 0,
  low: 0,
});

/** True for a state this version of `cusumStep` can continue. */
export const isCusumState = (x: unknown): x is CusumState => {
  const s = x as CusumState | null;
  if (typeof s !== 'object' || s === null || s.kind !== 'cusum' || s.v !== 1) return false;
  if (s.reference !== null && !isFiniteNumber(s.reference)) return false;
  return (
    isFiniteNumber(s.n) &&
    isFiniteNumber(s.mean) &&
    isFiniteNumber(s.m2) &&
    isFiniteNumber(s.sigma) &&
    isFiniteNumber(s.high) &&
    isFiniteNumber(s.low)
  );
};

const checkParams = (p: CusumParams, stream: string) => {
  if (!(p.k >= 0) || !Number.isFinite(p.k))
    throw inputError(stream, `CUSUM k must be finite and ≥ 0, got ${p.k}`);
  if (!(p.h > 0) || !Number.isFinite(p.h))
    throw inputError(stream, `CUSUM h must be finite and > 0, got ${p.h}`);
  if (!Number.isInteger(p.warmup) || p.warmup < 1) {
    throw inputError(stream, `CUSUM warmup must be an integer ≥ 1, got ${p.warmup}`);
  }
  if (!DETECTOR_MODES.includes(p.mode)) throw inputError(stream, `CUSUM mode must be up, down or both`);
};

/**
 * Feeds one value; pure (the input state is not modified). Defaults: k 0.5σ₀, h 5σ₀, 30-point warm-up,
 * both directions. After an alarm the returned state is fresh.
 */
export const cusumStep = (
  s: CusumState,
  x: number,
  p: CusumParams = CUSUM_DEFAULTS,
  stream = 'value',
): DetectorStep<CusumState> => {
  checkParams(p, stream);
  requireFinite(x, stream, 'the observation');
  if (!isCusumState(s))
    throw inputError(stream, 'not a CUSUM state of this version (start from cusumInit())');
  const t: CusumState = { ...s, n: s.n + 1 };
  if (t.reference === null) {
    const d = x - t.mean;
    t.mean += d / t.n;
    t.m2 += d * (x - t.mean);
    if (t.n < p.warmup) return { state: t, alarm: false, direction: null };
    t.reference = t.mean;
    t.sigma = t.n > 1 ? Math.sqrt(Math.max(0, t.m2 / (t.n - 1))) : 0;
  }
  const dev = x - t.reference;
  const slack = p.k * t.sigma;
  t.high = Math.max(0, t.high + dev - slack);
  t.low = Math.max(0, t.low - dev - slack);
  const limit = p.h * t.sigma;
  const direction =
    p.mode !== 'down' && t.high > limit ? 'up' : p.mode !== 'up' && t.low > limit ? 'down' : null;
  return direction === null
    ? { state: t, alarm: false, direction: null }
    : { state: cusumInit(), alarm: true, direction };
};
