// What reqHistoricalData asks for, validated the way IB does: bar size, duration, what to show, end time.
// The simulator serves daily bars and aggregates them into weekly and monthly ones; intraday bar sizes are
// valid IB settings, so they are paced like IB paces them and then answered "no data".

import {
  addDays,
  addMonths,
  addTradingDays,
  afterClose,
  parseIbDateTime,
  tradingDayOnOrBefore,
  wallTime,
} from './calendar.js';
import type { SimBar } from './market.js';
import type { WireBar } from './responses.js';

/** Every bar size IB accepts, in seconds. */
export const BAR_SIZES: ReadonlyMap<string, number> = new Map([
  ['1 secs', 1],
  ['5 secs', 5],
  ['10 secs', 10],
  ['15 secs', 15],
  ['30 secs', 30],
  ['1 min', 60],
  ['2 mins', 120],
  ['3 mins', 180],
  ['5 mins', 300],
  ['10 mins', 600],
  ['15 mins', 900],
  ['20 mins', 1200],
  ['30 mins', 1800],
  ['1 hour', 3600],
  ['2 hours', 7200],
  ['3 hours', 10800],
  ['4 hours', 14400],
  ['8 hours', 28800],
  ['1 day', 86400],
  ['1 week', 604800],
  ['1 month', 2592000],
]);
export const SERVED_BAR_SIZES = ['1 day', '1 week', '1 month'] as const;
export type ServedBarSize = (typeof SERVED_BAR_SIZES)[number];

export const WHAT_TO_SHOW = [
  'TRADES',
  'MIDPOINT',
  'BID',
  'ASK',
  'BID_ASK',
  'ADJUSTED_LAST',
  'HISTORICAL_VOLATILITY',
  'OPTION_IMPLIED_VOLATILITY',
  'FEE_RATE',
  'SCHEDULE',
  'AGGTRADES',
] as const;
const SERVED_WHAT = new Set(['TRADES', 'MIDPOINT', 'BID', 'ASK', 'BID_ASK', 'ADJUSTED_LAST']);

export interface Duration {
  n: number;
  unit: 'S' | 'D' | 'W' | 'M' | 'Y';
}

export const parseDuration = (s: string): Duration | null => {
  const m = /^(\d+)\s+([SDWMY])$/.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? { n, unit: m[2] as Duration['unit'] } : null;
};

/** The first date a duration ending on `end` covers. "N D" counts trading days (N daily bars), like IB. */
export const durationStart = (end: string, d: Duration): string => {
  switch (d.unit) {
    case 'S':
      return addTradingDays(end, -(Math.ceil(d.n / 86400) - 1));
    case 'D':
      return addTradingDays(end, -(d.n - 1));
    case 'W':
      return addDays(end, -7 * d.n + 1);
    case 'M':
      return addDays(addMonths(end, -d.n), 1);
    case 'Y':
      return addDays(addMonths(end, -12 * d.n), 1);
  }
};

export type HistoryCheck =
  | { ok: true; barSeconds: number; served: boolean }
  | { ok: false; code: number; message: string };

/** IB's own validation of a historical request's settings (error 321 with its wording). */
export const checkSettings = (
  reqId: number,
  barSize: string,
  duration: string,
  whatToShow: string,
): HistoryCheck => {
  const bad = (cause: string): HistoryCheck => ({
    ok: false,
    code: 321,
    message: `Error validating request.-'bW' : cause - ${cause}`,
  });
  const seconds = BAR_SIZES.get(barSize.trim());
  if (seconds === undefined)
    return bad(`Historical data bar size setting "${barSize}" is invalid (e.g. "1 day", "1 week", "1 hour")`);
  if (parseDuration(duration) === null)
    return bad(`Historical data query duration "${duration}" is invalid: expected "<integer> <S|D|W|M|Y>"`);
  if (!(WHAT_TO_SHOW as readonly string[]).includes(whatToShow))
    return bad(`Historical data whatToShow "${whatToShow}" is invalid (${WHAT_TO_SHOW.join(', ')})`);
  if (!SERVED_WHAT.has(whatToShow))
    return {
      ok: false,
      code: 162,
      message: `Historical Market Data Service error message:No data of type ${whatToShow} in the simulator (reqId ${reqId})`,
    };
  return {
    ok: true,
    barSeconds: seconds,
    served: (SERVED_BAR_SIZES as readonly string[]).includes(barSize.trim()),
  };
};

/**
 * The last trading date a request ends on: "" is now; anything else is parsed as IB does and capped at
 * today (the simulator has no bars beyond its clock). null when the text is not a date-time.
 */
export const resolveEnd = (endDateTime: string, today: string): string | null => {
  if (endDateTime.trim() === '') return today;
  const t = parseIbDateTime(endDateTime);
  if (t === null) return null;
  const d = tradingDayOnOrBefore(wallTime(t).date);
  return d > today ? today : d;
};

const periodKey = (date: string, size: ServedBarSize): string => {
  if (size === '1 month') return date.slice(0, 7);
  if (size === '1 week') {
    const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
    return addDays(date, -((dow + 6) % 7));
  }
  return date;
};

/** Daily bars rolled up into weekly or monthly bars, each dated by its first session. */
export const aggregate = (bars: readonly SimBar[], size: ServedBarSize): SimBar[] => {
  if (size === '1 day') return [...bars];
  const out: SimBar[] = [];
  let key = '';
  for (const b of bars) {
    const k = periodKey(b.date, size);
    const cur = out.at(-1);
    if (cur && k === key) {
      cur.high = Math.max(cur.high, b.high);
      cur.low = Math.min(cur.low, b.low);
      cur.close = b.close;
      cur.volume += b.volume;
    } else {
      key = k;
      out.push({ ...b });
    }
  }
  return out;
};

const wap = (b: SimBar) => Number(((b.high + b.low + b.close) / 3).toFixed(4));
const shift = (x: number, by: number, tick: number) =>
  Number((Math.round((x + by) / tick) * tick).toFixed(6));

/** The series a whatToShow names: trades as they are, quote-based series moved by half the spread. */
export const toWire = (
  bars: readonly SimBar[],
  whatToShow: string,
  spreadBps: number,
  tick: number,
): WireBar[] =>
  bars.map((b) => {
    if (whatToShow === 'TRADES' || whatToShow === 'ADJUSTED_LAST')
      return { ...b, wap: wap(b), count: Math.max(1, Math.round(b.volume / 100)) };
    const half = (p: number) => (p * spreadBps) / 20_000;
    const bid = (p: number) => shift(p, -half(p), tick);
    const ask = (p: number) => shift(p, half(p), tick);
    const q =
      whatToShow === 'BID'
        ? { open: bid(b.open), high: bid(b.high), low: bid(b.low), close: bid(b.close) }
        : whatToShow === 'ASK'
          ? { open: ask(b.open), high: ask(b.high), low: ask(b.low), close: ask(b.close) }
          : whatToShow === 'BID_ASK'
            ? { open: bid(b.open), high: ask(b.high), low: bid(b.low), close: ask(b.close) }
            : { open: b.open, high: b.high, low: b.low, close: b.close };
    return { date: b.date, ...q, volume: -1, wap: -1, count: -1 };
  });

/** The start and end strings IB puts in front of the bars. */
export const rangeStrings = (from: string, to: string): [string, string] => {
  const end = wallTime(afterClose(to));
  return [`${from.replaceAll('-', '')} 00:00:00`, `${end.date.replaceAll('-', '')} ${end.time}`];
};
