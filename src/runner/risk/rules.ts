import { isRiskReducing } from './order-delta.js';
import type { RiskDecision } from './types.js';

/** Records a decision; the rules return the target they let through. */
export type Decide = (d: RiskDecision) => void;

/** Whole units within a notional, never rounding a limit away by float error (0.3 / 0.1 is 2.9999…96). */
export const unitsWithin = (notional: number, unitNotional: number): number =>
  Math.floor(notional / unitNotional + 1e-9);

/** Whole currency units for reasons: decisions carry the exact value, the text need not. */
export const money = (x: number): string => Math.round(x).toString();

/** |target| · unit ≤ limit, else the target is clipped toward zero to the largest size that fits. */
export const capPosition = (
  symbol: string,
  target: number,
  unit: number,
  limit: number,
  decide: Decide,
): number => {
  const value = Math.abs(target) * unit;
  const cap = unitsWithin(limit, unit);
  if (Math.abs(target) <= cap) {
    decide({
      rule: 'maxPositionNotional',
      subject: symbol,
      value,
      limit,
      decision: 'allow',
      reason: 'within limit',
    });
    return target;
  }
  const clipped = Math.sign(target) * cap;
  decide({
    rule: 'maxPositionNotional',
    subject: symbol,
    value,
    limit,
    decision: 'clip',
    reason: `position ${money(value)} over the limit: target clipped from ${target} to ${clipped}`,
  });
  return clipped;
};

/**
 * After the daily loss limit is breached only reductions pass. An increase is blocked (target = current); a
 * flip is clipped to flat, which is the reducing part of it. Value and limit are the target's and the current
 * position's exposure.
 */
export const reduceOnly = (
  symbol: string,
  current: number,
  target: number,
  unit: number,
  decide: Decide,
): number => {
  const value = Math.abs(target) * unit;
  const limit = Math.abs(current) * unit;
  const base = { rule: 'maxDailyLoss', subject: symbol, value, limit } as const;
  if (isRiskReducing(current, target)) {
    decide({ ...base, decision: 'allow', reason: 'reduces exposure: allowed after the daily loss limit' });
    return target;
  }
  if (current !== 0 && Math.sign(target) === -Math.sign(current)) {
    decide({
      ...base,
      decision: 'clip',
      reason: `flip from ${current} to ${target} cut to flat after the daily loss limit`,
    });
    return 0;
  }
  decide({
    ...base,
    decision: 'block',
    reason: `would raise exposure from ${current} to ${target} after the daily loss limit: held at ${current}`,
  });
  return current;
};

/** |target − current| · unit ≤ limit, else the order is cut to the largest size that fits, same direction. */
export const capOrder = (
  symbol: string,
  current: number,
  target: number,
  unit: number,
  limit: number,
  decide: Decide,
): number => {
  const delta = target - current;
  const value = Math.abs(delta) * unit;
  const cap = unitsWithin(limit, unit);
  if (Math.abs(delta) <= cap) {
    decide({
      rule: 'maxOrderNotional',
      subject: symbol,
      value,
      limit,
      decision: 'allow',
      reason: 'within limit',
    });
    return target;
  }
  const allowed = current + Math.sign(delta) * cap;
  decide({
    rule: 'maxOrderNotional',
    subject: symbol,
    value,
    limit,
    decision: cap === 0 ? 'block' : 'clip',
    reason:
      cap === 0
        ? `one unit (${money(unit)}) is over the order limit: no order`
        : `order of ${delta} (${money(value)}) cut to ${allowed - current}: target ${allowed}`,
  });
  return allowed;
};
