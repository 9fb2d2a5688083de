import type { Simulator } from './index.js';

/** What the demo holds: the kind of book a trader who sells premium and hedges with futures options keeps. */
const DEMO: readonly {
  symbol: string;
  right: 'C' | 'P';
  moneyness: number;
  expiry: 0 | 1;
  side: 'BUY' | 'SELL';
  qty: number;
}[] = [
  { symbol: 'MSFT', right: 'P', moneyness: 0.95, expiry: 0, side: 'SELL', qty: 5 },
  { symbol: 'MSFT', right: 'C', moneyness: 1.0, expiry: 1, side: 'BUY', qty: 2 },
  { symbol: 'AAPL', right: 'C', moneyness: 1.05, expiry: 0, side: 'SELL', qty: 3 },
  { symbol: 'AAPL', right: 'P', moneyness: 0.9, expiry: 1, side: 'BUY', qty: 3 },
  { symbol: 'ES', right: 'P', moneyness: 0.97, expiry: 0, side: 'BUY', qty: 1 },
];

/**
 * Opens a small option book in the simulated paper account, as manual trades (what a trader does in TWS beside
 * the strategy), so the demo's Positions page has options with Greeks to show. Only the embedded simulator's
 * demo calls this, once, on a fresh database after the backfill; the strategy never trades options.
 */
export const openDemoOptionBook = (sim: Simulator): string[] => {
  const opened: string[] = [];
  for (const d of DEMO) {
    const spot = sim.market.quote(d.symbol)?.last;
    const chain = sim.market.optionChain(d.symbol).filter((o) => o.option?.right === d.right);
    const expiries = [...new Set(chain.map((o) => o.option!.expiryDate))].sort();
    const expiry = expiries[Math.min(d.expiry, expiries.length - 1)];
    if (spot === undefined || expiry === undefined) continue;
    const target = spot * d.moneyness;
    const pick = chain
      .filter((o) => o.option!.expiryDate === expiry)
      .sort((a, b) => Math.abs(a.option!.strike - target) - Math.abs(b.option!.strike - target))[0];
    if (!pick) continue;
    sim.broker.injectExecution(pick, d.side, d.qty);
    opened.push(`${d.side === 'BUY' ? '+' : '-'}${d.qty} ${pick.localSymbol}`);
  }
  return opened;
};
