import { hydraError } from '../../errors.js';

/**
 * Parameters of the momentum model. Everything that shapes its output lives here, JSON-serialisable, so a
 * promoted challenger is rebuilt from the stored params alone.
 */
export interface MomentumParams {
  /**
   * Lookbacks of the momentum returns, in trading days (about 1, 3 and 6 months). Blending horizons is the
   * usual hedge against any single one being the wrong speed for the current trend.
   * @default [20, 60, 120]
   */
  lookbacks: number[];
  /** Weight of each lookback in the signal, normalised to sum 1. @default [1, 1, 1] */
  lookbackWeights: number[];
  /** Window of daily log returns behind the realised volatility. @default 20 */
  volWindow: number;
  /**
   * Floor of the annualised volatility used for sizing and z-scores (the `vol_*` feature stays raw). A stale
   * or halted price has near-zero realised volatility and would otherwise ask for an unbounded position.
   * @default 0.05
   */
  volFloor: number;
  /** Window of the moving average behind the distance-from-mean feature. @default 50 */
  maWindow: number;
  /** Days of volume the last day's volume is compared with. @default 20 */
  volumeWindow: number;
  /**
   * Annualised volatility each position targets, as a fraction of equity (Moskowitz, Ooi & Pedersen 2012
   * size every position to the same ex-ante volatility). 4% per name: ten fully-sized names at ~30% vol
   * hold ~1.3× equity gross, inside the risk gate's default 1.5×, and with the 0.3–0.5 correlation typical
   * of US large caps that is roughly 10–15% portfolio volatility in an ordinary mix of signals.
   * @default 0.04
   */
  targetVol: number;
  /** Largest weight of one symbol, as a fraction of equity (either side). @default 0.2 */
  maxWeight: number;
  /**
   * |signal| at which a position reaches full size; smaller signals scale it linearly. The blended z of a
   * driftless random walk has a standard deviation of about 0.84 with the default lookbacks, so full size
   * needs a move a little beyond one standard deviation.
   * @default 1
   */
  signalSaturation: number;
  /** |signal| below which the target is flat: no churning on noise. @default 0.25 */
  deadband: number;
  /**
   * Intercept a of P(up) = logistic(a + b·signal). 0 keeps P(up) > 0.5 exactly when the signal is positive,
   * so the hit rate measured downstream scores the direction of the momentum and nothing else.
   * @default 0
   */
  logisticIntercept: number;
  /**
   * Slope b of P(up) = logistic(a + b·signal). Deliberately small: next-day direction is barely predictable
   * from daily momentum, and 0.1 gives 0.525 at signal 1 and 0.55 at signal 2, modest claims that the
   * calibration monitor (Brier, reliability) can confirm or refute rather than an overconfident default.
   * @default 0.1
   */
  logisticSlope: number;
}

/** The champion's parameters; see each field of {@link MomentumParams} for why. */
export const DEFAULT_MOMENTUM: Readonly<MomentumParams> = Object.freeze({
  lookbacks: [20, 60, 120],
  lookbackWeights: [1, 1, 1],
  volWindow: 20,
  volFloor: 0.05,
  maWindow: 50,
  volumeWindow: 20,
  targetVol: 0.04,
  maxWeight: 0.2,
  signalSaturation: 1,
  deadband: 0.25,
  logisticIntercept: 0,
  logisticSlope: 0.1,
});

const positiveInt = (x: unknown) => Number.isInteger(x) && (x as number) > 0;
const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

/**
 * Defaults overlaid with `overrides`, checked: params come back from storage when a challenger is promoted,
 * and a bad one must fail at construction, naming the strategy, not as NaN targets mid-cycle.
 */
export const momentumParams = (
  overrides: Partial<MomentumParams> = {},
  strategy = 'momentum',
): MomentumParams => {
  const p: MomentumParams = { ...DEFAULT_MOMENTUM, ...overrides };
  // Own copies: a caller mutating its arrays later must not change what an evaluate already built returns.
  if (Array.isArray(p.lookbacks)) p.lookbacks = [...p.lookbacks];
  if (Array.isArray(p.lookbackWeights)) p.lookbackWeights = [...p.lookbackWeights];
  // Lookbacks given without weights get equal weights, not the defaults' (whose length may differ).
  if (overrides.lookbacks && !overrides.lookbackWeights) p.lookbackWeights = p.lookbacks.map(() => 1);
  const problems: string[] = [];
  if (
    !Array.isArray(p.lookbacks) ||
    p.lookbacks.length === 0 ||
    !p.lookbacks.every(positiveInt) ||
    new Set(p.lookbacks).size !== p.lookbacks.length
  )
    problems.push('lookbacks must be a non-empty list of distinct positive integers');
  if (
    !Array.isArray(p.lookbackWeights) ||
    p.lookbackWeights.length !== p.lookbacks?.length ||
    !p.lookbackWeights.every((w) => finite(w) && w >= 0) ||
    !(p.lookbackWeights.reduce((a, b) => a + b, 0) > 0)
  )
    problems.push('lookbackWeights must be non-negative, one per lookback, with a positive sum');
  if (!Number.isInteger(p.volWindow) || p.volWindow < 2) problems.push('volWindow must be an integer ≥ 2');
  for (const k of ['maWindow', 'volumeWindow'] as const)
    if (!positiveInt(p[k])) problems.push(`${k} must be a positive integer`);
  for (const k of ['volFloor', 'targetVol', 'maxWeight', 'signalSaturation', 'logisticSlope'] as const)
    if (!positive(p[k])) problems.push(`${k} must be a positive number`);
  if (!finite(p.deadband) || p.deadband < 0) problems.push('deadband must be a number ≥ 0');
  if (!finite(p.logisticIntercept)) problems.push('logisticIntercept must be a finite number');
  if (problems.length > 0)
    throw hydraError('HYDRA_ERR_INPUT', `strategy ${strategy}: invalid parameters: ${problems.join('; ')}`, {
      strategy,
      problems,
    });
  return p;
};

/** Bars a symbol needs: the longest lookback's return, the volatility window's returns, the averages. */
export const momentumHistory = (p: MomentumParams): number =>
  Math.max(Math.max(...p.lookbacks) + 1, p.volWindow + 1, p.maWindow, p.volumeWindow + 1);
