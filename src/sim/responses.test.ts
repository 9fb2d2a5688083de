import { EventName } from '@stoqey/ib';
import { Decoder } from '@stoqey/ib/dist/core/io/decoder.js';
import type { SimExecution, SimOrder } from './broker.js';
import { buildCatalog } from './catalog.js';
import { encodeFrame } from './codec.js';
import { SUPPORTED } from './handshake.js';
import { createMarket } from './market.js';
import { createOptionChains } from './options/chain.js';
import * as R from './responses.js';

interface Decoded {
  events: { name: string; args: unknown[] }[];
  errors: { message: string; code: number }[];
}

/** Runs one message, as bytes, through @stoqey/ib's decoder at a server version. */
const decode = (sv: number, msg: R.Msg): Decoded => {
  const out: Decoded = { events: [], errors: [] };
  const d = new Decoder({
    serverVersion: sv,
    emitEvent: (name: EventName, ...args: unknown[]) => out.events.push({ name, args }),
    emitError: (message: string, code: number) => out.errors.push({ message, code }),
    emitInfo: (message: string, code: number) => out.events.push({ name: 'info', args: [message, code] }),
  });
  const frame = encodeFrame(msg);
  // As the client's socket does: split the payload on NUL; the last (empty) piece is not a field.
  d.enqueueMessage(frame.subarray(4).toString('utf8').split('\0').slice(0, -1));
  d.process();
  return out;
};

const catalog = buildCatalog(7, '2026-03-02');
const aapl = catalog.get('AAPL')!;
const es = catalog.get('ES')!;
const order = (over: Partial<SimOrder> = {}): SimOrder => ({
  clientId: 3,
  orderId: 12,
  permId: 1_000_123,
  spec: aapl,
  side: 'BUY',
  quantity: 100,
  orderType: 'LMT',
  limitPrice: 101.25,
  tif: 'GTC',
  orderRef: 'hydra:c1:AAPL',
  account: 'DU1234567',
  status: 'Submitted',
  filled: 40,
  avgFillPrice: 101.2,
  lastFillPrice: 101.2,
  placedOn: '2026-03-02',
  fillDelayMs: 0,
  commissionCharged: 1,
  filledToday: 40,
  fillDay: '2026-03-02',
  ...over,
});
const execution: SimExecution = {
  execId: '0000e0d5.69a5fb7c.01.01',
  clientId: 3,
  orderId: 12,
  permId: 1_000_123,
  spec: es,
  side: 'SELL',
  shares: 2,
  price: 5012.25,
  cumQty: 2,
  avgPrice: 5012.25,
  orderRef: 'r',
  account: 'DU1234567',
  time: Date.parse('2026-03-02T21:05:01Z'),
  tradingDate: '2026-03-02',
  commission: 4.5,
  realizedPnl: null,
  liquidity: 2,
};

const VERSIONS = Array.from({ length: SUPPORTED.max - SUPPORTED.min + 1 }, (_, i) => SUPPORTED.min + i);

