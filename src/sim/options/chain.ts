// Option chains on the simulated stocks (OPT) and futures (FOP): monthly expiries on third Fridays, strikes
// around the underlying. A contract is a pure function of (underlying, expiry, right, strike) and its conId
// encodes exactly those, so any conId a client was ever given resolves again until the option expires.
import { addDays, ibDate } from '../calendar.js';
import { type SimContractSpec, thirdFriday } from '../catalog.js';
import type { Market } from '../market.js';
import { HISTORY_START } from '../market.js';
import type { Right } from './black-scholes.js';

export interface SimOptionTerms {
  right: Right;
  strike: number;
  /** Expiry (= last trading day), YYYY-MM-DD. */
  expiryDate: string;
  underlying: SimContractSpec;
}

/** How many monthly expiries are listed at once. */
export const LISTED_EXPIRIES = 3;
/** Strikes listed on each side of the range the underlying has traded in since the expiry was listed. */
const STRIKES_AROUND = 8;

// conId layout (a positive int32): underlying (catalog position + 1) · 2^25 + months since 2015-01 · 2^16
// + (put ? 2^15 : 0) + strike in units of the underlying's smallest strike step. Stocks and futures keep
// their small conIds (100 000s, 200 000s), far below 2^25.
const UND_SHIFT = 2 ** 25;
const MONTH_SHIFT = 2 ** 16;
const PUT_BIT = 2 ** 15;
const EPOCH_YEAR = 2015;

/** Strike steps of the futures options (points of the future). */
const FUTURE_STEPS: Readonly<Record<string, number>> = { ES: 25, NQ: 100, CL: 1, GC: 10 };

/** The smallest strike step an underlying can have: the unit of the conId's strike field. */
const strikeUnit = (und: SimContractSpec): number =>
  und.secType === 'FUT' ? (FUTURE_STEPS[und.symbol] ?? 1) : 0.5;

/** OCC-like strike steps for stocks by price; futures keep one step. */
export const strikeStep = (und: SimContractSpec, price: number): number => {
  if (und.secType === 'FUT') return strikeUnit(und);
  if (price < 25) return 0.5;
  if (price < 50) return 1;
  if (price < 200) return 2.5;
  if (price < 500) return 5;
  return 10;
};

const monthOf = (date: string) => date.slice(0, 7).replace('-', '');
const shiftMonth = (yyyymm: string, n: number): string => {
  const total = Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(4, 6)) - 1 + n;
  return `${Math.floor(total / 12)}${String((total % 12) + 1).padStart(2, '0')}`;
};

/** The monthly expiry of a contract month: its third Friday (the calendar has no holidays). */
export const monthlyExpiry = (yyyymm: string): string => thirdFriday(yyyymm);

/** The day an expiry starts trading: once the expiry LISTED_EXPIRIES months before it has passed. */
const listedFrom = (expiry: string): string =>
  addDays(monthlyExpiry(shiftMonth(monthOf(expiry), -LISTED_EXPIRIES)), 1);

/** Expiries trading on `date` (strictly after it: on its expiry day the clock is already past the close). */
export const listedExpiries = (und: SimContractSpec, date: string): string[] => {
  const out: string[] = [];
  let m = monthOf(date);
  while (out.length < LISTED_EXPIRIES) {
    const e = monthlyExpiry(m);
    if (e > date) out.push(e);
    m = shiftMonth(m, 1);
  }
  if (und.secType !== 'FUT') return out;
  // Options on a future expire no later than the future itself.
  const futureLast = `${und.lastTradeDate!.slice(0, 4)}-${und.lastTradeDate!.slice(4, 6)}-${und.lastTradeDate!.slice(6, 8)}`;
  return out.filter((e) => e <= futureLast);
};

const round = (x: number) => Number(x.toFixed(6));

