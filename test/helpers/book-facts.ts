import type { BookPositionFact } from '../../src/plugins/facts.js';

/** An MSFT call of a far expiry as a cycle's book reports it (2 contracts, all Greeks), with overrides. */
export const optionPosition = (p: Partial<BookPositionFact> = {}): BookPositionFact => ({
  symbol: 'MSFT',
  secType: 'OPT',
  conId: 1,
  right: 'C',
  strike: 400,
  expiry: '20991218',
  multiplier: 100,
  quantity: 2,
  avgCost: 9.5,
  marketPrice: 11.25,
  underlyingPrice: 405,
  delta: 0.55,
  gamma: 0.012,
  vega: 0.41,
  theta: -0.07,
  impliedVol: 0.24,
  ...p,
});
