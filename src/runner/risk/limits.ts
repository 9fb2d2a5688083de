import { hydraError } from '../../errors.js';
import type { GrossExposureLimit, RiskLimits } from './types.js';

/**
 * Defaults sized for IB's default paper account (1,000,000): see each field of {@link RiskLimits} for why.
 * LEAN's portfolio drawdown model defaults to 5%; a daily 2% stop is the tighter, per-day analogue.
 */
export const DEFAULT_LIMITS: Readonly<RiskLimits> = Object.freeze({
  maxPositionNotional: 250_000,
  maxGrossExposure: Object.freeze({ multiple: 1.5 }),
  maxOrderNotional: 150_000,
  maxDailyLoss: 20_000,
  killSwitch: Object.freeze({ on: false, reason: null }),
});

/** The gross cap in currency: a multiple of equity, or the notional itself. */
export const grossCap = (limit: GrossExposureLimit, equity: number): number =>
  'multiple' in limit ? limit.multiple * equity : limit.notional;

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Throws HYDRA_ERR_INPUT listing every limit that is not a positive number: a NaN limit allows everything. */
export const checkLimits = (limits: RiskLimits): RiskLimits => {
  const bad: string[] = [];
  for (const k of ['maxPositionNotional', 'maxOrderNotional', 'maxDailyLoss'] as const)
    if (!positive(limits[k])) bad.push(k);
  const g = limits.maxGrossExposure as Partial<Record<'multiple' | 'notional', unknown>> | undefined;
  if (!g || !(positive(g.multiple) || positive(g.notional))) bad.push('maxGrossExposure');
  if (typeof limits.killSwitch?.on !== 'boolean') bad.push('killSwitch');
  if (bad.length > 0)
    throw hydraError('HYDRA_ERR_INPUT', `invalid risk limits: ${bad.join(', ')}`, { invalid: bad });
  return limits;
};