export const createOptionChains = (catalog: ReadonlyMap<string, SimContractSpec>, market: Market) => {
  const underlyings = [...catalog.values()];
  const strikeCache = new Map<string, number[]>();

  /** Strikes of an expiry on a date: every step within STRIKES_AROUND of any close since it was listed. */
  const strikes = (und: SimContractSpec, expiry: string, date: string): number[] => {
    const key = `${und.symbol}|${expiry}|${date}`;
    const hit = strikeCache.get(key);
    if (hit) return hit;
    const from = listedFrom(expiry);
    const closes = market
      .bars(und.symbol, from < HISTORY_START ? HISTORY_START : from, date)
      .map((b) => b.close);
    if (closes.length === 0) {
      const q = market.quote(und.symbol, date);
      if (q) closes.push(q.close);
    }
    if (closes.length === 0) return [];
    const step = strikeStep(und, closes[0]!);
    const lo = Math.max(1, Math.floor(Math.min(...closes) / step) - STRIKES_AROUND);
    const hi = Math.ceil(Math.max(...closes) / step) + STRIKES_AROUND;
    const out: number[] = [];
    for (let k = lo; k <= hi; k++) out.push(round(k * step));
    strikeCache.set(key, out);
    return out;
  };

  const make = (und: SimContractSpec, expiry: string, right: Right, strike: number): SimContractSpec => {
    const idx = underlyings.indexOf(und);
    const [y, m] = [Number(expiry.slice(0, 4)), Number(expiry.slice(5, 7))];
    const conId =
      (idx + 1) * UND_SHIFT +
      ((y - EPOCH_YEAR) * 12 + m - 1) * MONTH_SHIFT +
      (right === 'P' ? PUT_BIT : 0) +
      Math.round(strike / strikeUnit(und));
    const ymd = ibDate(expiry);
    const fop = und.secType === 'FUT';
    const occStrike = String(Math.round(strike * 1000)).padStart(8, '0');
    return {
      symbol: und.symbol,
      secType: fop ? 'FOP' : 'OPT',
      exchange: fop ? und.exchange : 'SMART',
      primaryExchange: '',
      currency: und.currency,
      multiplier: fop ? und.multiplier : 100,
      conId,
      expiry: ymd.slice(0, 6),
      lastTradeDate: ymd,
      localSymbol: fop
        ? `${und.localSymbol} ${right}${strike}`
        : `${und.symbol.padEnd(6, ' ')}${ymd.slice(2)}${right}${occStrike}`,
      longName: und.longName,
      startPrice: 0,
      vol: und.vol,
      drift: 0,
      // Listed options trade a sliver of their underlying's volume.
      adv: Math.max(500, Math.round(und.adv / 200)),
      spreadBps: 0,
      minTick: fop ? und.minTick : 0.01,
      option: { right, strike, expiryDate: expiry, underlying: und },
    };
  };

  const listed = (und: SimContractSpec, expiry: string, strike: number, date: string) =>
    listedExpiries(und, date).includes(expiry) && strikes(und, expiry, date).includes(strike);

  return {
    listedExpiries,
    strikes,
    /** Every contract of an underlying's chain on a date, by expiry, strike, then call before put. */
    chain: (symbol: string, date: string): SimContractSpec[] => {
      const und = catalog.get(symbol);
      if (!und) return [];
      const out: SimContractSpec[] = [];
      for (const e of listedExpiries(und, date))
        for (const k of strikes(und, e, date)) out.push(make(und, e, 'C', k), make(und, e, 'P', k));
      return out;
    },
    /** The listed contract, or null when it does not trade on `date`. */
    contract: (symbol: string, expiry: string, right: Right, strike: number, date: string) => {
      const und = catalog.get(symbol);
      return und && listed(und, expiry, strike, date) ? make(und, expiry, right, strike) : null;
    },
    /** The option a conId names, if that option trades on `date`. */
    byConId: (conId: number, date: string): SimContractSpec | null => {
      const und = underlyings[Math.floor(conId / UND_SHIFT) - 1];
      if (!und || conId < UND_SHIFT) return null;
      const rest = conId % UND_SHIFT;
      const months = Math.floor(rest / MONTH_SHIFT);
      const right: Right = rest % MONTH_SHIFT >= PUT_BIT ? 'P' : 'C';
      const strike = round((rest % PUT_BIT) * strikeUnit(und));
      const y = EPOCH_YEAR + Math.floor(months / 12);
      const expiry = monthlyExpiry(`${y}${String((months % 12) + 1).padStart(2, '0')}`);
      return listed(und, expiry, strike, date) ? make(und, expiry, right, strike) : null;
    },
    isOptionConId: (conId: number) => conId >= UND_SHIFT,
  };
};
export type OptionChains = ReturnType<typeof createOptionChains>;
