import { DETECTOR_MODES, type DetectorMode, type DetectorStep } from './detector-step.js';
import { inputError, isFiniteNumber, requireFinite, stdev } from './sample.js';

/**
 * Page-Hinkley (Page 1954; Hinkley 1971), two-sided, with River's update (`drift.PageHinkley`):
 *
 *   x̄ₙ running mean since the last reset,  dev = xₙ − x̄ₙ,
 *   Uₙ = α·Uₙ₋₁ + dev − δ,   Dₙ = α·Dₙ₋₁ + dev + δ,
 *   alarm (from the `warmup`-th point on) when Uₙ − min U > λ (increase) or max D − Dₙ > λ (decrease).
 *
 * River reads δ and λ in the stream's own units. Our streams have very different units (daily P&L in
 * currency, slippage residuals in bps), so by default (`standardize`) δ and λ are in units of the standard
 * deviation σ₀ of the first `warmup` points: exactly River's test on x / σ₀. The warm-up points are held
 * until σ₀ is known, then replayed, so no point is lost. `standardize: false` is River's detector as is.
 * With σ₀ = 0 (a constant warm-up) any later change of value alarms. As in River, an alarm resets it.
 */
export interface PageHinkleyParams {
  /** Magnitude of change tolerated per point (in σ₀ when standardised). @default 0.005 */
  delta: number;
  /** Alarm threshold λ on the cumulative deviation (in σ₀ when standardised). @default 50 */
  lambda: number;
  /** Points before an alarm is possible; also the points σ₀ is estimated from. @default 30 */
  warmup: number;
  /** Forgetting factor of the cumulative sums; 1 forgets nothing. @default 0.9999 */
  alpha: number;
  /** Which changes alarm. @default 'both' */
  mode: DetectorMode;
  /** Read δ and λ in units of the warm-up σ₀ rather than raw units. @default true */
  standardize: boolean;
}

export const PAGE_HINKLEY_DEFAULTS: Readonly<PageHinkleyParams> = Object.freeze({
  delta: 0.005,
  lambda: 50,
  warmup: 30,
  alpha: 0.9999,
  mode: 'both',
  standardize: true,
});

/** Plain JSON: persists between cycles and restarts as it is. */
export interface PageHinkleyState {
  kind: 'page-hinkley';
  v: 1;
  /** Points since the last reset that have entered the sums. */
  n: number;
  /** Warm-up points held until σ₀ is known (standardised mode only). */
  pending: number[];
  /** σ₀ (1 in raw mode); null while the warm-up is still being collected. */
  scale: number | null;
  mean: number;
  up: number;
  upMin: number;
  down: number;
  downMax: number;
}

/** A fresh Page-Hinkley state for these parameters (default standardised). */
export const pageHinkleyInit = (p: PageHinkleyParams = PAGE_HINKLEY_DEFAULTS): PageHinkleyState => ({
  kind: 'page-hinkley',
  v: 1,
  n: 0,
  pending: [],
  scale: p.standardize ? null : 1,
  mean: 0,
  up: 0,
  upMin: 0,
  down: 0,
  downMax: 0,
});

/** True for a state this version of `pageHinkleyStep` can continue. */
export const isPageHinkleyState = (x: unknown): x is PageHinkleyState => {
  const s = x as PageHinkleyState | null;
  if (typeof s !== 'object' || s === null || s.kind !== 'page-hinkley' || s.v !== 1) return false;
  if (!Array.isArray(s.pending)) return false;
  for (const v of s.pending) if (!isFiniteNumber(v)) return false;
  if (s.scale !== null && !(isFiniteNumber(s.scale) && s.scale >= 0)) return false;
  return (
    isFiniteNumber(s.n) &&
    isFiniteNumber(s.mean) &&
    isFiniteNumber(s.up) &&
    isFiniteNumber(s.upMin) &&
    isFiniteNumber(s.down) &&
    isFiniteNumber(s.downMax)
  );
};

const checkParams = (p: PageHinkleyParams, stream: string) => {
  if (!(p.delta >= 0) || !Number.isFinite(p.delta)) {
    throw inputError(stream, `Page-Hinkley delta must be finite and ≥ 0, got ${p.delta}`);
  }
  if (!(p.lambda > 0) || !Number.isFinite(p.lambda)) {
    throw inputError(stream, `Page-Hinkley lambda must be finite and > 0, got ${p.lambda}`);
  }
  // σ₀ needs two points; River's raw detector accepts one.
  const minWarmup = p.standardize ? 2 : 1;
  if (!Number.isInteger(p.warmup) || p.warmup < minWarmup) {
    throw inputError(stream, `Page-Hinkley warmup must be an integer ≥ ${minWarmup}, got ${p.warmup}`);
  }
  if (!(p.alpha > 0 && p.alpha <= 1))
    throw inputError(stream, `Page-Hinkley alpha must lie in (0, 1], got ${p.alpha}`);
  if (!DETECTOR_MODES.includes(p.mode))
    throw inputError(stream, `Page-Hinkley mode must be up, down or both`);
};

/** One point into the sums (mutates t); the direction of an alarm, or null. */
const update = (
  t: PageHinkleyState,
  x: number,
  p: PageHinkleyParams,
  scale: number,
): 'up' | 'down' | null => {
  t.n += 1;
  t.mean += (x - t.mean) / t.n;
  const dev = x - t.mean;
  t.up = p.alpha * t.up + dev - p.delta * scale;
  t.down = p.alpha * t.down + dev + p.delta * scale;
  // River starts the extremes at ±∞; the first sums are the same thing without a non-JSON value.
  t.upMin = t.n === 1 ? t.up : Math.min(t.upMin, t.up);
  t.downMax = t.n === 1 ? t.down : Math.max(t.downMax, t.down);
  if (t.n < p.warmup) return null;
  const limit = p.lambda * scale;
  if (p.mode !== 'down' && t.up - t.upMin > limit) return 'up';
  if (p.mode !== 'up' && t.downMax - t.down > limit) return 'down';
  return null;
};

/**
 * Feeds one value; pure (the input state is not modified). Defaults: δ 0.005, λ 50, 30 warm-up,
 * α 0.9999, both directions, δ and λ in warm-up σ. After an alarm the returned state is fresh.
 */
export const pageHinkleyStep = (
  s: PageHinkleyState,
  x: number,
  p: PageHinkleyParams = PAGE_HINKLEY_DEFAULTS,
  stream = 'value',
): DetectorStep<PageHinkleyState> => {
  checkParams(p, stream);
  requireFinite(x, stream, 'the observation');
  if (!isPageHinkleyState(s)) {
    throw inputError(stream, 'not a Page-Hinkley state of this version (start from pageHinkleyInit())');
  }
  const t: PageHinkleyState = { ...s, pending: s.pending.slice() };
  let direction: 'up' | 'down' | null = null;
  if (t.scale === null) {
    t.pending.push(x);
    if (t.pending.length < p.warmup) return { state: t, alarm: false, direction: null };
    const scale = stdev(t.pending, 1);
    const replay = t.pending;
    t.pending = [];
    t.scale = scale;
    // Only the last replayed point can alarm: the earlier ones are before the warm-up is complete.
    for (const v of replay) direction = update(t, v, p, scale);
  } else {
    direction = update(t, x, p, t.scale);
  }
  return direction === null
    ? { state: t, alarm: false, direction: null }
    : { state: pageHinkleyInit(p), alarm: true, direction };
};
