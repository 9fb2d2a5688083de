import { addDays } from './calendar.js';
import type { SimOptionTerms } from './options/chain.js';
import { hash32, mulberry32 } from './rng.js';

/** OPT and FOP specs are made on demand by options/chain.ts; the catalog itself holds STK and FUT. */
export type SimSecType = 'STK' | 'FUT' | 'OPT' | 'FOP';

export interface SimContractSpec {
  symbol: string;
  secType: SimSecType;
  /** Where orders route: SMART for stocks, the listing exchange for futures. */
  exchange: string;
  primaryExchange: string;
  currency: string;
  multiplier: number;
  conId: number;
  /** Futures: contract month YYYYMM. */
  expiry: string | null;
  /** Futures: last trading day YYYYMMDD (the contract month's third Friday). */
  lastTradeDate: string | null;
  /** The exchange's own ticker: the symbol for stocks, e.g. "ESH6" for futures. */
  localSymbol: string;
  longName: string;
  startPrice: number;
  /** Annualised volatility and drift before any regime change. */
  vol: number;
  drift: number;
  /** Average daily volume, shares or contracts. */
  adv: number;
  /** Quoted spread in basis points of the price. */
  spreadBps: number;
  minTick: number;
  /** Options only: right, strike, expiry and the underlying's spec. */
  option?: SimOptionTerms;
}

// Liquid large caps first, thinner names last: spread and volume vary with liquidity so slippage varies too.
const STOCKS = [
  'AAPL',
  'MSFT',
  'AMZN',
  'GOOGL',
  'META',
  'NVDA',
  'JPM',
  'XOM',
  'JNJ',
  'PG',
  'V',
  'MA',
  'HD',
  'CVX',
  'MRK',
  'ABBV',
  'PEP',
  'KO',
  'COST',
  'AVGO',
  'WMT',
  'BAC',
  'ADBE',
  'CRM',
  'NFLX',
  'TMO',
  'CSCO',
  'ACN',
  'MCD',
  'ABT',
  'DHR',
  'LIN',
  'TXN',
  'NKE',
  'ORCL',
  'AMD',
  'QCOM',
  'INTC',
  'UPS',
  'HON',
  'IBM',
  'CAT',
  'GS',
  'SBUX',
  'AMGN',
  'BA',
  'DE',
  'MMM',
  'GE',
  'F',
  'PLTR',
  'SOFI',
  'RIVN',
  'LCID',
  'MARA',
  'RIOT',
  'SNDL',
  'ILLQ',
] as const;

// Listing venue per stock, for contract details and positions (orders route SMART either way).
const NYSE = new Set([
  'JPM',
  'XOM',
  'JNJ',
  'PG',
  'V',
  'MA',
  'HD',
  'CVX',
  'MRK',
  'ABBV',
  'KO',
  'WMT',
  'BAC',
  'CRM',
  'TMO',
  'ACN',
  'MCD',
  'ABT',
  'DHR',
  'LIN',
  'NKE',
  'ORCL',
  'UPS',
  'IBM',
  'CAT',
  'GS',
  'BA',
  'DE',
  'MMM',
  'GE',
  'F',
  'SOFI',
  'SNDL',
]);

type FutureSeed = Omit<
  SimContractSpec,
  'conId' | 'expiry' | 'lastTradeDate' | 'primaryExchange' | 'localSymbol'
>;

const MONTH_CODES = 'FGHJKMNQUVXZ';

