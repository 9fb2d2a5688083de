/** The bar fields the cost model reads. */
export interface CostBar {
  close: number;
  volume: number;
}

/**
 * Sample standard deviation (n − 1) of the last `window` daily log returns (needs window + 1 closes; fewer
 * are used when that is all there is). Null with fewer than two usable returns.
 */
export const dailySigma = (bars: readonly CostBar[], window: number): number | null => {
  const closes = bars
    .slice(-window - 1)
    .map((b) => b.close)
    .filter((c) => Number.isFinite(c) && c > 0);
  const rets: number[] = [];
  for (let i = 1; i < closes.length; i++) rets.push(Math.log(closes[i]! / closes[i - 1]!));
  if (rets.length < 2) return null;
  const m = rets.reduce((a, b) => a + b, 0) / rets.length;
  return Math.sqrt(rets.reduce((a, r) => a + (r - m) ** 2, 0) / (rets.length - 1));
};

/** Mean volume of the last `window` bars (ADV), null when there is none to speak of. */
export const averageVolume = (bars: readonly CostBar[], window: number): number | null => {
  const vols = bars
    .slice(-window)
    .map((b) => b.volume)
    .filter((v) => Number.isFinite(v) && v >= 0);
  if (vols.length === 0) return null;
  const adv = vols.reduce((a, b) => a + b, 0) / vols.length;
  return adv > 0 ? adv : null;
};
