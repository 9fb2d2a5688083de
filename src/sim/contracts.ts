import { ibDate, nextTradingDay, tradingDayOnOrAfter } from './calendar.js';
import type { SimContractSpec } from './catalog.js';
import type { ContractRef } from './requests.js';
import { RequestError } from './requests.js';

export const NO_DEFINITION = 'No security definition has been found for the request';

/** Exchanges a stock request may name: SMART, its listing venue, or a venue SMART routes to. */
const STOCK_VENUES = new Set(['', 'SMART', 'NYSE', 'NASDAQ', 'ISLAND', 'ARCA', 'BATS', 'IEX']);

/**
 * The catalog entry a request's contract names, as IB matches it: by conId, else by symbol and whatever
 * else the request pins down (type, currency, exchange, expiry, multiplier, local symbol). Anything that
 * does not match is error 200 for that request, as from a real gateway.
 */
export const resolveContract = (
  catalog: ReadonlyMap<string, SimContractSpec>,
  ref: ContractRef,
  id: number,
): SimContractSpec => {
  const spec = ref.conId
    ? [...catalog.values()].find((c) => c.conId === ref.conId)
    : catalog.get(ref.symbol.toUpperCase());
  const fits = (s: SimContractSpec): boolean => {
    if (ref.symbol !== '' && ref.symbol.toUpperCase() !== s.symbol) return false;
    if (ref.secType !== '' && ref.secType !== s.secType) return false;
    if (ref.currency !== '' && ref.currency !== s.currency) return false;
    if (ref.localSymbol !== '' && ref.localSymbol !== s.localSymbol) return false;
    if (ref.multiplier !== '' && Number(ref.multiplier) !== s.multiplier) return false;
    if (s.secType === 'STK') return STOCK_VENUES.has(ref.exchange) && ref.lastTradeDateOrContractMonth === '';
    const ltd = ref.lastTradeDateOrContractMonth.split(/\s+/)[0] ?? '';
    return (
      (ref.exchange === '' ||
        ref.exchange === s.exchange ||
        (ref.exchange === 'GLOBEX' && s.exchange === 'CME')) &&
      (ltd === '' || ltd === s.expiry || ltd === s.lastTradeDate)
    );
  };
  if (!spec || !fits(spec)) throw new RequestError(id, 200, NO_DEFINITION);
  return spec;
};

/** IB's trading-hours strings for the next `days` sessions from `date`. */
export const sessionHours = (
  spec: SimContractSpec,
  date: string,
  days = 5,
): { trading: string; liquid: string } => {
  const trading: string[] = [];
  const liquid: string[] = [];
  let d = tradingDayOnOrAfter(date);
  for (let i = 0; i < days; i++, d = nextTradingDay(d)) {
    const ymd = ibDate(d);
    if (spec.secType === 'STK') {
      trading.push(`${ymd}:0400-${ymd}:2000`);
      liquid.push(`${ymd}:0930-${ymd}:1600`);
    } else if (spec.secType === 'OPT') {
      trading.push(`${ymd}:0930-${ymd}:1600`);
      liquid.push(`${ymd}:0930-${ymd}:1600`);
    } else {
      trading.push(`${ymd}:0000-${ymd}:1600`);
      liquid.push(`${ymd}:0830-${ymd}:1500`);
    }
  }
  return { trading: trading.join(';'), liquid: liquid.join(';') };
};