const FUTURES: readonly FutureSeed[] = [
  {
    symbol: 'ES',
    secType: 'FUT',
    exchange: 'CME',
    currency: 'USD',
    multiplier: 50,
    longName: 'E-mini S&P 500',
    startPrice: 4000,
    vol: 0.18,
    drift: 0.07,
    adv: 1_500_000,
    spreadBps: 0.5,
    minTick: 0.25,
  },
  {
    symbol: 'NQ',
    secType: 'FUT',
    exchange: 'CME',
    currency: 'USD',
    multiplier: 20,
    longName: 'E-mini Nasdaq-100',
    startPrice: 13000,
    vol: 0.24,
    drift: 0.09,
    adv: 600_000,
    spreadBps: 0.6,
    minTick: 0.25,
  },
  {
    symbol: 'CL',
    secType: 'FUT',
    exchange: 'NYMEX',
    currency: 'USD',
    multiplier: 1000,
    longName: 'Light Sweet Crude Oil',
    startPrice: 75,
    vol: 0.35,
    drift: 0,
    adv: 300_000,
    spreadBps: 1.3,
    minTick: 0.01,
  },
  {
    symbol: 'GC',
    secType: 'FUT',
    exchange: 'COMEX',
    currency: 'USD',
    multiplier: 100,
    longName: 'Gold',
    startPrice: 1900,
    vol: 0.15,
    drift: 0.04,
    adv: 200_000,
    spreadBps: 0.5,
    minTick: 0.1,
  },
];

/** The third Friday of a month (YYYYMM), as YYYY-MM-DD: the quarterly index futures' last trading day. */
export const thirdFriday = (yyyymm: string): string => {
  const first = `${yyyymm.slice(0, 4)}-${yyyymm.slice(4, 6)}-01`;
  const dow = new Date(`${first}T12:00:00Z`).getUTCDay();
  return addDays(first, ((5 - dow + 7) % 7) + 14);
};

/** The front quarterly contract month (Mar/Jun/Sep/Dec) still trading on a date, as YYYYMM. */
export const frontMonth = (date: string): string => {
  let y = Number(date.slice(0, 4));
  let q = Math.ceil(Number(date.slice(5, 7)) / 3) * 3;
  for (;;) {
    const month = `${y}${String(q).padStart(2, '0')}`;
    if (thirdFriday(month) >= date) return month;
    q += 3;
    if (q > 12) {
      q = 3;
      y++;
    }
  }
};

/**
 * The universe. Parameters come from (seed, symbol) alone; only the futures' contract month depends on the
 * start date (the front month then, kept for the simulator's life).
 */
export const buildCatalog = (seed: number, today: string): Map<string, SimContractSpec> => {
  const out = new Map<string, SimContractSpec>();
  STOCKS.forEach((symbol, i) => {
    const rnd = mulberry32(seed ^ hash32(`spec:${symbol}`));
    const liquidity = 1 - i / STOCKS.length; // 1 = most liquid
    const thin = symbol === 'ILLQ';
    out.set(symbol, {
      symbol,
      secType: 'STK',
      exchange: 'SMART',
      primaryExchange: NYSE.has(symbol) ? 'NYSE' : 'NASDAQ',
      currency: 'USD',
      multiplier: 1,
      conId: 100_000 + i,
      expiry: null,
      lastTradeDate: null,
      localSymbol: symbol,
      longName: `${symbol} (simulated)`,
      startPrice: Math.round((15 + rnd() * 400) * 100) / 100,
      vol: 0.15 + (1 - liquidity) * 0.45 * (0.5 + rnd()),
      drift: -0.05 + rnd() * 0.2,
      adv: thin ? 40_000 : Math.round(200_000 + liquidity ** 2 * 40_000_000 * (0.5 + rnd())),
      spreadBps: thin ? 40 : Math.round((1 + (1 - liquidity) * 25 * (0.5 + rnd())) * 10) / 10,
      minTick: 0.01,
    });
  });
  const month = frontMonth(today);
  FUTURES.forEach((f, i) => {
    out.set(f.symbol, {
      ...f,
      primaryExchange: f.exchange,
      conId: 200_000 + i,
      expiry: month,
      lastTradeDate: thirdFriday(month).replaceAll('-', ''),
      localSymbol: `${f.symbol}${MONTH_CODES[Number(month.slice(4, 6)) - 1]}${month.slice(3, 4)}`,
    });
  });
  return out;
};