describe.each(VERSIONS)('every encoder through @stoqey/ib’s decoder at server version %i', (sv) => {
  const one = (msg: R.Msg, event: string) => {
    const d = decode(sv, msg);
    expect(d.errors).toEqual([]);
    const e = d.events.find((x) => x.name === event);
    if (!e) throw new Error(`no ${event} event; got ${d.events.map((x) => x.name).join(', ')}`);
    return e.args;
  };

  it('decodes the handshake and account messages with no error', () => {
    expect(one(R.nextValidId(7), EventName.nextValidId)).toEqual([7]);
    expect(one(R.managedAccounts('DU1234567'), EventName.managedAccounts)).toEqual(['DU1234567']);
    expect(one(R.currentTime(1_772_485_500), EventName.currentTime)).toEqual([1_772_485_500]);
    expect(one(R.error(sv, -1, 2104, 'farm OK'), 'info')).toEqual(['farm OK', 2104]);
    expect(
      one(R.accountSummary(4, 'DU1', 'NetLiquidation', '1000.00', 'USD'), EventName.accountSummary),
    ).toEqual([4, 'DU1', 'NetLiquidation', '1000.00', 'USD']);
    expect(one(R.accountSummaryEnd(4), EventName.accountSummaryEnd)).toEqual([4]);
    expect(one(R.accountValue('TotalCashValue', '5.00', 'USD', 'DU1'), EventName.updateAccountValue)).toEqual(
      ['TotalCashValue', '5.00', 'USD', 'DU1'],
    );
    const [contract, pos, price, value, avgCost, unrealized, realized, acct] = one(
      R.portfolioValue(
        {
          spec: es,
          position: 2,
          marketPrice: 5000,
          marketValue: 500_000,
          averageCost: 250_100,
          unrealizedPnl: -200,
          realizedPnl: 10,
        },
        'DU1',
      ),
      EventName.updatePortfolio,
    );
    expect([pos, price, value, avgCost, unrealized, realized, acct]).toEqual([
      2,
      5000,
      500_000,
      250_100,
      -200,
      10,
      'DU1',
    ]);
    expect(contract).toMatchObject({ symbol: 'ES', secType: 'FUT', multiplier: 50, conId: es.conId });
    expect(one(R.accountUpdateTime('16:05'), EventName.updateAccountTime)).toEqual(['16:05']);
    expect(one(R.accountDownloadEnd('DU1'), EventName.accountDownloadEnd)).toEqual(['DU1']);
    const [acct2, c2, qty, cost] = one(R.position('DU1', es, -3, 250_000), EventName.position);
    expect([acct2, qty, cost]).toEqual(['DU1', -3, 250_000]);
    expect(c2).toMatchObject({
      symbol: 'ES',
      localSymbol: es.localSymbol,
      lastTradeDateOrContractMonth: es.lastTradeDate,
    });
    expect(decode(sv, R.positionEnd()).events.map((e) => e.name)).toContain(EventName.positionEnd);
  });

  it('decodes bars, ticks and contract details', () => {
    const bars = [
      { date: '2026-02-27', open: 1, high: 2, low: 0.5, close: 1.5, volume: 1000, wap: 1.3, count: 10 },
      { date: '2026-03-02', open: 1.5, high: 2.5, low: 1, close: 2, volume: -1, wap: -1, count: -1 },
    ];
    const d = decode(sv, R.historicalData(9, '20260227 00:00:00', '20260302 16:05:00', bars));
    expect(d.errors).toEqual([]);
    expect(d.events.map((e) => e.args.slice(0, 6))).toEqual([
      [9, '20260227', 1, 2, 0.5, 1.5],
      [9, '20260302', 1.5, 2.5, 1, 2],
      [9, 'finished-20260227 00:00:00-20260302 16:05:00', -1, -1, -1, -1],
    ]);
    const ticks = decode(sv, R.tickPrice(5, 2, 101.5, 300));
    expect(ticks.errors).toEqual([]);
    expect(ticks.events.map((e) => [e.name, ...e.args.slice(0, 3)])).toEqual([
      [EventName.tickPrice, 5, 2, 101.5],
      [EventName.tickSize, 5, 3, 300],
    ]);
    expect(one(R.tickSize(5, 8, 12345), EventName.tickSize)).toEqual([5, 8, 12345]);
    expect(one(R.tickString(5, 45, '1772485500'), EventName.tickString)).toEqual([5, 45, '1772485500']);
    expect(one(R.tickReqParams(5, 0.01, 'a6', 3), EventName.tickReqParams)).toEqual([5, 0, 'a6', 3]);
    expect(one(R.marketDataType(5, 3), EventName.marketDataType)).toEqual([5, 3]);
    expect(one(R.tickSnapshotEnd(5), EventName.tickSnapshotEnd)).toEqual([5]);
    for (const spec of [aapl, es]) {
      const [reqId, details] = one(
        R.contractData(sv, 6, spec, { tradingHours: '20260302:0930-20260302:1600', liquidHours: '' }),
        EventName.contractDetails,
      ) as [number, { contract: Record<string, unknown>; minTick: number; longName: string }];
      expect(reqId).toBe(6);
      expect(details.contract).toMatchObject({
        symbol: spec.symbol,
        secType: spec.secType,
        conId: spec.conId,
        exchange: spec.exchange,
        localSymbol: spec.localSymbol,
      });
      expect(details.minTick).toBe(spec.minTick);
      if (spec.secType === 'FUT') expect(details.contract.multiplier).toBe(50);
    }
    expect(one(R.contractDataEnd(6), EventName.contractDetailsEnd)).toEqual([6]);
  });

  it('decodes order, execution and commission messages', () => {
    expect(one(R.orderStatus(order()), EventName.orderStatus)).toEqual([
      12,
      'Submitted',
      40,
      60,
      101.2,
      1_000_123,
      0,
      101.2,
      3,
      '',
      0,
    ]);
    for (const o of [
      order(),
      order({ orderType: 'MKT', limitPrice: null, status: 'Filled', filled: 100, spec: es }),
    ]) {
      const [id, c, ord, state] = one(R.openOrder(sv, o), EventName.openOrder) as [
        number,
        Record<string, unknown>,
        Record<string, unknown>,
        Record<string, unknown>,
      ];
      expect(id).toBe(12);
      expect(c).toMatchObject({ symbol: o.spec.symbol, secType: o.spec.secType });
      expect(ord).toMatchObject({
        action: 'BUY',
        totalQuantity: 100,
        orderType: o.orderType,
        tif: 'GTC',
        orderRef: 'hydra:c1:AAPL',
        clientId: 3,
        permId: 1_000_123,
        account: 'DU1234567',
      });
      expect(state.status).toBe(o.status);
      if (o.status === 'Filled') expect(state.commission).toBe(1);
    }
    expect(decode(sv, R.openOrderEnd()).events.map((e) => e.name)).toContain(EventName.openOrderEnd);
    const [reqId, c, x] = one(R.executionData(sv, -1, execution), EventName.execDetails) as [
      number,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(reqId).toBe(-1);
    expect(c).toMatchObject({ symbol: 'ES', secType: 'FUT', multiplier: 50 });
    expect(x).toMatchObject({
      execId: execution.execId,
      time: '20260302 16:05:01 US/Eastern',
      side: 'SLD',
      shares: 2,
      price: 5012.25,
      cumQty: 2,
      avgPrice: 5012.25,
      clientId: 3,
      orderId: 12,
      lastLiquidity: 2,
    });
    expect(one(R.executionDataEnd(4), EventName.execDetailsEnd)).toEqual([4]);
    expect(one(R.commissionReport(execution), EventName.commissionReport)).toEqual([
      {
        execId: execution.execId,
        commission: 4.5,
        currency: 'USD',
        realizedPNL: undefined,
        yield: undefined,
        yieldRedemptionDate: 0,
      },
    ]);
    expect(one(R.commissionReport({ ...execution, realizedPnl: -12.5 }), EventName.commissionReport)).toEqual(
      [expect.objectContaining({ realizedPNL: -12.5 })],
    );
  });

  it('decodes option contracts and tickOptionComputation, sentinels as undefined', () => {
    const opt = createOptionChains(catalog, createMarket(catalog, 7, [])).chain('AAPL', '2026-03-02')[5]!;
    const [, details] = one(
      R.contractData(sv, 7, opt, { tradingHours: '', liquidHours: '' }),
      EventName.contractDetails,
    ) as [number, Record<string, unknown> & { contract: Record<string, unknown> }];
    expect(details.contract).toMatchObject({
      conId: opt.conId,
      secType: 'OPT',
      strike: opt.option!.strike,
      right: opt.option!.right,
      multiplier: 100,
      lastTradeDateOrContractMonth: opt.lastTradeDate,
    });
    expect(details).toMatchObject({ underConId: aapl.conId, underSymbol: 'AAPL', underSecType: 'STK' });
    const [, pc, pq, pcost] = one(R.position('DU1', opt, 2, 310), EventName.position) as [
      string,
      Record<string, unknown>,
      number,
      number,
    ];
    expect([pc.strike, pc.right, pc.multiplier, pq, pcost]).toEqual([
      opt.option!.strike,
      opt.option!.right,
      100,
      2,
      310,
    ]);
    const figures = {
      impliedVol: 0.31,
      delta: 0.52,
      optPrice: 4.2,
      pvDividend: 0,
      gamma: 0.03,
      vega: 0.25,
      theta: -0.08,
      undPrice: 230.5,
    };
    expect(one(R.tickOptionComputation(8, 13, 0, figures), EventName.tickOptionComputation)).toEqual([
      8, 13, 0, 0.31, 0.52, 4.2, 0, 0.03, 0.25, -0.08, 230.5,
    ]);
    const none = {
      impliedVol: null,
      delta: null,
      optPrice: null,
      pvDividend: null,
      gamma: null,
      vega: null,
      theta: null,
      undPrice: null,
    };
    expect(one(R.tickOptionComputation(8, 10, 1, none), EventName.tickOptionComputation)).toEqual([
      8,
      10,
      1,
      ...Array(8).fill(undefined),
    ]);
  });

  it('is strict: one field too many is a 505 decode error (the oracle works)', () => {
    const d = decode(sv, [...R.orderStatus(order()), 'extra']);
    expect(d.errors.map((e) => e.code)).toEqual([505]);
  });
});
