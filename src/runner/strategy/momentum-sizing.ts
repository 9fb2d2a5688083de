import type { MomentumParams } from './momentum-params.js';
import { clamp, logistic } from './stats.js';

/** P(next close > last close) = logistic(a + b · signal): monotone increasing in the signal. */
export const probabilityUp = (
  signal: number,
  p: Pick<MomentumParams, 'logisticIntercept' | 'logisticSlope'>,
): number => logistic(p.logisticIntercept + p.logisticSlope * signal);

/**
 * Fraction of equity to hold, signed: clip(signal / saturation, −1, 1) · targetVol / vol, within ±maxWeight,
 * and flat inside the deadband. Halving the volatility doubles the weight until the cap binds.
 */
export const targetWeight = (
  signal: number,
  sizingVol: number,
  p: Pick<MomentumParams, 'deadband' | 'signalSaturation' | 'targetVol' | 'maxWeight'>,
): number => {
  if (Math.abs(signal) < p.deadband) return 0;
  const conviction = clamp(signal / p.signalSaturation, -1, 1);
  return clamp((conviction * p.targetVol) / sizingVol, -p.maxWeight, p.maxWeight);
};

/**
 * Whole shares or contracts for a weight: round(weight · equity / (price · multiplier)), then one step toward
 * zero if rounding up crossed the max-weight cap (a half contract of a future can be a lot of notional).
 * Zero when there is no positive equity to size against: a negative equity would flip every sign.
 */
export const targetQuantity = (
  weight: number,
  equity: number,
  unitNotional: number,
  maxWeight: number,
): number => {
  if (!(equity > 0) || !(unitNotional > 0)) return 0;
  let q = Math.round((weight * equity) / unitNotional);
  // The tolerance keeps an exact fit (e.g. 0.2 · 1e6 / 100 = 2000) from being stepped down by rounding error.
  if (Math.abs(q) * unitNotional > maxWeight * equity * (1 + 1e-12)) q -= Math.sign(q);
  return q === 0 ? 0 : q;
};
