import { inputError, requireSize, type SortedSample } from './sample.js';

/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, as scipy.stats.ks_2samp(method='auto') defines it:
 *
 * - D = sup_x |F_a(x) − F_b(x)| with right-continuous empirical CDFs evaluated at every pooled value
 *   (scipy's `searchsorted(side='right')`). Ties: every value equal to x is counted before comparing, so
 *   tied values never open a gap on their own and identical samples give D = 0.
 * - p = P(D ≥ d) under H0 (both samples from one continuous distribution). 'auto' is exact when
 *   max(n, m) ≤ 10,000 (scipy's MAX_AUTO_N), asymptotic otherwise, with one addition: the exact count
 *   costs about 2·D·n·m cell updates, so 'auto' also needs D·n·m ≤ 10⁷ (≈ 30 ms). Past that bound, with
 *   n, m ≤ 10,000, z = √(nm/(n+m))·D > 7.07 and p < 1e-43 whichever way it is computed.
 * - Exact: the share of the C(n+m, n) monotone lattice paths from (0, 0) to (n, m) that touch
 *   |i/n − j/m| ≥ d (Hodges 1958), counted directly rather than as 1 − P(inside), so small p-values keep
 *   their relative precision. Only cells inside the band are visited: O(D·n·m + n + m) time, O(min(n, m))
 *   memory.
 * - Asymptotic: Smirnov's limit, the Kolmogorov distribution at √(nm/(n+m))·D, as R's ks.test (exact =
 *   FALSE) and scipy 1.3–1.4. scipy ≥ 1.5 evaluates the one-sample finite-n law kstwo.sf(D, round(nm/(n+m)))
 *   instead; the two agree to about 1/√(nm/(n+m)) relative, i.e. a few per cent at the sizes where the
 *   asymptotic branch runs.
 * - With ties the p-value is still the continuous-null one, as in scipy: conservative (too large).
 */
export type KsMethod = 'exact' | 'asymptotic';

/** scipy's MAX_AUTO_N: 'auto' is exact up to this larger sample size. */
export const KS_EXACT_MAX_N = 10_000;

/** 'auto' is exact only while D·n·m (half the lattice cells the exact count visits) stays within this. */
export const KS_EXACT_MAX_LATTICE = 10_000_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: KsMethod;
  n: number;
  m: number;
}

export interface KsOptions {
  /** @default 'auto' (exact when max(n, m) ≤ 10,000 and D·n·m ≤ 10⁷) */
  method?: 'auto' | KsMethod;
  /** Named in error messages. @default 'value' */
  feature?: string;
}

/** D = sup |F_a − F_b| of two sorted samples, O(n + m); ties stepped past together (scipy's definition). */
export const ksStatistic = (a: SortedSample, b: SortedSample, feature = 'value'): number => {
  requireSize(a.length, 1, feature, 'first sample');
  requireSize(b.length, 1, feature, 'second sample');
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = a[i]! <= b[j]! ? a[i]! : b[j]!;
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) d = gap;
  }
  // Once one sample is used up its CDF is 1 and the other's only climbs towards 1: no larger gap follows.
  return d;
};

/**
 * Exact two-sided P(D ≥ d) for samples of n and m under H0 (continuous), by counting lattice paths.
 * d is rounded to the lattice, h = round(d·n·m) over n·m, as scipy rounds it over lcm(n, m).
 */
export const ksExactPValue = (n: number, m: number, d: number): number => {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1 || n * m > Number.MAX_SAFE_INTEGER) {
    throw inputError('ks', `exact p-value needs positive integer sizes with n·m < 2^53, got ${n} and ${m}`);
  }
  if (!(d >= 0 && d <= 1)) throw inputError('ks', `D must lie in [0, 1], got ${d}`);
  // Rows over the larger sample, the row array over the smaller: P(D_{n,m}) = P(D_{m,n}).
  const rows = Math.max(n, m);
  const cols = Math.min(n, m);
  const h = Math.round(d * rows * cols);
  if (h === 0) return 1;
  // Cell (i, j) is outside when |i·cols − j·rows| ≥ h. w[j] = (paths to (i, j) that have touched the
  // outside) / C(i+j, i): a convex combination of its two predecessors, so it stays in [0, 1] and never
  // overflows; cells outside the band are 1 (every path to them has touched it).
  const w = new Float64Array(cols + 1);
  for (let j = 0; j <= cols; j++) w[j] = j * rows >= h ? 1 : 0;
  // 1/(i+j) from a table: a multiplication per cell instead of a division roughly halves the time.
  const inv = new Float64Array(rows + cols + 1);
  for (let k = 1; k < inv.length; k++) inv[k] = 1 / k;
  let lo = 0;
  for (let i = 1; i <= rows; i++) {
    const ic = i * cols;
    // Inside: ic − h < j·rows < ic + h. Bounds are exact: integer quotients divide exactly in doubles.
    let j = Math.max(0, Math.ceil((ic - h + 1) / rows));
    const bandHi = Math.min(cols, Math.floor((ic + h - 1) / rows));
    // The band only moves right: cells it leaves become outside; cells right of it were outside already.
    for (let k = lo; k < j && k <= cols; k++) w[k] = 1;
    lo = j;
    // (i, 0) has one predecessor, (i − 1, 0): its weight carries over unchanged.
    if (j === 0) j = 1;
    let left = w[j - 1]!;
    for (; j <= bandHi; j++) {
      left = (w[j]! * i + left * j) * inv[i + j]!;
      w[j] = left;
    }
  }
  return Math.min(1, Math.max(0, w[cols]!));
};

/**
 * Kolmogorov's limiting distribution, P(K > z). For z ≥ 1 the alternating series 2 Σ (−1)^(k−1) e^(−2k²z²);
 * below, 1 − the Jacobi-theta form √(2π)/z Σ e^(−(2k−1)²π²/(8z²)), which converges fast where the first
 * does not. Both reach double precision within six terms.
 */
export const kolmogorovSurvival = (z: number): number => {
  if (Number.isNaN(z)) throw inputError('ks', 'z is NaN');
  if (z <= 0) return 1;
  if (z < 1) {
    let s = 0;
    for (let k = 1; k <= 8; k++) s += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * z * z));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / z) * s));
  }
  let s = 0;
  for (let k = 1; k <= 20; k++) s += (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * z * z);
  return Math.min(1, Math.max(0, 2 * s));
};

/**
 * Two-sided two-sample KS: statistic and p-value; default method 'auto', exact when max(n, m) ≤ 10,000 and
 * D·n·m ≤ 10⁷, asymptotic otherwise.
 */
export const ks2 = (a: SortedSample, b: SortedSample, options: KsOptions = {}): KsResult => {
  const feature = options.feature ?? 'value';
  const d = ksStatistic(a, b, feature);
  const n = a.length;
  const m = b.length;
  const want = options.method ?? 'auto';
  if (want !== 'auto' && want !== 'exact' && want !== 'asymptotic') {
    throw inputError(feature, `KS method must be auto, exact or asymptotic, got ${String(want)}`);
  }
  const cheap = Math.max(n, m) <= KS_EXACT_MAX_N && d * n * m <= KS_EXACT_MAX_LATTICE;
  const method: KsMethod = want === 'auto' ? (cheap ? 'exact' : 'asymptotic') : want;
  const pValue =
    method === 'exact' ? ksExactPValue(n, m, d) : kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
  return { statistic: d, pValue, method, n, m };
};
