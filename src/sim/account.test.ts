import { createAccount, IBKR_PRO_FIXED, orderCommission } from './account.js';
import { buildCatalog } from './catalog.js';

const catalog = buildCatalog(7, '2026-03-02');
const aapl = catalog.get('AAPL')!;
const es = catalog.get('ES')!;

describe('IBKR Pro fixed commissions', () => {
  it('charges $0.005 a share with a $1 minimum and a 1 % of value maximum per order; futures per contract', () => {
    expect(orderCommission(IBKR_PRO_FIXED, aapl, 100, 100 * 150)).toBe(1);
    expect(orderCommission(IBKR_PRO_FIXED, aapl, 1000, 1000 * 150)).toBe(5);
    expect(orderCommission(IBKR_PRO_FIXED, aapl, 333, 333 * 150)).toBe(1.665);
    // A $0.50 stock: 1 % of $50 = $0.50, below the $1 minimum: the maximum wins.
    expect(orderCommission(IBKR_PRO_FIXED, aapl, 100, 100 * 0.5)).toBe(0.5);
    expect(orderCommission(IBKR_PRO_FIXED, es, 3, 3 * 5000 * 50)).toBe(6.75);
    expect(orderCommission({ ...IBKR_PRO_FIXED, perFutureContract: 1.5 }, es, 2, 0)).toBe(3);
  });
});

describe('the paper account', () => {
  const mark = (price: number) => () => price;

  it('moves a stock’s notional through cash, carries commissions in the average cost and realizes P&L net of both', () => {
    const a = createAccount('DU1', 100_000);
    expect(a.book(aapl, 'BUY', 100, 150, 1)).toBeNull();
    expect(a.cash()).toBe(100_000 - 15_000 - 1);
    expect(a.positions()[0]).toMatchObject({ quantity: 100, avgPrice: 150, avgCost: 150.01 });
    expect(a.unrealizedPnl(mark(151))).toBeCloseTo(99, 9);
    expect(a.netLiquidation(mark(151))).toBeCloseTo(100_000 - 1 + 100, 9);
    expect(a.book(aapl, 'SELL', 100, 151, 1)).toBeCloseTo(98, 9);
    expect(a.cash()).toBeCloseTo(100_098, 9);
    expect(a.realizedPnl()).toBeCloseTo(98, 9);
    expect(a.positions()).toEqual([]);
  });

  it('handles shorts and a flip from long to short in one fill', () => {
    const a = createAccount('DU1', 100_000);
    a.book(aapl, 'BUY', 10, 100, 1);
    // Sell 30: closes 10 (a third of the commission) and opens 20 short.
    const realized = a.book(aapl, 'SELL', 30, 110, 1.5);
    expect(realized).toBeCloseTo(10 * (110 - 100.1) - 0.5, 9);
    expect(a.positions()[0]).toMatchObject({ quantity: -20, avgPrice: 110 });
    expect(a.positions()[0]!.avgCost).toBeCloseTo(110 - 1 / 20, 9);
    expect(a.book(aapl, 'BUY', 20, 100, 1)).toBeCloseTo(20 * (110 - 0.05 - 100) - 1, 9);
    expect(a.cash()).toBeCloseTo(100_000 + 10 * 10 + 20 * 10 - 3.5, 9);
  });

  it('keeps futures notional out of cash: only realized P&L (variation margin) and commissions move it', () => {
    const a = createAccount('DU1', 100_000);
    a.book(es, 'BUY', 2, 5000, 4.5);
    expect(a.cash()).toBe(100_000 - 4.5);
    expect(a.positions()[0]?.avgCost).toBeCloseTo(5000 + 4.5 / 100, 9);
    expect(a.netLiquidation(mark(5010))).toBeCloseTo(100_000 - 4.5 + 2 * 10 * 50, 9);
    const v = a.values(mark(5010));
    expect(v.get('GrossPositionValue')).toBe('0.00');
    expect(Number(v.get('InitMarginReq'))).toBeCloseTo(2 * 5010 * 50 * 0.06, 2);
    expect(a.book(es, 'SELL', 2, 5010, 4.5)).toBeCloseTo(2 * 10 * 50 - 9, 9);
    expect(a.cash()).toBeCloseTo(100_000 + 1000 - 9, 9);
  });
});
