import type { ExecutionFact, OrderIntentFact } from '../../src/plugins/facts.js';

/**
 * A market-order intent for a stock as the cycle records it, with the usual defaults; tests name only what
 * they are about. The orderRef follows the runner's `hydra:<cycleId>:<symbol>` unless given.
 */
export const intentFact = (
  p: Pick<OrderIntentFact, 'cycleId' | 'symbol' | 'side'> & Partial<OrderIntentFact>,
): OrderIntentFact => ({
  orderRef: `hydra:${p.cycleId}:${p.symbol}`,
  secType: 'STK',
  currency: 'USD',
  multiplier: 1,
  quantity: 100,
  orderType: 'MKT',
  limitPrice: null,
  arrivalPrice: 100,
  predictedSlippageBps: 1,
  // Decided at 21:00Z on the cycle's trading date when its id starts with one (2026-11-20#1).
  decidedAt: new Date(
    `${/^\d{4}-\d{2}-\d{2}/.test(p.cycleId) ? p.cycleId.slice(0, 10) : '2026-01-02'}T21:00:00Z`,
  ),
  ...p,
});

/** An execution of the whole of `intent` (unless a quantity is given), on the simulator's exchange. */
export const executionOf = (
  intent: OrderIntentFact,
  p: Pick<ExecutionFact, 'execId' | 'price' | 'time'> & Partial<ExecutionFact>,
): ExecutionFact => ({
  orderRef: intent.orderRef,
  cycleId: intent.cycleId,
  symbol: intent.symbol,
  side: intent.side,
  quantity: intent.quantity,
  exchange: 'SIM',
  brokerOrderId: 1,
  permId: 1,
  ...p,
});
