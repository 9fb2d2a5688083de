import type { Contract, Order } from '@stoqey/ib';
import {
  BarSizeSetting,
  EventName,
  IBApiNext,
  OrderAction,
  OrderType,
  SecType,
  WhatToShow,
} from '@stoqey/ib';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { SIM_MAX_REQ_PER_SEC, type Simulator, startSimulator } from '../../src/sim/index.js';
import { connectIb, sleep, waitFor } from './helpers.js';

const DATE = '2026-03-02';
const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const ES: Contract = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD' };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe.each([176, 193])('IBApi against the simulator at server version %i', (serverVersion) => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, serverVersion, startDate: DATE, seed: 7 });
  });
  afterEach(() => sim.close());

  it('handshakes like IB Gateway: version and time, then accounts, nextValidId and the three farm messages', async () => {
    const c = await connectIb(sim.port, 1);
    await waitFor(() => c.infos().length >= 3, 'farm messages');
    const [version, time] = c.of(EventName.server)[0] as [number, string];
    expect(version).toBe(serverVersion);
    expect(time).toBe('20260302 16:05:00 EST');
    expect(
      c
        .names()
        .filter((n) =>
          [EventName.managedAccounts, EventName.nextValidId, EventName.info].includes(n as EventName),
        ),
    ).toEqual([
      EventName.managedAccounts,
      EventName.nextValidId,
      EventName.info,
      EventName.info,
      EventName.info,
    ]);
    expect(c.of(EventName.managedAccounts)[0]).toEqual(['DU1234567']);
    expect(c.nextValidId()).toBe(1);
    expect(c.infos().map((i) => i.code)).toEqual([2104, 2106, 2158]);
    c.api.reqCurrentTime();
    await waitFor(() => c.of(EventName.currentTime).length, 'currentTime');
    expect(c.of(EventName.currentTime)[0]).toEqual([Date.parse('2026-03-02T21:05:00Z') / 1000]);
    await c.close();
  });

  it('serves account summary, account updates, positions, bars, a snapshot and contract details with zero decode errors', async () => {
    const c = await connectIb(sim.port, 2);
    c.api.reqAccountSummary(10, 'All', 'NetLiquidation,TotalCashValue,BuyingPower,AccountType,$LEDGER:USD');
    c.api.reqAccountUpdates(true, 'DU1234567');
    c.api.reqPositions();
    c.api.reqHistoricalData(
      11,
      AAPL,
      '20260227-23:59:59',
      '10 D',
      BarSizeSetting.DAYS_ONE,
      WhatToShow.TRADES,
      1,
      1,
      false,
    );
    c.api.reqHistoricalData(12, ES, '', '1 M', BarSizeSetting.WEEKS_ONE, WhatToShow.TRADES, 1, 1, false);
    c.api.reqMktData(13, AAPL, '', true, false);
    c.api.reqContractDetails(14, ES);
    c.api.reqContractDetails(15, { ...AAPL, symbol: 'NOPE' });
    await waitFor(
      () =>
        c.of(EventName.accountSummaryEnd).length &&
        c.of(EventName.accountDownloadEnd).length &&
        c.of(EventName.positionEnd).length &&
        c.of(EventName.historicalData).filter(([, d]) => String(d).startsWith('finished')).length === 2 &&
        c.of(EventName.tickSnapshotEnd).length &&
        c.of(EventName.contractDetailsEnd).length &&
        c.errors().length,
      'every answer',
    );
    expect(c.decodeErrors()).toEqual([]);
    expect(c.errors()).toEqual([
      { code: 200, reqId: 15, message: 'No security definition has been found for the request' },
    ]);

    const summary = Object.fromEntries(
      c.of(EventName.accountSummary).map(([, , tag, value, ccy]) => [`${tag}/${ccy}`, value]),
    );
    expect(summary).toMatchObject({
      'NetLiquidation/USD': '1000000.00',
      'TotalCashValue/USD': '1000000.00',
      'BuyingPower/USD': '4000000.00',
      'AccountType/': 'INDIVIDUAL',
      'CashBalance/USD': '1000000.00',
    });
    expect(c.of(EventName.updateAccountValue).find(([k]) => k === 'NetLiquidation')).toEqual([
      'NetLiquidation',
      '1000000.00',
      'USD',
      'DU1234567',
    ]);
    expect(c.of(EventName.position)).toEqual([]);

    const daily = c
      .of(EventName.historicalData)
      .filter(([id, d]) => id === 11 && !String(d).startsWith('finished'));
    const expected = sim.market.bars('AAPL', '2026-02-16', '2026-02-27');
    expect(daily.map(([, date, o, h, l, cl, v]) => [date, o, h, l, cl, v])).toEqual(
      expected.map((b) => [b.date.replaceAll('-', ''), b.open, b.high, b.low, b.close, b.volume]),
    );
    const weekly = c
      .of(EventName.historicalData)
      .filter(([id, d]) => id === 12 && !String(d).startsWith('finished'));
    // "1 M" back from 2026-03-02 starts on 02-03: the first week is partial, dated by its first session.
    expect(weekly.map(([, d]) => d)).toEqual(['20260203', '20260209', '20260216', '20260223', '20260302']);

    const q = sim.market.quote('AAPL')!;
    const ticks = new Map(c.of(EventName.tickPrice).map(([, type, price]) => [type as number, price]));
    expect([ticks.get(1), ticks.get(2), ticks.get(4)]).toEqual([q.bid, q.ask, q.last]);
    const sizes = new Map(c.of(EventName.tickSize).map(([, type, size]) => [type as number, size]));
    expect(sizes.get(0)).toBe(q.bidSize);
    expect(c.of(EventName.tickSnapshotEnd)).toEqual([[13]]);

    const [[reqId, details]] = c.of(EventName.contractDetails) as [
      [number, { contract: Contract; longName: string }],
    ];
    expect(reqId).toBe(14);
    expect(details.contract).toMatchObject({
      symbol: 'ES',
      secType: 'FUT',
      multiplier: 50,
      lastTradeDateOrContractMonth: '20260320',
    });
    expect(details.longName).toBe('E-mini S&P 500');
    await c.close();
  });

  it('fills a MKT order with openOrder, orderStatus, execDetails and commissionReport in IB’s order, then reports the position', async () => {
    const c = await connectIb(sim.port, 3);
    const id = c.nextValidId()!;
    const sentAt = sim.stats.sent;
    c.api.placeOrder(id, AAPL, {
      action: OrderAction.BUY,
      totalQuantity: 100,
      orderType: OrderType.MKT,
      transmit: true,
      orderRef: 'hydra:t1:AAPL',
    } as Order);
    await waitFor(() => c.of(EventName.commissionReport).length, 'commission report');
    const orderEvents = c.log.filter((e) =>
      [
        EventName.openOrder,
        EventName.orderStatus,
        EventName.execDetails,
        EventName.commissionReport,
      ].includes(e.name as EventName),
    );
    expect(
      orderEvents.map((e) =>
        e.name === EventName.orderStatus
          ? `status:${e.args[1]}`
          : e.name === EventName.openOrder
            ? `open:${(e.args[3] as { status: string }).status}`
            : e.name,
      ),
    ).toEqual([
      'open:PreSubmitted',
      'status:PreSubmitted',
      'status:Submitted',
      'open:Submitted',
      EventName.execDetails,
      'status:Filled',
      'open:Filled',
      EventName.commissionReport,
    ]);
    // One MKT order is eight messages from the gateway.
    expect(sim.stats.sent - sentAt).toBe(8);
    const [reqId, contract, exec] = c.of(EventName.execDetails)[0] as [
      number,
      Contract,
      Record<string, unknown>,
    ];
    const q = sim.market.quote('AAPL')!;
    expect(reqId).toBe(-1);
    expect(contract).toMatchObject({ symbol: 'AAPL', secType: 'STK' });
    expect(exec).toMatchObject({
      orderId: id,
      side: 'BOT',
      shares: 100,
      cumQty: 100,
      orderRef: 'hydra:t1:AAPL',
      clientId: 3,
    });
    expect(exec.price).toBeGreaterThanOrEqual(q.ask);
    const [report] = c.of(EventName.commissionReport)[0] as [Record<string, unknown>];
    expect(report).toEqual({
      execId: exec.execId,
      commission: 1,
      currency: 'USD',
      realizedPNL: undefined,
      yield: undefined,
      yieldRedemptionDate: 0,
    });
    const [, , filled, remaining, avg] = c.of(EventName.orderStatus).at(-1)!;
    expect([filled, remaining, avg]).toEqual([100, 0, exec.price]);

    c.api.reqPositions();
    await waitFor(() => c.of(EventName.positionEnd).length, 'positionEnd');
    const [acct, pc, pos, avgCost] = c.of(EventName.position)[0]!;
    expect([acct, (pc as Contract).symbol, pos]).toEqual(['DU1234567', 'AAPL', 100]);
    // IB's average cost includes the commission.
    expect(avgCost).toBeCloseTo((exec.price as number) + 0.01, 4);
    expect(sim.broker.cash()).toBeCloseTo(1_000_000 - 100 * (exec.price as number) - 1, 6);
    expect(c.decodeErrors()).toEqual([]);
    expect(c.errors()).toEqual([]);
    await c.close();
  });
});

