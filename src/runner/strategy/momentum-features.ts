import type { DailyBar } from '../broker/types.js';
import type { MomentumParams } from './momentum-params.js';
import { momentumHistory } from './momentum-params.js';
import { mean, sampleSd, TRADING_DAYS } from './stats.js';

/** The features of one symbol plus the two numbers sizing needs. */
export interface MomentumView {
  /**
   * Stable names, derived from the parameters (the defaults give `ret_20d`, `ret_60d`, `ret_120d`,
   * `vol_20d`, `momentum_z`, `dist_ma50`, `volume_ratio`): log return per lookback, annualised realised
   * volatility, the blended z-scored momentum (the signal), distance of the close from its moving average,
   * last volume over its recent average.
   */
  features: Record<string, number>;
  /** The weighted z-scored momentum: Σ wᵢ · retᵢ / (σ_daily · √lookbackᵢ), weights summing to 1. */
  signal: number;
  /** Annualised volatility used for sizing: the realised one, floored at `volFloor`. */
  sizingVol: number;
  /** The last close, the price positions are sized at. */
  close: number;
}

const usable = (b: DailyBar) =>
  Number.isFinite(b.close) && b.close > 0 && Number.isFinite(b.volume) && b.volume >= 0;

/**
 * The momentum view of one symbol from its bars (oldest first), or null when there are fewer than
 * `momentumHistory(p)` bars or a bar in that span has a non-positive or non-finite close or volume: no
 * signal is better than one computed from a bad print.
 */
export const momentumView = (bars: readonly DailyBar[], p: MomentumParams): MomentumView | null => {
  const need = momentumHistory(p);
  if (bars.length < need) return null;
  const recent = bars.slice(-need);
  if (!recent.every(usable)) return null;
  const n = recent.length - 1;
  const close = recent[n]!.close;

  const rets: number[] = [];
  for (let i = n - p.volWindow + 1; i <= n; i++) rets.push(Math.log(recent[i]!.close / recent[i - 1]!.close));
  const vol = sampleSd(rets) * Math.sqrt(TRADING_DAYS);
  const sizingVol = Math.max(vol, p.volFloor);
  const sigmaDaily = sizingVol / Math.sqrt(TRADING_DAYS);

  const features: Record<string, number> = {};
  const weightSum = p.lookbackWeights.reduce((a, b) => a + b, 0);
  let signal = 0;
  p.lookbacks.forEach((lb, i) => {
    const r = Math.log(close / recent[n - lb]!.close);
    features[`ret_${lb}d`] = r;
    // A driftless random walk's lb-day return has spread σ·√lb: this puts every horizon on one scale.
    signal += (p.lookbackWeights[i]! / weightSum) * (r / (sigmaDaily * Math.sqrt(lb)));
  });
  features[`vol_${p.volWindow}d`] = vol;
  features.momentum_z = signal;
  features[`dist_ma${p.maWindow}`] = close / mean(recent.slice(-p.maWindow).map((b) => b.close)) - 1;
  // Compared with the days before it, so a volume spike is not diluted by itself.
  const avgVolume = mean(recent.slice(n - p.volumeWindow, n).map((b) => b.volume));
  features.volume_ratio = avgVolume > 0 ? recent[n]!.volume / avgVolume : 1;
  return { features, signal, sizingVol, close };
};
