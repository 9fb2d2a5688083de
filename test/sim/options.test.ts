// Options in the simulator through the real @stoqey/ib client: chains in contract details, Greeks in
// tickOptionComputation checked against the test's own Black-Scholes, option orders with the multiplier,
// and the noGreeks fault.
import type { Contract, ContractDetails, Execution, Order } from '@stoqey/ib';
import { EventName, OptionType, OrderAction, OrderType, SecType } from '@stoqey/ib';
import {
  parseFaultScript,
  RISK_FREE_RATE,
  type SimContractSpec,
  type Simulator,
  startSimulator,
} from '../../src/sim/index.js';
import { connectIb, type IbClient, waitFor } from './helpers.js';

const DATE = '2026-03-02';

// The test's own Black-Scholes (Black-76 when `future`), with a CDF from the Abramowitz-Stegun 7.1.26 erf.
const erf = (x: number) => {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
};
const N = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const bs = (future: boolean, call: boolean, u: number, k: number, t: number, r: number, v: number) => {
  const d1 = (Math.log(u / k) + ((future ? 0 : r) + (v * v) / 2) * t) / (v * Math.sqrt(t));
  const d2 = d1 - v * Math.sqrt(t);
  const df = Math.exp(-r * t);
  const s = future ? u * df : u;
  return call ? s * N(d1) - k * df * N(d2) : k * df * N(-d2) - s * N(-d1);
};
/**
 * Price and Greeks in IB's units (vega per vol point, theta per calendar day): first-order Greeks by finite
 * differences of the price; gamma from the closed form (a second difference would amplify the CDF's error).
 */
const model = (future: boolean, call: boolean, u: number, k: number, t: number, v: number) => {
  const p = (uu = u, tt = t, vv = v) => bs(future, call, uu, k, tt, RISK_FREE_RATE, vv);
  const h = u * 1e-3;
  const d1 = (Math.log(u / k) + ((future ? 0 : RISK_FREE_RATE) + (v * v) / 2) * t) / (v * Math.sqrt(t));
  const pdf = Math.exp((-d1 * d1) / 2) / Math.sqrt(2 * Math.PI);
  return {
    price: p(),
    delta: (p(u + h) - p(u - h)) / (2 * h),
    gamma: ((future ? Math.exp(-RISK_FREE_RATE * t) : 1) * pdf) / (u * v * Math.sqrt(t)),
    vega: (p(u, t, v + 1e-3) - p(u, t, v - 1e-3)) / 2e-3 / 100,
    theta: (p(u, t - 1e-3 / 365) - p(u, t + 1e-3 / 365)) / 2e-3,
  };
};
const yearsTo = (from: string, ymd: string) =>
  (Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) - Date.parse(`${from}T00:00:00Z`)) /
  86_400_000 /
  365;

const asContract = (s: SimContractSpec): Contract => ({
  symbol: s.symbol,
  secType: s.secType as SecType,
  exchange: s.exchange,
  currency: s.currency,
  lastTradeDateOrContractMonth: s.lastTradeDate!,
  strike: s.option!.strike,
  right: s.option!.right === 'C' ? OptionType.Call : OptionType.Put,
  multiplier: s.multiplier,
});

interface Computation {
  tickType: number;
  attrib: number;
  iv?: number;
  delta?: number;
  optPrice?: number;
  pvDividend?: number;
  gamma?: number;
  vega?: number;
  theta?: number;
  undPrice?: number;
}
const computations = (c: IbClient, reqId: number): Computation[] =>
  c
    .of(EventName.tickOptionComputation)
    .filter((a) => a[0] === reqId)
    .map((a) => ({
      tickType: a[1] as number,
      attrib: a[2] as number,
      iv: a[3] as number | undefined,
      delta: a[4] as number | undefined,
      optPrice: a[5] as number | undefined,
      pvDividend: a[6] as number | undefined,
      gamma: a[7] as number | undefined,
      vega: a[8] as number | undefined,
      theta: a[9] as number | undefined,
      undPrice: a[10] as number | undefined,
    }));
