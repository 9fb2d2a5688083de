// Which listed options a request's contract names, as IB matches them: by conId, or by symbol and type
// with whatever of expiry, strike, right, exchange, currency, multiplier and local symbol it pins down.
// A contract-details request may leave any of those out and gets the whole matching chain.
import type { SimContractSpec } from '../catalog.js';
import type { ContractRef } from '../requests.js';
import type { Right } from './black-scholes.js';
import type { OptionChains } from './chain.js';

/** Where a stock option order may route: SMART or a US options exchange. */
const OPTION_VENUES = new Set([
  '',
  'SMART',
  'CBOE',
  'CBOE2',
  'AMEX',
  'ISE',
  'PHLX',
  'BOX',
  'BATS',
  'MIAX',
  'NASDAQOM',
]);

const rightOf = (r: string): Right | '' | null =>
  r === '' ? '' : r === 'C' || r === 'CALL' ? 'C' : r === 'P' || r === 'PUT' ? 'P' : null;

const fits = (ref: ContractRef, s: SimContractSpec): boolean => {
  const o = s.option!;
  if (ref.symbol !== '' && ref.symbol.toUpperCase() !== s.symbol) return false;
  if (ref.secType !== '' && ref.secType !== s.secType) return false;
  if (ref.currency !== '' && ref.currency !== s.currency) return false;
  if (ref.localSymbol !== '' && ref.localSymbol !== s.localSymbol) return false;
  if (ref.multiplier !== '' && Number(ref.multiplier) !== s.multiplier) return false;
  const venueOk =
    s.secType === 'OPT'
      ? OPTION_VENUES.has(ref.exchange)
      : ref.exchange === '' ||
        ref.exchange === s.exchange ||
        (ref.exchange === 'GLOBEX' && s.exchange === 'CME');
  if (!venueOk) return false;
  const ltd = ref.lastTradeDateOrContractMonth.split(/\s+/)[0] ?? '';
  if (ltd !== '' && ltd !== s.lastTradeDate && ltd !== s.expiry) return false;
  if (ref.strike != null && Math.abs(ref.strike - o.strike) > 1e-6) return false;
  const right = rightOf(ref.right ?? '');
  return right === '' || right === o.right;
};

/**
 * The listed options that `ref` names on `date`, or null when `ref` is not about options (not OPT/FOP and
 * no option conId), for the stock/future resolver to handle.
 */
export const findOptions = (
  chains: OptionChains,
  ref: ContractRef,
  date: string,
): SimContractSpec[] | null => {
  if (ref.conId && chains.isOptionConId(ref.conId)) {
    const spec = chains.byConId(ref.conId, date);
    return spec && fits(ref, spec) ? [spec] : [];
  }
  if (ref.secType !== 'OPT' && ref.secType !== 'FOP') return null;
  if (ref.conId) return [];
  if (rightOf(ref.right ?? '') === null) return [];
  return chains.chain(ref.symbol.toUpperCase(), date).filter((s) => fits(ref, s));
};