describe('IBApiNext against the simulator', () => {
  it.each([176, 193])(
    'connects at server version %i and serves its promise and observable helpers without an error',
    async (serverVersion) => {
      const sim = await startSimulator({ port: 0, serverVersion, startDate: DATE });
      const api = new IBApiNext({
        host: '127.0.0.1',
        port: sim.port,
        maxReqPerSec: SIM_MAX_REQ_PER_SEC,
        logger: quiet,
      });
      const errors: unknown[] = [];
      const sub = api.error.subscribe((e) => errors.push(e));
      try {
        api.connect(21);
        expect(await api.getManagedAccounts()).toEqual(['DU1234567']);
        expect(await api.getCurrentTime()).toBe(Date.parse('2026-03-02T21:05:00Z') / 1000);
        const summary = await firstValueFrom(api.getAccountSummary('All', 'NetLiquidation'));
        expect(summary.all.get('DU1234567')?.get('NetLiquidation')?.get('USD')?.value).toBe('1000000.00');
        const bars = await api.getHistoricalData(
          AAPL,
          '',
          '5 D',
          BarSizeSetting.DAYS_ONE,
          WhatToShow.TRADES,
          1,
          1,
        );
        expect(bars.map((b) => b.close)).toEqual(
          sim.market.bars('AAPL', '2026-02-24', DATE).map((b) => b.close),
        );
        const snap = await api.getMarketDataSnapshot(AAPL, '', false);
        expect(snap.get(2)?.value).toBe(sim.market.quote('AAPL')!.ask);
        const details = await api.getContractDetails(ES);
        expect(details.map((d) => [d.contract.symbol, d.contract.multiplier])).toEqual([['ES', 50]]);
        const id = await api.placeNewOrder(AAPL, {
          action: OrderAction.SELL,
          totalQuantity: 10,
          orderType: OrderType.MKT,
          transmit: true,
        } as Order);
        expect(id).toBe(1);
        await waitFor(() => sim.broker.executions().length === 1, 'the fill');
        await sim.broker.idle();
        const execs = await api.getExecutionDetails({});
        expect(execs.map((x) => [x.contract.symbol, x.execution.side, x.execution.shares])).toEqual([
          ['AAPL', 'SLD', 10],
        ]);
        const commissions = await api.getCommissionReport({});
        expect(commissions.map((r) => r.commission)).toEqual([1]);
        const positions = await firstValueFrom(
          api.getPositions().pipe(filter((p) => (p.all.get('DU1234567')?.length ?? 0) > 0)),
        );
        expect(positions.all.get('DU1234567')?.map((p) => [p.contract.symbol, p.pos])).toEqual([
          ['AAPL', -10],
        ]);
        await sleep(20);
        expect(errors).toEqual([]);
      } finally {
        sub.unsubscribe();
        api.disconnect();
        await sim.close();
      }
    },
  );
});
