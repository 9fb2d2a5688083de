import type { Contract, Order } from '@stoqey/ib';
import { EventName, OrderAction, OrderType, SecType } from '@stoqey/ib';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { connectIb, type IbClient, waitFor } from './helpers.js';

const DATE = '2026-03-02';
const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const ILLQ: Contract = { ...AAPL, symbol: 'ILLQ' };
const ES: Contract = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD' };

const lmt = (side: OrderAction, qty: number, price: number, tif = 'GTC'): Order =>
  ({
    action: side,
    totalQuantity: qty,
    orderType: OrderType.LMT,
    lmtPrice: price,
    tif,
    transmit: true,
  }) as Order;
const mkt = (side: OrderAction, qty: number, orderRef = ''): Order =>
  ({ action: side, totalQuantity: qty, orderType: OrderType.MKT, transmit: true, orderRef }) as Order;
const statusesOf = (c: IbClient, id: number) =>
  c
    .of(EventName.orderStatus)
    .filter(([oid]) => oid === id)
    .map(([, status, filled]) => `${status}:${filled}`);
const errorCodes = (c: IbClient) => c.errors().map((e) => [e.reqId, e.code]);

describe('orders through IBApi', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, startDate: DATE, seed: 7, fillDelayMs: 2 });
  });
  afterEach(() => sim.close());

  it('rests a GTC limit below the market and fills it, at no worse than the limit, once a later session trades through it', async () => {
    const c = await connectIb(sim.port, 1);
    const lows = sim.market.bars('AAPL', '2026-03-03', '2026-04-30').map((b) => b.low);
    const limit = Math.round(Math.min(...lows.slice(0, 20)) * 100) / 100 + 0.01;
    c.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 10, limit));
    await waitFor(() => statusesOf(c, 1).includes('Submitted:0'), 'Submitted');
    await sim.broker.idle();
    expect(c.of(EventName.execDetails)).toEqual([]);
    let days = 0;
    while (!c.of(EventName.execDetails).length && days < 20) {
      sim.clock.advance(1);
      days++;
      await sim.broker.idle();
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => c.of(EventName.commissionReport).length, 'the commission report');
    const exec = c.of(EventName.execDetails)[0]![2] as { price: number; time: string };
    expect(exec.price).toBeLessThanOrEqual(limit);
    expect(sim.market.bar('AAPL', sim.clock.today())!.low).toBeLessThanOrEqual(limit);
    expect(exec.time.startsWith(sim.clock.today().replaceAll('-', ''))).toBe(true);
    expect(statusesOf(c, 1).at(-1)).toBe('Filled:10');
    expect(c.decodeErrors()).toEqual([]);
    await c.close();
  });

  it('lets a DAY limit that the next session did not reach expire', async () => {
    const c = await connectIb(sim.port, 2);
    c.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 10, 0.01, 'DAY'));
    await waitFor(() => statusesOf(c, 1).includes('Submitted:0'), 'Submitted');
    sim.clock.advance(1);
    await waitFor(() => statusesOf(c, 1).includes('Cancelled:0'), 'expiry');
    await c.close();
  });

  it('fills an order large against volume in parts: several execDetails with rising cumQty, Submitted in between, then Filled', async () => {
    const c = await connectIb(sim.port, 3);
    c.api.placeOrder(1, ILLQ, mkt(OrderAction.BUY, 1000, 'big'));
    await waitFor(() => c.of(EventName.commissionReport).length === 3, 'three commission reports');
    const execs = c
      .of(EventName.execDetails)
      .map(([, , x]) => x as { cumQty: number; shares: number; execId: string });
    expect(execs.map((x) => [x.shares, x.cumQty])).toEqual([
      [400, 400],
      [400, 800],
      [200, 1000],
    ]);
    expect(statusesOf(c, 1)).toEqual([
      'PreSubmitted:0',
      'Submitted:0',
      'Submitted:400',
      'Submitted:800',
      'Filled:1000',
    ]);
    // One order's commission, charged as the parts fill: $0.005/share, min $1, max 1 % of the value.
    const value = c
      .of(EventName.execDetails)
      .reduce(
        (a, [, , x]) => a + (x as { shares: number; price: number }).shares * (x as { price: number }).price,
        0,
      );
    const commissions = c
      .of(EventName.commissionReport)
      .map(([r]) => (r as { commission: number }).commission);
    expect(commissions.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.min(Math.max(1, 5), 0.01 * value), 4);
    await c.close();
  });

  it('cancels a working order (Cancelled + 202), refuses a filled one (161) and an unknown id (10147)', async () => {
    const c = await connectIb(sim.port, 4);
    c.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 5, 1));
    c.api.placeOrder(2, AAPL, mkt(OrderAction.BUY, 5));
    await waitFor(
      () => statusesOf(c, 1).includes('Submitted:0') && statusesOf(c, 2).includes('Filled:5'),
      'states',
    );
    c.api.cancelOrder(1);
    c.api.cancelOrder(2);
    c.api.cancelOrder(99);
    await waitFor(() => c.errors().length === 3, 'three answers');
    expect(statusesOf(c, 1).at(-1)).toBe('Cancelled:0');
    expect(errorCodes(c)).toEqual([
      [1, 202],
      [2, 161],
      [99, 10147],
    ]);
    await c.close();
  });

  it('modifies a working limit in place, and refuses a reused id (103) and an off-tick price (110)', async () => {
    const c = await connectIb(sim.port, 5);
    c.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 5, 1));
    await waitFor(() => statusesOf(c, 1).includes('Submitted:0'), 'Submitted');
    c.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 7, 1.5));
    await waitFor(
      () => c.of(EventName.openOrder).some(([, , o]) => (o as Order).totalQuantity === 7),
      'the modified order',
    );
    const [, , o] = c.of(EventName.openOrder).at(-1)!;
    expect([(o as Order).totalQuantity, (o as Order).lmtPrice]).toEqual([7, 1.5]);
    c.api.placeOrder(2, AAPL, mkt(OrderAction.BUY, 1));
    await waitFor(() => statusesOf(c, 2).includes('Filled:1'), 'order 2 filled');
    c.api.placeOrder(2, AAPL, mkt(OrderAction.BUY, 1));
    c.api.placeOrder(3, ES, lmt(OrderAction.BUY, 1, 5000.1));
    await waitFor(() => c.errors().length === 2, 'two refusals');
    expect(errorCodes(c)).toEqual([
      [2, 103],
      [3, 110],
    ]);
    await c.close();
  });

  it('lists a client’s open orders with reqOpenOrders and everyone’s with reqAllOpenOrders; reqGlobalCancel cancels them all', async () => {
    const a = await connectIb(sim.port, 6);
    const b = await connectIb(sim.port, 7);
    a.api.placeOrder(1, AAPL, lmt(OrderAction.BUY, 5, 1));
    b.api.placeOrder(1, AAPL, lmt(OrderAction.SELL, 5, 9999));
    await waitFor(
      () => statusesOf(a, 1).includes('Submitted:0') && statusesOf(b, 1).includes('Submitted:0'),
      'both working',
    );
    await sim.broker.idle();
    const listed = (from: number) =>
      a.log
        .slice(from)
        .filter((e) => e.name === EventName.openOrder)
        .map((e) => (e.args[2] as Order).clientId);
    const before = a.log.length;
    a.api.reqOpenOrders();
    await waitFor(() => a.of(EventName.openOrderEnd).length === 1, 'openOrderEnd');
    expect(listed(before)).toEqual([6]);
    const middle = a.log.length;
    a.api.reqAllOpenOrders();
    await waitFor(() => a.of(EventName.openOrderEnd).length === 2, 'second openOrderEnd');
    expect(listed(middle)).toEqual([6, 7]);
    a.api.reqGlobalCancel();
    await waitFor(
      () => statusesOf(a, 1).includes('Cancelled:0') && statusesOf(b, 1).includes('Cancelled:0'),
      'both cancelled',
    );
    expect(errorCodes(b)).toEqual([[1, 202]]);
    await a.close();
    await b.close();
  });

  it('keeps state across reconnects: reqExecutions reports the day’s fills, filtered by client id and time, with commission reports', async () => {
    const a = await connectIb(sim.port, 8);
    a.api.placeOrder(1, AAPL, mkt(OrderAction.BUY, 20, 'a1'));
    await waitFor(() => a.of(EventName.commissionReport).length === 1, 'a1 filled');
    await a.close();
    const other = await connectIb(sim.port, 9);
    other.api.placeOrder(1, AAPL, mkt(OrderAction.SELL, 5, 'b1'));
    await waitFor(() => other.of(EventName.commissionReport).length === 1, 'b1 filled');
    const again = await connectIb(sim.port, 8);
    // nextValidId continues after the ids this client used before.
    expect(again.nextValidId()).toBe(2);
    const secondFill = sim.broker.executions()[1]!;
    again.api.reqExecutions(31, { clientId: '8' } as never);
    again.api.reqExecutions(32, {} as never);
    const t = new Date(secondFill.time).toISOString();
    again.api.reqExecutions(33, {
      time: `${t.slice(0, 10).replaceAll('-', '')}-${t.slice(11, 19)}`,
    } as never);
    again.api.reqExecutions(34, { side: 'SELL' } as never);
    await waitFor(() => again.of(EventName.execDetailsEnd).length === 4, 'four execDetailsEnd');
    const refs = (reqId: number) =>
      again
        .of(EventName.execDetails)
        .filter(([id]) => id === reqId)
        .map(([, , x]) => (x as { orderRef: string }).orderRef);
    expect([refs(31), refs(32), refs(33), refs(34)]).toEqual([['a1'], ['a1', 'b1'], ['b1'], ['b1']]);
    expect(again.of(EventName.commissionReport)).toHaveLength(5);
    // The next day, the previous day's executions are no longer reported.
    sim.clock.advance(1);
    again.api.reqExecutions(35, {} as never);
    await waitFor(() => again.of(EventName.execDetailsEnd).length === 5, 'fifth execDetailsEnd');
    expect(refs(35)).toEqual([]);
    expect(again.decodeErrors()).toEqual([]);
    await again.close();
    await other.close();
  });

  it('streams market data on each new day until cancelled, and answers a cancel of an unknown ticker with 300', async () => {
    const c = await connectIb(sim.port, 10);
    c.api.reqMktData(41, AAPL, '', false, false);
    await waitFor(() => c.of(EventName.tickPrice).length >= 7, 'first ticks');
    const first = c.of(EventName.tickPrice).length;
    sim.clock.advance(1);
    await waitFor(() => c.of(EventName.tickPrice).length === 2 * first, 'ticks of the next day');
    const last = c
      .of(EventName.tickPrice)
      .filter(([, type]) => type === 4)
      .map(([, , p]) => p);
    expect(last).toEqual([sim.market.bar('AAPL', DATE)!.close, sim.market.quote('AAPL')!.last]);
    c.api.cancelMktData(41);
    c.api.cancelMktData(41);
    await waitFor(() => c.errors().length, 'the 300');
    expect(errorCodes(c)).toEqual([[41, 300]]);
    sim.clock.advance(1);
    await sim.broker.idle();
    expect(c.of(EventName.tickPrice)).toHaveLength(2 * first);
    await c.close();
  });

  it('holds an order sent with transmit unset at the gateway (ApiPending) and caps account summaries at two (322)', async () => {
    const c = await connectIb(sim.port, 11);
    c.api.placeOrder(1, AAPL, {
      action: OrderAction.BUY,
      totalQuantity: 1,
      orderType: OrderType.MKT,
    } as Order);
    await waitFor(() => statusesOf(c, 1).length, 'a status');
    await sim.broker.idle();
    expect(statusesOf(c, 1)).toEqual(['ApiPending:0']);
    c.api.reqAccountSummary(51, 'All', 'NetLiquidation');
    c.api.reqAccountSummary(52, 'All', 'NetLiquidation');
    c.api.reqAccountSummary(53, 'All', 'NetLiquidation');
    await waitFor(() => c.errors().length, 'the 322');
    expect(errorCodes(c)).toEqual([[53, 322]]);
    c.api.cancelAccountSummary(51);
    c.api.reqAccountSummary(54, 'All', 'NetLiquidation');
    await waitFor(
      () => c.of(EventName.accountSummaryEnd).some(([id]) => id === 54),
      'a third after a cancel',
    );
    await c.close();
  });
});
