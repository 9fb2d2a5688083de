import { addTradingDays, isTradingDay, nextTradingDay } from './calendar.js';
import type { SimContractSpec } from './catalog.js';
import { hash32, mulberry32, normal } from './rng.js';

export interface SimBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface SimQuote {
  bid: number;
  ask: number;
  last: number;
  close: number;
  bidSize: number;
  askSize: number;
  spreadBps: number;
}

/**
 * A change of regime: from `from` (inclusive) until `until` (exclusive, open-ended if absent) the listed
 * symbols' volatility is multiplied and their annual drift shifted. Overlapping regimes compound.
 */
export interface Regime {
  from: string;
  until?: string;
  symbols: readonly string[] | '*';
  volMultiplier: number;
  driftShift: number;
}

/** Every path starts here, so a (seed, symbol, date) always has the same bar, whatever was asked first. */
export const HISTORY_START = '2015-01-02';
/** The earliest start date that still has five years of history behind it. */
export const EARLIEST_START = '2020-01-02';
const TRADING_DAYS = 252;

export interface Market {
  bars(symbol: string, from: string, to: string): SimBar[];
  bar(symbol: string, date: string): SimBar | null;
  /** Touch prices around the close of `date`. */
  quote(symbol: string, date: string): SimQuote | null;
  /** Daily volatility of log returns over the 20 bars up to `date` (for the impact model). */
  dailyVol(symbol: string, date: string): number;
  readonly regimes: readonly Regime[];
}

const round = (x: number, tick: number) => Math.max(tick, Math.round(x / tick) * tick);
const clean = (x: number) => Number(x.toFixed(6));

interface Series {
  bars: SimBar[];
  index: Map<string, number>;
  /** Continues the path: the PRNG and the unrounded close carry over between extensions. */
  rnd: () => number;
  close: number;
  next: string;
  regimes: readonly Regime[];
}

/**
 * Deterministic synthetic market: a geometric random walk per symbol with gaps, ranges and volume, each on
 * its own PRNG seeded from (seed, symbol), generated forward from HISTORY_START and extended on demand.
 */
