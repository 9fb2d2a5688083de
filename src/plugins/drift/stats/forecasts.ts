import { inputError } from './sample.js';

/** A probability forecast of an up move and what happened. */
export interface Outcome {
  /** Predicted probability of an up move, in [0, 1]. */
  p: number;
  /** 1 when it went up, 0 when it did not. */
  y: 0 | 1;
}

/** One bar of a reliability diagram: forecasts in [lower, upper) (the last bin includes 1). */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean forecast in the bin; null when it is empty. */
  meanPredicted: number | null;
  /** Share of up moves in the bin; null when it is empty. */
  observedFrequency: number | null;
}

export interface Calibration {
  /** Mean of (p − y)²; null without forecasts. */
  brier: number | null;
  /** Σ (nₖ / N) · |mean pₖ − observed frequencyₖ| over the bins; null without forecasts. */
  ece: number | null;
  bins: ReliabilityBin[];
}

const check = (xs: readonly Outcome[], name: string) => {
  for (let i = 0; i < xs.length; i++) {
    const { p, y } = xs[i]!;
    if (!(Number.isFinite(p) && p >= 0 && p <= 1)) {
      throw inputError(name, `forecast #${i + 1} has probability ${p}, outside [0, 1]`, {
        index: i,
        value: String(p),
      });
    }
    if (y !== 0 && y !== 1) {
      throw inputError(name, `forecast #${i + 1} has outcome ${String(y)}, not 0 or 1`, { index: i });
    }
  }
};

/**
 * Share of directional calls that were right: p > 0.5 calls up, p < 0.5 calls down; p = 0.5 makes no call
 * and is left out. Null when there is no call, since no history is not a bad hit rate.
 */
export const hitRate = (xs: readonly Outcome[], name = 'forecasts'): number | null => {
  check(xs, name);
  let calls = 0;
  let hits = 0;
  for (const { p, y } of xs) {
    if (p === 0.5) continue;
    calls++;
    if ((p > 0.5 ? 1 : 0) === y) hits++;
  }
  return calls === 0 ? null : hits / calls;
};

/**
 * Brier score, expected calibration error and reliability bins over `bins` equal-width bins of the
 * forecast probability (default 10). ECE is the binary reliability-diagram form (Naeini et al. 2015):
 * P(up) forecast against the observed up frequency, bins weighted by their counts.
 */
export const calibration = (xs: readonly Outcome[], bins = 10, name = 'forecasts'): Calibration => {
  if (!Number.isInteger(bins) || bins < 1) throw inputError(name, `bins must be an integer ≥ 1, got ${bins}`);
  check(xs, name);
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, k) => ({
    lower: k / bins,
    upper: (k + 1) / bins,
    count: 0,
    meanPredicted: null,
    observedFrequency: null,
  }));
  if (xs.length === 0) return { brier: null, ece: null, bins: out };
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  let brier = 0;
  for (const { p, y } of xs) {
    brier += (p - y) ** 2;
    // floor(p·bins) can land one bin off at an edge (0.7·10 = 7.000000000000001); the edges decide.
    let k = Math.min(bins - 1, Math.floor(p * bins));
    if (k > 0 && p < out[k]!.lower) k--;
    else if (k < bins - 1 && p >= out[k]!.upper) k++;
    out[k]!.count++;
    sumP[k] = sumP[k]! + p;
    sumY[k] = sumY[k]! + y;
  }
  let ece = 0;
  for (let k = 0; k < bins; k++) {
    const b = out[k]!;
    if (b.count === 0) continue;
    b.meanPredicted = sumP[k]! / b.count;
    b.observedFrequency = sumY[k]! / b.count;
    ece += (b.count / xs.length) * Math.abs(b.meanPredicted - b.observedFrequency);
  }
  return { brier: brier / xs.length, ece, bins: out };
};
