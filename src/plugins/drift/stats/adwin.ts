import type { DetectorStep } from './detector-step.js';
import { inputError, isFiniteNumber, requireFinite } from './sample.js';

/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà 2007), as River's `drift.ADWIN` implements it: the window is
 * an exponential histogram (rows of buckets of 2^r points, at most `maxBuckets` per row), and every
 * `clock` points each cut between buckets into an older part W₀ and a newer part W₁ is tested:
 *
 *   |μ₀ − μ₁| > ε = √(2·v·δ'/m) + (2/3)·δ'/m,  with  δ' = ln(2·ln W / δ),  1/m = 1/(n₀−L+1) + 1/(n₁−L+1),
 *
 * v the window's population variance, W its width and L `minWindowLength` (both parts need ≥ L points).
 * As in River, a detection resets the detector, which then starts a new window with the next point.
 */
export interface AdwinParams {
  /** Confidence: smaller means fewer false alarms and later detection. @default 0.002 */
  delta: number;
  /**
   * Test for a change every `clock` points. River uses 32 to save time on fast streams; ours are slow (one
   * P&L point a day) and a check costs O(log W), so every point is checked. @default 1
   */
  clock: number;
  /** Buckets kept per row before the two oldest merge. @default 5 */
  maxBuckets: number;
  /** Points each side of a cut needs. @default 5 */
  minWindowLength: number;
  /** No test until the window holds more than this many points. @default 10 */
  gracePeriod: number;
}

export const ADWIN_DEFAULTS: Readonly<AdwinParams> = Object.freeze({
  delta: 0.002,
  clock: 1,
  maxBuckets: 5,
  minWindowLength: 5,
  gracePeriod: 10,
});

/** River's own defaults (clock 32), to reproduce its documented results. */
export const ADWIN_RIVER_DEFAULTS: Readonly<AdwinParams> = Object.freeze({ ...ADWIN_DEFAULTS, clock: 32 });

export interface AdwinRow {
  /** Sum of each bucket's points, oldest bucket first. */
  totals: number[];
  /** Each bucket's sum of squared deviations from its own mean. */
  variances: number[];
}

/** Plain JSON: persists between cycles and restarts as it is. */
export interface AdwinState {
  kind: 'adwin';
  v: 1;
  /** rows[r] holds buckets of 2^r points; higher rows hold older points. */
  rows: AdwinRow[];
  /** Points in the window, their sum and their sum of squared deviations from the window mean. */
  width: number;
  total: number;
  variance: number;
  /** Points since the last reset, for the clock. */
  tick: number;
}

/** A fresh ADWIN state (empty window). */
export const adwinInit = (): AdwinState => ({
  kind: 'adwin',
  v: 1,
  rows: [{ totals: [], variances: [] }],
  width: 0,
  total: 0,
  variance: 0,
  tick: 0,
});

// Local bindings for the per-bucket loops: inside a vm context (jest's) every global lookup costs ~40×.
const { abs, log, sign, sqrt } = Math;
const { isArray } = Array;

const isRow = (r: unknown): r is AdwinRow => {
  const row = r as AdwinRow | null;
  if (typeof row !== 'object' || row === null || !isArray(row.totals) || !isArray(row.variances)) {
    return false;
  }
  if (row.totals.length !== row.variances.length) return false;
  for (let i = 0; i < row.totals.length; i++) {
    if (!isFiniteNumber(row.totals[i]) || !isFiniteNumber(row.variances[i])) return false;
  }
  return true;
};

/** True for a state this version of `adwinStep` can continue (e.g. one read back from the database). */
export const isAdwinState = (x: unknown): x is AdwinState => {
  const s = x as AdwinState | null;
  if (typeof s !== 'object' || s === null || s.kind !== 'adwin' || s.v !== 1) return false;
  if (!isArray(s.rows) || s.rows.length === 0) return false;
  for (const r of s.rows) if (!isRow(r)) return false;
  return (
    isFiniteNumber(s.width) && isFiniteNumber(s.total) && isFiniteNumber(s.variance) && isFiniteNumber(s.tick)
  );
};

const checkParams = (p: AdwinParams, stream: string) => {
  if (!(p.delta > 0 && p.delta < 1))
    throw inputError(stream, `ADWIN delta must lie in (0, 1), got ${p.delta}`);
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min)
      throw inputError(stream, `ADWIN ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int('clock', p.clock, 1);
  int('maxBuckets', p.maxBuckets, 2);
  int('minWindowLength', p.minWindowLength, 1);
  int('gracePeriod', p.gracePeriod, 0);
};

const insert = (s: AdwinState, x: number, maxBuckets: number) => {
  s.rows[0]!.totals.push(x);
  s.rows[0]!.variances.push(0);
  s.width += 1;
  if (s.width > 1) {
    const d = x - s.total / (s.width - 1);
    s.variance += ((s.width - 1) * d * d) / s.width;
  }
  s.total += x;
  // A full row merges its two oldest buckets into one of twice the size in the next row, which may cascade.
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r]!;
    if (row.totals.length <= maxBuckets) break;
    if (r + 1 === s.rows.length) s.rows.push({ totals: [], variances: [] });
    const size = 2 ** r;
    const [t1, t2] = [row.totals[0]!, row.totals[1]!];
    const diff = t1 / size - t2 / size;
    s.rows[r + 1]!.totals.push(t1 + t2);
    s.rows[r + 1]!.variances.push(row.variances[0]! + row.variances[1]! + (size / 2) * diff * diff);
    row.totals.splice(0, 2);
    row.variances.splice(0, 2);
  }
};

/** The first cut, oldest first, whose two means differ by more than ε: the sign of μ₁ − μ₀, else 0. */
const findCut = (s: AdwinState, p: AdwinParams): number => {
  const L = p.minWindowLength;
  const dd = log((2 * log(s.width)) / p.delta);
  const v = Math.max(0, s.variance / s.width);
  let n0 = 0;
  let u0 = 0;
  let size = 2 ** (s.rows.length - 1);
  for (let r = s.rows.length - 1; r >= 0; r--, size /= 2) {
    const totals = s.rows[r]!.totals;
    for (let k = 0; k < totals.length; k++) {
      n0 += size;
      u0 += totals[k]!;
      const n1 = s.width - n0;
      if (n1 <= 0) return 0;
      if (n0 < L || n1 < L) continue;
      const diff = (s.total - u0) / n1 - u0 / n0;
      const mRecip = 1 / (n0 - L + 1) + 1 / (n1 - L + 1);
      const eps = sqrt(2 * mRecip * v * dd) + (2 / 3) * dd * mRecip;
      if (abs(diff) > eps) return sign(diff);
    }
  }
  return 0;
};

/**
 * Feeds one value; pure (the input state is not modified). Defaults: δ 0.002, every point checked,
 * 5 buckets per row, 5 points a side, 10-point grace period. After an alarm the returned state is fresh.
 */
export const adwinStep = (
  s: AdwinState,
  x: number,
  p: AdwinParams = ADWIN_DEFAULTS,
  stream = 'value',
): DetectorStep<AdwinState> => {
  checkParams(p, stream);
  requireFinite(x, stream, 'the observation');
  if (!isAdwinState(s))
    throw inputError(stream, 'not an ADWIN state of this version (start from adwinInit())');
  const t: AdwinState = {
    ...s,
    rows: s.rows.map((r) => ({ totals: r.totals.slice(), variances: r.variances.slice() })),
  };
  insert(t, x, p.maxBuckets);
  t.tick += 1;
  if (t.tick % p.clock !== 0 || t.width <= p.gracePeriod) return { state: t, alarm: false, direction: null };
  const sign = findCut(t, p);
  if (sign === 0) return { state: t, alarm: false, direction: null };
  return { state: adwinInit(), alarm: true, direction: sign > 0 ? 'up' : 'down' };
};
