// Fill pricing: pure functions of the quote, the day's bar, the order and a seeded draw. Slippage is the
// half spread (buying at the ask, selling at the bid) plus a square-root market impact.

import type { SimBar, SimQuote } from './market.js';

export type Side = 'BUY' | 'SELL';

export const roundToTick = (price: number, tick: number): number =>
  Number((Math.round(price / tick) * tick).toFixed(6));

/** Relative price impact of having taken `cumQty` of a day's average volume `adv` (never negative). */
export const impact = (coefficient: number, dailyVol: number, cumQty: number, adv: number, draw: number) =>
  Math.max(0, coefficient * dailyVol * Math.sqrt(cumQty / adv) * (1 + 0.3 * draw));

/** A limit order that can trade against the current quote right away. */
export const marketable = (side: Side, limit: number, q: SimQuote): boolean =>
  side === 'BUY' ? limit >= q.ask : limit <= q.bid;

/** A resting limit order that the day's range traded through. */
export const crosses = (side: Side, limit: number, bar: SimBar): boolean =>
  side === 'BUY' ? bar.low <= limit : bar.high >= limit;

/** Fill at the touch moved by the impact, never through the limit (when there is one). */
export const touchFill = (
  side: Side,
  touch: number,
  relImpact: number,
  limit: number | null,
  tick: number,
): number => {
  let px = roundToTick(side === 'BUY' ? touch * (1 + relImpact) : touch * (1 - relImpact), tick);
  if (limit !== null) px = side === 'BUY' ? Math.min(px, limit) : Math.max(px, limit);
  return px;
};

/**
 * A resting limit filled during a later session: at the open when the day gapped through the limit,
 * else at the limit, plus impact but never through the limit.
 */
export const restingLimitFill = (
  side: Side,
  limit: number,
  bar: SimBar,
  relImpact: number,
  tick: number,
): number => {
  const base = side === 'BUY' ? Math.min(bar.open, limit) : Math.max(bar.open, limit);
  return touchFill(side, base, relImpact, limit, tick);
};
