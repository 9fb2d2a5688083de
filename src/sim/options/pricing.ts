// Option quotes and Greeks from the underlying's simulated close: Black-Scholes on the stock, Black-76 on
// the future, at the smile's implied vol. Every figure is a function of (spec, date), so quotes, fills and
// marks agree with each other and repeat byte for byte.
import type { SimContractSpec } from '../catalog.js';
import type { Market, SimBar, SimQuote } from '../market.js';
import { hash32 } from '../rng.js';
import { type Greeks, greeks, impliedVol, type Model } from './black-scholes.js';
import { smileVol } from './smile.js';

/** The simulator's flat risk-free rate (continuously compounded). */
export const RISK_FREE_RATE = 0.04;

const DAY_MS = 86_400_000;

/** Years to expiry: calendar days from the trading date to the expiry date, over 365. */
export const yearsToExpiry = (date: string, expiryDate: string): number =>
  (Date.parse(`${expiryDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS / 365;

export interface OptionModel extends Greeks {
  model: Model;
  /** The underlying's price the model used (its close on the date). */
  undPrice: number;
  impliedVol: number;
  t: number;
  rate: number;
  /** No dividends are simulated. */
  pvDividend: number;
}

const clean = (x: number) => Number(x.toFixed(6));
const floorTick = (x: number, tick: number) => clean(Math.floor(x / tick + 1e-9) * tick);
const ceilTick = (x: number, tick: number) => clean(Math.ceil(x / tick - 1e-9) * tick);

export const createOptionPricing = (market: Market) => {
  /** The option's model value and Greeks at the close of `date`; null when the underlying has no bar. */
  const model = (spec: SimContractSpec, date: string): OptionModel | null => {
    const o = spec.option;
    if (!o) return null;
    const uq = market.quote(o.underlying.symbol, date);
    if (!uq) return null;
    const m: Model = spec.secType === 'FOP' ? 'B76' : 'BS';
    const t = yearsToExpiry(date, o.expiryDate);
    const forward = m === 'BS' ? uq.last * Math.exp(RISK_FREE_RATE * Math.max(t, 0)) : uq.last;
    const iv = smileVol(o.underlying.vol, forward, o.strike, t);
    const g = greeks({
      model: m,
      right: o.right,
      underlying: uq.last,
      strike: o.strike,
      t,
      rate: RISK_FREE_RATE,
      vol: iv,
    });
    return { ...g, model: m, undPrice: uq.last, impliedVol: iv, t, rate: RISK_FREE_RATE, pvDividend: 0 };
  };

  /** The volatility a quoted price implies, with the Greeks at that vol (what IB sends for bid/ask/last). */
  const implied = (spec: SimContractSpec, date: string, px: number): OptionModel | null => {
    const base = model(spec, date);
    if (!base || !spec.option) return null;
    const input = {
      model: base.model,
      right: spec.option.right,
      underlying: base.undPrice,
      strike: spec.option.strike,
      t: base.t,
      rate: base.rate,
    };
    const iv = impliedVol(input, px);
    if (iv === null) return null;
    return { ...base, ...greeks({ ...input, vol: iv }), price: px, impliedVol: iv };
  };

  /** Bid and ask a few percent around the model value, at least a tick each side; sizes from a hash. */
  const quote = (spec: SimContractSpec, date: string): SimQuote | null => {
    // Nothing trades once the clock has passed the expiry day's close (no exercise is simulated).
    if (spec.option && date >= spec.option.expiryDate) return null;
    const m = model(spec, date);
    if (!m) return null;
    const tick = spec.minTick;
    const half = Math.max(tick, m.price * 0.02);
    const bid = Math.max(0, floorTick(m.price - half, tick));
    let ask = ceilTick(m.price + half, tick);
    if (ask <= bid) ask = clean(bid + tick);
    const size = 1 + (hash32(`optsize:${spec.conId}:${date}`) % 50);
    const last = Math.max(tick, clean(Math.round(m.price / tick) * tick));
    return { bid, ask, last, close: last, bidSize: size, askSize: size + 3, spreadBps: 0 };
  };

  /** A day's "bar" for an option: the closing value throughout (intraday paths are not simulated). */
  const bar = (spec: SimContractSpec, date: string): SimBar | null => {
    const q = quote(spec, date);
    if (!q) return null;
    const volume = Math.round(spec.adv * (0.5 + (hash32(`optvol:${spec.conId}:${date}`) % 1000) / 1000));
    return { date, open: q.last, high: q.last, low: q.last, close: q.last, volume };
  };

  return { model, implied, quote, bar };
};
export type OptionPricing = ReturnType<typeof createOptionPricing>;

/**
 * Prices for any simulated contract: the market's own series for stocks and futures, the option model for
 * OPT/FOP. What the broker fills and marks at, and what market data shows.
 */
export const createInstrumentPrices = (market: Market, options: OptionPricing) => ({
  quote: (spec: SimContractSpec, date: string): SimQuote | null =>
    spec.option ? options.quote(spec, date) : market.quote(spec.symbol, date),
  bar: (spec: SimContractSpec, date: string): SimBar | null =>
    spec.option ? options.bar(spec, date) : market.bar(spec.symbol, date),
  /** Daily vol of the contract's returns, for the impact model (an option moves with its underlying). */
  dailyVol: (spec: SimContractSpec, date: string): number =>
    market.dailyVol(spec.option ? spec.option.underlying.symbol : spec.symbol, date),
  /** What positions are marked at: the close, or an option's model value. */
  mark: (spec: SimContractSpec, date: string): number =>
    spec.option
      ? Number((options.model(spec, date)?.price ?? 0).toFixed(6))
      : (market.quote(spec.symbol, date)?.last ?? 0),
});
export type InstrumentPrices = ReturnType<typeof createInstrumentPrices>;