const snapshotDone = (c: IbClient, reqId: number) =>
  c.of(EventName.tickSnapshotEnd).some((a) => a[0] === reqId);

describe.each([193, 176])('options at server version %i', (serverVersion) => {
  let sim: Simulator;
  let c: IbClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, startDate: DATE, seed: 7, fillDelayMs: 2, serverVersion });
    c = await connectIb(sim.port, 1);
  });
  afterAll(async () => {
    await c.close();
    await sim.close();
  });

  it('answers contract details for a chain slice, a whole chain, one conId, and 200 for an unlisted strike', async () => {
    const chain = sim.market.optionChain('AAPL');
    const expiry = chain[0]!.lastTradeDate!;
    const calls = chain.filter((s) => s.lastTradeDate === expiry && s.option!.right === 'C');
    c.api.reqContractDetails(1, {
      symbol: 'AAPL',
      secType: SecType.OPT,
      exchange: 'SMART',
      currency: 'USD',
      lastTradeDateOrContractMonth: expiry,
      right: OptionType.Call,
    });
    c.api.reqContractDetails(2, { symbol: 'AAPL', secType: SecType.OPT, exchange: 'SMART', currency: 'USD' });
    c.api.reqContractDetails(3, { conId: calls[3]!.conId, exchange: 'SMART' });
    c.api.reqContractDetails(4, { ...asContract(calls[0]!), strike: calls[0]!.option!.strike + 0.13 });
    c.api.reqContractDetails(5, { symbol: 'ES', secType: SecType.FOP, exchange: 'CME', currency: 'USD' });
    await waitFor(() => c.of(EventName.contractDetailsEnd).length === 4, 'four contractDetailsEnd');
    await waitFor(() => c.errors().some((e) => e.reqId === 4), 'the error for reqId 4');
    const details = (id: number) =>
      c
        .of(EventName.contractDetails)
        .filter((a) => a[0] === id)
        .map((a) => a[1] as ContractDetails);
    const slice = details(1);
    expect(slice.map((d) => d.contract.conId)).toEqual(calls.map((s) => s.conId));
    for (const d of slice) {
      expect(d.contract).toMatchObject({
        symbol: 'AAPL',
        secType: 'OPT',
        right: 'C',
        multiplier: 100,
        exchange: 'SMART',
        lastTradeDateOrContractMonth: expiry,
        tradingClass: 'AAPL',
      });
      expect(d.contract.localSymbol).toBe(
        `AAPL  ${expiry.slice(2)}C${String(Math.round(d.contract.strike! * 1000)).padStart(8, '0')}`,
      );
      expect(d.underConId).toBe(sim.market.contract('AAPL')!.conId);
      expect(d.underSymbol).toBe('AAPL');
      expect(d.underSecType).toBe('STK');
    }
    expect(slice.map((d) => d.contract.strike)).toEqual(calls.map((s) => s.option!.strike));
    expect(details(2)).toHaveLength(chain.length);
    expect(details(3).map((d) => [d.contract.conId, d.contract.strike])).toEqual([
      [calls[3]!.conId, calls[3]!.option!.strike],
    ]);
    expect(details(4)).toEqual([]);
    expect(
      c
        .errors()
        .filter((e) => e.reqId === 4)
        .map((e) => e.code),
    ).toEqual([200]);
    const fop = details(5);
    expect(fop.length).toBe(sim.market.optionChain('ES').length);
    expect(fop[0]!.contract).toMatchObject({ secType: 'FOP', exchange: 'CME', multiplier: 50 });
    expect(fop[0]!.underSecType).toBe('FUT');
    expect(c.decodeErrors()).toEqual([]);
  });

  it('sends model Greeks that match Black-Scholes and Black-76 at the reported undPrice and impliedVol', async () => {
    const today = sim.clock.today();
    const cases = [
      ...sim.market.optionChain('AAPL').filter((_, i) => i % 17 === 0),
      ...sim.market.optionChain('ES').filter((_, i) => i % 9 === 0),
    ];
    cases.forEach((s, i) => {
      c.api.reqMktData(100 + i, { conId: s.conId, exchange: s.exchange }, '', true, false);
    });
    await waitFor(() => cases.every((_, i) => snapshotDone(c, 100 + i)), 'every snapshot');
    cases.forEach((s, i) => {
      const comps = computations(c, 100 + i);
      expect(comps.map((x) => x.tickType)).toEqual([10, 11, 12, 13]);
      const m = comps.find((x) => x.tickType === 13)!;
      expect(m.attrib).toBe(0);
      const t = yearsTo(today, s.lastTradeDate!);
      const mine = model(
        s.secType === 'FOP',
        s.option!.right === 'C',
        m.undPrice!,
        s.option!.strike,
        t,
        m.iv!,
      );
      expect(m.undPrice).toBe(sim.market.quote(s.symbol)!.last);
      // The test's erf is good to 1.5e-7, so prices agree to that fraction of the underlying.
      expect(Math.abs(m.optPrice! - mine.price)).toBeLessThan(3e-7 * m.undPrice!);
      expect(m.delta).toBeCloseTo(mine.delta, 4);
      expect(m.gamma! / mine.gamma).toBeCloseTo(1, 6);
      const near = (x: number, y: number) => Math.abs(x - y) <= 1e-4 * Math.max(1, Math.abs(y));
      expect([m.vega, m.theta, near(m.vega!, mine.vega), near(m.theta!, mine.theta)]).toEqual([
        m.vega,
        m.theta,
        true,
        true,
      ]);
      expect(m.pvDividend).toBe(0);
      // Bid and ask: the vol implied from that price, which prices the option back to it.
      for (const side of [10, 11]) {
        const x = comps.find((y) => y.tickType === side)!;
        if (x.iv === undefined) continue;
        const back = model(
          s.secType === 'FOP',
          s.option!.right === 'C',
          x.undPrice!,
          s.option!.strike,
          t,
          x.iv,
        );
        expect(Math.abs(back.price - x.optPrice!)).toBeLessThan(3e-7 * x.undPrice! + 1e-6);
        expect(x.attrib).toBe(1);
      }
      const bids = c.of(EventName.tickPrice).filter((a) => a[0] === 100 + i && a[1] === 1);
      expect(bids).toHaveLength(1);
    });
    expect(c.decodeErrors()).toEqual([]);
  });

  it('holds put-call parity between model values, and a deep in-the-money call has a delta near 1', async () => {
    const chain = sim.market.optionChain('AAPL');
    const expiry = chain.at(-1)!.lastTradeDate!;
    const strike = chain.filter((s) => s.lastTradeDate === expiry).at(-1)!.option!.strike;
    const call = chain.find(
      (s) => s.lastTradeDate === expiry && s.option!.strike === strike && s.option!.right === 'C',
    )!;
    const put = chain.find(
      (s) => s.lastTradeDate === expiry && s.option!.strike === strike && s.option!.right === 'P',
    )!;
    const deep = chain.find((s) => s.option!.right === 'C')!; // nearest expiry, lowest strike
    c.api.reqMktData(201, asContract(call), '', true, false);
    c.api.reqMktData(202, asContract(put), '', true, false);
    c.api.reqMktData(203, asContract(deep), '', true, false);
    await waitFor(() => [201, 202, 203].every((id) => snapshotDone(c, id)), 'three snapshots');
    const m = (id: number) => computations(c, id).find((x) => x.tickType === 13)!;
    const t = yearsTo(sim.clock.today(), expiry);
    const s = m(201).undPrice!;
    expect(m(201).optPrice! - m(202).optPrice!).toBeCloseTo(s - strike * Math.exp(-RISK_FREE_RATE * t), 6);
    // Same strike and expiry, same smile vol for the call and the put.
    expect(m(201).iv).toBe(m(202).iv);
    expect(m(201).delta! - m(202).delta!).toBeCloseTo(1, 6);
    expect(deep.option!.strike).toBeLessThan(s * 0.85);
    expect(m(203).delta!).toBeGreaterThan(0.99);
    expect(m(203).delta!).toBeLessThanOrEqual(1);
  });

  it('fills an option order with the multiplier in cash, commission, position, portfolio and execution', async () => {
    const spec = sim.market.optionChain('MSFT').filter((s) => s.option!.right === 'P')[10]!;
    const q = sim.market.optionQuote(spec)!;
    const cash0 = sim.broker.cash();
    c.api.reqPositions();
    c.api.reqAccountUpdates(true, 'DU1234567');
    const orderId = 500 + serverVersion;
    c.api.placeOrder(orderId, asContract(spec), {
      action: OrderAction.BUY,
      totalQuantity: 3,
      orderType: OrderType.MKT,
      transmit: true,
    } as Order);
    await waitFor(() => c.of(EventName.commissionReport).length > 0, 'the commission report');
    await sim.broker.idle();
    const [, contract, exec] = c.of(EventName.execDetails)[0]! as [number, Contract, Execution];
    expect(contract).toMatchObject({
      conId: spec.conId,
      symbol: 'MSFT',
      secType: 'OPT',
      right: 'P',
      strike: spec.option!.strike,
      lastTradeDateOrContractMonth: spec.lastTradeDate,
      multiplier: 100,
    });
    expect(exec.shares).toBe(3);
    expect(exec.price).toBeGreaterThanOrEqual(q.ask);
    const commission = (c.of(EventName.commissionReport)[0]![0] as { commission: number }).commission;
    expect(commission).toBeCloseTo(Math.max(1, 0.65 * 3), 6);
    expect(sim.broker.cash()).toBeCloseTo(cash0 - exec.price! * 3 * 100 - commission, 6);
    await waitFor(
      () => c.of(EventName.position).some((a) => (a[1] as Contract).conId === spec.conId && a[2] === 3),
      'the option position',
    );
    const pos = c
      .of(EventName.position)
      .filter((a) => (a[1] as Contract).conId === spec.conId)
      .at(-1)!;
    expect(pos[1]).toMatchObject({
      secType: 'OPT',
      right: 'P',
      strike: spec.option!.strike,
      multiplier: 100,
    });
    // averageCost per contract: price × multiplier plus the commission share, as IB reports it.
    expect(pos[3]).toBeCloseTo((exec.price! * 300 + commission) / 3, 3);
    await waitFor(
      () => c.of(EventName.updatePortfolio).some((a) => (a[0] as Contract).conId === spec.conId),
      'the portfolio line',
    );
    const line = c
      .of(EventName.updatePortfolio)
      .filter((a) => (a[0] as Contract).conId === spec.conId)
      .at(-1)!;
    const modelValue = sim.market.optionModel(spec)!.price;
    expect(line[1]).toBe(3);
    expect(line[2]).toBeCloseTo(modelValue, 4);
    expect(line[3]).toBeCloseTo(3 * modelValue * 100, 2);
    expect(line[4]).toBeCloseTo((exec.price! * 300 + commission) / 3, 3);
    expect(line[5]).toBeCloseTo(3 * modelValue * 100 - (exec.price! * 300 + commission), 2);
    // Net liquidation counts the option at its model value: cash + 3 × 100 × model.
    expect(sim.broker.netLiquidation()).toBeCloseTo(sim.broker.cash() + 300 * modelValue, 2);
    c.api.reqAccountUpdates(false, 'DU1234567');
    c.api.cancelPositions();
    expect(c.decodeErrors()).toEqual([]);
  });

  it('opens an option position without an order through injectExecution (a manual TWS trade)', async () => {
    const spec = sim.market.optionChain('GC')[4]!;
    const cash0 = sim.broker.cash();
    const x = sim.broker.injectExecution(spec, 'BUY', 2);
    await sim.broker.idle();
    expect(x.price).toBe(sim.market.optionQuote(spec)!.ask);
    expect(x.commission).toBeCloseTo(2 * sim.broker.commissionPlan.perFutureOptionContract, 6);
    // Futures options are premium-paid: cash moves by price × quantity × the future's multiplier (100).
    expect(sim.broker.cash()).toBeCloseTo(cash0 - x.price * 2 * 100 - x.commission, 6);
    const p = sim.broker.positions().find((q) => q.spec.conId === spec.conId)!;
    expect([p.quantity, p.spec.secType, p.spec.multiplier]).toEqual([2, 'FOP', 100]);
  });

  it('withholds Greeks under the noGreeks fault: none at all, or "not computed" sentinels', async () => {
    const aapl = sim.market.optionChain('AAPL')[20]!;
    const msft = sim.market.optionChain('MSFT')[20]!;
    sim.setFaults(parseFaultScript({ rules: [{ on: 'reqMktData', action: 'noGreeks', symbol: 'AAPL' }] }));
    c.api.reqMktData(301, asContract(aapl), '', true, false);
    c.api.reqMktData(302, asContract(msft), '', true, false);
    await waitFor(() => snapshotDone(c, 301) && snapshotDone(c, 302), 'both snapshots');
    expect(c.of(EventName.tickPrice).some((a) => a[0] === 301 && a[1] === 1)).toBe(true);
    expect(computations(c, 301)).toEqual([]);
    expect(computations(c, 302)).toHaveLength(4);
    sim.setFaults(parseFaultScript({ rules: [{ on: 'reqMktData', action: 'noGreeks', mode: 'sentinel' }] }));
    c.api.reqMktData(303, asContract(aapl), '', true, false);
    await waitFor(() => snapshotDone(c, 303), 'the sentinel snapshot');
    const comps = computations(c, 303);
    expect(comps.map((x) => x.tickType)).toEqual([10, 11, 12, 13]);
    for (const x of comps) {
      expect([x.iv, x.delta, x.optPrice, x.gamma, x.vega, x.theta]).toEqual(Array(6).fill(undefined));
      expect(x.undPrice).toBe(sim.market.quote('AAPL')!.last);
    }
    sim.setFaults({ rules: [] });
    expect(c.decodeErrors()).toEqual([]);
  });

  it('streams new Greeks when the day moves, keeps resolving the contract, and calls an open query ambiguous', async () => {
    const spec = sim.market.optionChain('NVDA').at(-5)!; // last expiry: still listed next day
    c.api.reqMktData(401, { conId: spec.conId, exchange: 'SMART' }, '', false, false);
    await waitFor(() => computations(c, 401).length === 4, 'the first round');
    const day1 = computations(c, 401)[3]!;
    sim.clock.advance(1);
    await waitFor(() => computations(c, 401).length === 8, 'the next day round');
    const day2 = computations(c, 401)[7]!;
    expect(day2.tickType).toBe(13);
    expect(day2.undPrice).toBe(sim.market.quote('NVDA')!.last);
    expect(day2.undPrice).not.toBe(day1.undPrice);
    c.api.cancelMktData(401);
    c.api.reqContractDetails(402, { conId: spec.conId, exchange: 'SMART' });
    c.api.reqMktData(
      403,
      { symbol: 'NVDA', secType: SecType.OPT, exchange: 'SMART', currency: 'USD' },
      '',
      true,
      false,
    );
    await waitFor(() => c.errors().some((e) => e.reqId === 403), 'the ambiguity error');
    await waitFor(() => c.of(EventName.contractDetailsEnd).some((a) => a[0] === 402), 'details of 402');
    expect(c.of(EventName.contractDetails).filter((a) => a[0] === 402)).toHaveLength(1);
    expect(
      c
        .errors()
        .filter((e) => e.reqId === 403)
        .map((e) => e.code),
    ).toEqual([200]);
  });
});
