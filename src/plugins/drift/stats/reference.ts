import { countLE, inputError, mean, quantile, type SortedSample, sortedSample, stdev } from './sample.js';

/** Reference-quantile bins for PSI and Jensen-Shannon (DESIGN.md §5). */
export const DEFAULT_BINS = 10;

/** Everything a reference window contributes, computed once and reused for every current window. */
export interface ReferenceSummary {
  feature: string;
  /** The reference values, validated and sorted. */
  sorted: SortedSample;
  /**
   * Bin edges, strictly increasing; bins are right-closed, (edges[k−1], edges[k]], and the two outer bins are
   * open-ended, so every current value lands in some bin.
   */
  edges: Float64Array;
  /** Share of the reference in each of the edges.length + 1 bins. */
  proportions: Float64Array;
  mean: number;
  /** Population standard deviation (ddof 0, numpy's `np.std`): Evidently's Wasserstein normaliser. */
  sd: number;
}

/** The largest double below x (x finite). */
export const nextDown = (x: number): number => {
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const int = new BigInt64Array(bits.buffer);
  int[0] = int[0]! + (x > 0 ? -1n : 1n);
  return bits[0]!;
};

/**
 * Edges from the reference's k/bins quantiles (k = 1 … bins − 1, numpy "linear"), default 10 bins.
 *
 * Tied quantiles are merged, so a feature with atoms gets fewer, never empty-by-construction duplicate, bins.
 * When the lowest edge equals the reference minimum (an atom at the minimum, e.g. a constant feature), an
 * edge just below it, nextDown(min), is added: bins are right-closed, so without it values below the
 * reference would share the atom's bin and a constant feature would have one bin and a PSI of 0 whatever the
 * current window holds. With it a constant reference c has three bins, (−∞, c), {c}, (c, ∞), holding
 * 0, 1, 0 of the reference; the top is symmetric already, as (max, ∞) is the bin above the last edge.
 */
export const quantileEdges = (sorted: SortedSample, bins = DEFAULT_BINS, feature = 'value'): Float64Array => {
  if (!Number.isInteger(bins) || bins < 2) {
    throw inputError(feature, `bins must be an integer ≥ 2, got ${bins}`, { bins });
  }
  if (sorted.length === 0) throw inputError(feature, 'the reference is empty');
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantile(sorted, k / bins);
    if (out.length === 0 || e > out[out.length - 1]!) out.push(e);
  }
  if (out[0]! <= sorted[0]!) out.unshift(nextDown(sorted[0]!));
  return Float64Array.from(out);
};

/** Share of a sorted sample in each right-closed bin: O(bins · log n), one binary search per edge. */
export const binProportions = (sorted: Float64Array, edges: Float64Array): Float64Array => {
  const out = new Float64Array(edges.length + 1);
  let below = 0;
  for (let k = 0; k < edges.length; k++) {
    const c = countLE(sorted, edges[k]!);
    out[k] = (c - below) / sorted.length;
    below = c;
  }
  out[edges.length] = (sorted.length - below) / sorted.length;
  return out;
};

/**
 * Validates and sorts the reference once, and derives its quantile edges (default 10 bins), bin
 * proportions, mean and population σ: per-cycle statistics then only touch the current window.
 */
export const summarizeReference = (
  values: ArrayLike<number>,
  feature = 'value',
  bins = DEFAULT_BINS,
): ReferenceSummary => {
  const sorted = sortedSample(values, feature);
  const edges = quantileEdges(sorted, bins, feature);
  return {
    feature,
    sorted,
    edges,
    proportions: binProportions(sorted, edges),
    mean: mean(sorted),
    sd: stdev(sorted, 0),
  };
};
