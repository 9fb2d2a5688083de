import type { Contract, Order } from '@stoqey/ib';
import { BarSizeSetting, EventName, OrderAction, OrderType, SecType, WhatToShow } from '@stoqey/ib';
import { parseFaultScript, type SimOptions, type Simulator, startSimulator } from '../../src/sim/index.js';
import { connectIb, type IbClient, sleep, waitFor } from './helpers.js';

const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const mkt = (qty = 10): Order =>
  ({ action: OrderAction.BUY, totalQuantity: qty, orderType: OrderType.MKT, transmit: true }) as Order;
const statuses = (c: IbClient, id: number) =>
  c
    .of(EventName.orderStatus)
    .filter(([oid]) => oid === id)
    .map(([, s]) => s as string);
const bars = (c: IbClient, reqId: number, end = '') =>
  c.api.reqHistoricalData(reqId, AAPL, end, '5 D', BarSizeSetting.DAYS_ONE, WhatToShow.TRADES, 1, 1, false);

describe('faults the client observes', () => {
  let sim: Simulator;
  const start = async (rules: unknown[], extra: SimOptions = {}) => {
    sim = await startSimulator({
      port: 0,
      startDate: '2026-03-02',
      faults: parseFaultScript({ rules }),
      ...extra,
    });
    return sim;
  };
  afterEach(() => sim.close());

  it('drops the socket on the nth message: the earlier ones are answered, that one is not', async () => {
    await start([{ on: 'message', nth: 3, action: 'drop' }]);
    const c = await connectIb(sim.port, 1);
    for (let i = 0; i < 3; i++) c.api.reqCurrentTime();
    await waitFor(() => c.disconnected(), 'the drop');
    expect(c.of(EventName.currentTime)).toHaveLength(2);
  });

  it('drops the socket right after the 2nd placeOrder: that order still reaches the broker and fills, as seen after a reconnect', async () => {
    await start([{ on: 'placeOrder', nth: 2, action: 'drop' }]);
    const c = await connectIb(sim.port, 2);
    c.api.placeOrder(1, AAPL, mkt());
    await waitFor(() => statuses(c, 1).includes('Filled'), 'order 1 filled');
    c.api.placeOrder(2, AAPL, mkt());
    await waitFor(() => c.disconnected(), 'the drop');
    await sim.broker.idle();
    const again = await connectIb(sim.port, 2);
    expect(again.nextValidId()).toBe(3);
    again.api.reqExecutions(9, {} as never);
    await waitFor(() => again.of(EventName.execDetailsEnd).length, 'execDetailsEnd');
    expect(again.of(EventName.execDetails).map(([, , x]) => (x as { orderId: number }).orderId)).toEqual([
      1, 2,
    ]);
    await again.close();
  });

  it('sends 1100 then 1102 to every client; nothing fills while connectivity is lost', async () => {
    await start([{ on: 'message', nth: 1, action: 'connectivity', codes: [1100, 1102], intervalMs: 150 }]);
    const c = await connectIb(sim.port, 3);
    const watcher = await connectIb(sim.port, 4);
    c.api.reqCurrentTime();
    await waitFor(() => c.infos().some((i) => i.code === 1100), '1100');
    c.api.placeOrder(1, AAPL, mkt());
    await waitFor(() => statuses(c, 1).includes('Submitted'), 'Submitted');
    await sleep(30);
    expect(c.of(EventName.execDetails)).toEqual([]);
    await waitFor(() => c.infos().some((i) => i.code === 1102), '1102');
    await waitFor(() => statuses(c, 1).includes('Filled'), 'the fill after 1102');
    expect(
      watcher
        .infos()
        .map((i) => i.code)
        .filter((x) => x > 1000 && x < 2000),
    ).toEqual([1100, 1102]);
    await c.close();
    await watcher.close();
  });

  it('1101 (restored, data lost) ends the clients’ market data subscriptions', async () => {
    await start([{ on: 'reqMktData', action: 'connectivity', codes: [1100, 1101], intervalMs: 20 }]);
    const c = await connectIb(sim.port, 5);
    c.api.reqMktData(7, AAPL, '', false, false);
    await waitFor(() => c.infos().some((i) => i.code === 1101), '1101');
    const n = c.of(EventName.tickPrice).length;
    sim.clock.advance(1);
    await sleep(30);
    expect(c.of(EventName.tickPrice)).toHaveLength(n);
    await c.close();
  });

  it('a reset window on a date drops everyone and refuses connections until it is over', async () => {
    await start([{ on: 'day', date: '2026-03-03', action: 'resetWindow', ms: 300 }]);
    const c = await connectIb(sim.port, 6);
    sim.clock.advance(1);
    await waitFor(() => c.disconnected(), 'the reset');
    const refused = await connectIb(sim.port, 6, { ready: false });
    await waitFor(() => refused.disconnected(), 'the refusal');
    expect(refused.nextValidId()).toBeUndefined();
    await sleep(320);
    const back = await connectIb(sim.port, 6);
    expect(back.nextValidId()).toBe(1);
    await back.close();
    expect(sim.stats.refused).toBe(1);
  });

  it('a gateway that never sends nextValidId: connected, but every request stays queued in the client', async () => {
    await start([{ on: 'connect', action: 'noNextValidId', clientId: 7 }]);
    const c = await connectIb(sim.port, 7, { ready: false });
    await waitFor(() => c.infos().length === 3, 'the farm messages');
    c.api.reqCurrentTime();
    await sleep(100);
    expect(c.of(EventName.connected)).toHaveLength(1);
    expect(c.nextValidId()).toBeUndefined();
    expect(c.of(EventName.currentTime)).toEqual([]);
    await c.close();
    // Other clients are not affected.
    const other = await connectIb(sim.port, 8);
    await other.close();
  });

  it('rolls nextValidId back on the 2nd connection; reusing the id is refused with 103', async () => {
    await start([{ on: 'connect', nth: 2, action: 'rollbackNextValidId', to: 1 }]);
    const c = await connectIb(sim.port, 9);
    c.api.placeOrder(1, AAPL, mkt());
    c.api.placeOrder(2, AAPL, mkt());
    await waitFor(() => statuses(c, 2).includes('Filled'), 'two orders filled');
    await c.close();
    const again = await connectIb(sim.port, 9);
    expect(again.nextValidId()).toBe(1);
    again.api.placeOrder(1, AAPL, mkt());
    await waitFor(() => again.errors().length, 'the 103');
    expect(again.errors().map((e) => [e.reqId, e.code])).toEqual([[1, 103]]);
    await again.close();
  });

  it('rejects an order with 201 and Inactive, nothing filled; refuses a connection; fails a request; delays fills', async () => {
    await start([
      {
        on: 'placeOrder',
        nth: 1,
        action: 'reject',
        code: 201,
        message: 'Order rejected - reason:insufficient margin',
      },
      { on: 'placeOrder', nth: 2, action: 'delayFills', ms: 250 },
      {
        on: 'reqHistoricalData',
        nth: 1,
        action: 'fail',
        code: 162,
        message: 'Historical Market Data Service error message:HMDS query returned no data',
      },
      { on: 'connect', nth: 2, action: 'refuse' },
    ]);
    const c = await connectIb(sim.port, 10);
    c.api.placeOrder(1, AAPL, mkt());
    await waitFor(() => statuses(c, 1).includes('Inactive'), 'Inactive');
    expect(c.errors()).toEqual([
      { reqId: 1, code: 201, message: 'Order rejected - reason:insufficient margin' },
    ]);
    const sent = Date.now();
    c.api.placeOrder(2, AAPL, mkt());
    await waitFor(() => statuses(c, 2).includes('Submitted'), 'order 2 Submitted');
    await waitFor(() => statuses(c, 2).includes('Filled'), 'order 2 filled late');
    expect(Date.now() - sent).toBeGreaterThanOrEqual(250);
    bars(c, 20);
    bars(c, 21);
    await waitFor(() => c.of(EventName.historicalData).length, 'the second request served');
    expect(c.errors().at(-1)).toMatchObject({ reqId: 20, code: 162 });
    expect(c.of(EventName.historicalData).every(([id]) => id === 21)).toBe(true);
    const refused = await connectIb(sim.port, 11, { ready: false });
    await waitFor(() => refused.disconnected(), 'the refusal');
    expect(sim.broker.executions().map((x) => x.orderId)).toEqual([2]);
    await c.close();
  });

  it('answers historical requests that come too fast with 162, per IB’s pacing rules (thresholds shrunk)', async () => {
    await start([], { pacing: { identicalWithinMs: 2_000, perContract: 2, perContractWindowMs: 2_000 } });
    const c = await connectIb(sim.port, 12);
    bars(c, 30, '20260227-23:59:59');
    bars(c, 31, '20260227-23:59:59'); // identical
    bars(c, 32, '20260226-23:59:59');
    bars(c, 33, '20260225-23:59:59'); // a third for AAPL within the window
    await waitFor(() => c.errors().length === 2, 'two pacing violations');
    expect(c.errors().map((e) => [e.reqId, e.code])).toEqual([
      [31, 162],
      [33, 162],
    ]);
    expect(c.errors()[0]?.message).toMatch(/Pacing violation: identical request/);
    await c.close();
  });
});