export const createMarket = (
  catalog: ReadonlyMap<string, SimContractSpec>,
  seed: number,
  regimes: readonly Regime[],
): Market => {
  const series = new Map<string, Series>();

  const extend = (symbol: string, to: string): Series | null => {
    const spec = catalog.get(symbol);
    if (!spec) return null;
    let s = series.get(symbol);
    if (!s) {
      s = {
        bars: [],
        index: new Map(),
        rnd: mulberry32(seed ^ hash32(`bars:${symbol}`)),
        close: spec.startPrice,
        next: HISTORY_START,
        regimes: regimes.filter((r) => r.symbols === '*' || r.symbols.includes(symbol)),
      };
      series.set(symbol, s);
    }
    for (; s.next <= to; s.next = nextTradingDay(s.next)) {
      const d = s.next;
      let volX = 1;
      let driftX = 0;
      for (const r of s.regimes) {
        if (d >= r.from && (r.until === undefined || d < r.until)) {
          volX *= r.volMultiplier;
          driftX += r.driftShift;
        }
      }
      const sigma = (spec.vol * volX) / Math.sqrt(TRADING_DAYS);
      const mu = (spec.drift + driftX) / TRADING_DAYS - (sigma * sigma) / 2;
      const gap = normal(s.rnd) * sigma * 0.3;
      const open = s.close * Math.exp(gap);
      const close = s.close * Math.exp(mu + normal(s.rnd) * sigma);
      const range = Math.abs(normal(s.rnd)) * sigma * 0.6;
      const bar: SimBar = {
        date: d,
        open: clean(round(open, spec.minTick)),
        high: clean(round(Math.max(open, close) * (1 + range), spec.minTick)),
        low: clean(round(Math.min(open, close) * (1 - range), spec.minTick)),
        close: clean(round(close, spec.minTick)),
        // Turbulent regimes trade more: volume rises with the square root of the volatility multiplier.
        volume: Math.round(spec.adv * Math.exp(normal(s.rnd) * 0.3 - 0.045) * volX ** 0.5),
      };
      bar.high = Math.max(bar.high, bar.open, bar.close);
      bar.low = Math.min(bar.low, bar.open, bar.close);
      s.index.set(d, s.bars.length);
      s.bars.push(bar);
      s.close = close;
    }
    return s;
  };

  /** Index of the first bar dated on or after `date`. */
  const lowerBound = (bars: readonly SimBar[], date: string): number => {
    let lo = 0;
    let hi = bars.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bars[mid]!.date < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const bars = (symbol: string, from: string, to: string): SimBar[] => {
    const s = extend(symbol, to);
    if (!s || from > to) return [];
    return s.bars.slice(lowerBound(s.bars, from), lowerBound(s.bars, nextTradingDay(to)));
  };

  const bar = (symbol: string, date: string): SimBar | null => {
    if (!isTradingDay(date)) return null;
    const s = extend(symbol, date);
    const i = s?.index.get(date);
    return s && i !== undefined ? s.bars[i]! : null;
  };

  const dailyVol = (symbol: string, date: string): number => {
    const s = extend(symbol, date);
    if (!s) return 0.02;
    let i = Math.min(lowerBound(s.bars, nextTradingDay(date)), s.bars.length) - 1;
    const rets: number[] = [];
    for (; i > 0 && rets.length < 20; i--) rets.push(Math.log(s.bars[i]!.close / s.bars[i - 1]!.close));
    if (rets.length < 2) return 0.02;
    const m = rets.reduce((a, b) => a + b, 0) / rets.length;
    return Math.sqrt(rets.reduce((a, b) => a + (b - m) ** 2, 0) / (rets.length - 1));
  };

  const quote = (symbol: string, date: string): SimQuote | null => {
    const spec = catalog.get(symbol);
    const b = bar(symbol, date);
    if (!spec || !b) return null;
    const half = (b.close * spec.spreadBps) / 2 / 10_000;
    const bid = clean(Math.floor((b.close - half) / spec.minTick) * spec.minTick);
    let ask = clean(Math.ceil((b.close + half) / spec.minTick) * spec.minTick);
    if (ask <= bid) ask = clean(bid + spec.minTick);
    // Displayed size: a sliver of the day's volume, thinner for thinner names.
    const size = Math.max(1, Math.round(spec.adv / 2000));
    return {
      bid,
      ask,
      last: b.close,
      close: b.close,
      bidSize: size,
      askSize: size,
      spreadBps: spec.spreadBps,
    };
  };

  return { bars, bar, quote, dailyVol, regimes };
};

/** Regime epochs are a quarter long: 63 trading days. */
export const REGIME_EPOCH_DAYS = 63;
const REGIME_HORIZON = '2040-12-31';

/**
 * The default schedule: history is cut into quarters (63 trading days) from HISTORY_START. Every odd
 * quarter is a stress quarter for one third of the universe in turn (catalog index mod 3): volatility ×2.5
 * and annual drift −30 %. So each symbol spends one quarter in six stressed, and any run of a quarter or
 * more crosses a regime change that drift detection should find, whatever the start date.
 */
export const defaultRegimes = (symbols: readonly string[]): Regime[] => {
  const out: Regime[] = [];
  let start = HISTORY_START;
  for (let k = 0; start <= REGIME_HORIZON; k++) {
    const end = addTradingDays(start, REGIME_EPOCH_DAYS);
    if (k % 2 === 1) {
      const group = ((k - 1) / 2) % 3;
      out.push({
        from: start,
        until: end,
        symbols: symbols.filter((_, i) => i % 3 === group),
        volMultiplier: 2.5,
        driftShift: -0.3,
      });
    }
    start = end;
  }
  return out;
};
