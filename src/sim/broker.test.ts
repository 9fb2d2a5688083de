import { type BrokerEvent, createSimBroker, type OrderInput, type SimOrder } from './broker.js';
import { addTradingDays } from './calendar.js';
import { buildCatalog } from './catalog.js';
import { createMarket } from './market.js';

const START = '2026-03-02';

const setup = (seed = 7) => {
  let today = START;
  const catalog = buildCatalog(seed, START);
  const market = createMarket(catalog, seed, []);
  const broker = createSimBroker({
    account: 'DU1',
    initialCash: 1_000_000,
    seed,
    market,
    catalog,
    today: () => today,
    fillDelayMs: 0,
  });
  const events: BrokerEvent[] = [];
  // Orders are live objects: keep each status as it was when emitted.
  const statusLog: [SimOrder, string][] = [];
  broker.subscribe((e) => {
    events.push(e);
    if (e.kind === 'status') statusLog.push([e.order, e.order.status]);
  });
  let nextId = 1;
  const order = (over: Partial<OrderInput>): OrderInput => ({
    clientId: 1,
    orderId: nextId++,
    spec: catalog.get('AAPL')!,
    side: 'BUY',
    quantity: 100,
    orderType: 'MKT',
    limitPrice: null,
    tif: 'DAY',
    orderRef: '',
    account: 'DU1',
    ...over,
  });
  const newDay = () => {
    today = addTradingDays(today, 1);
    broker.onNewDay(today);
    return today;
  };
  const statuses = (o: SimOrder) => statusLog.filter(([x]) => x === o).map(([, s]) => s);
  return { broker, market, catalog, events, order, newDay, statuses, today: () => today };
};
const executions = (events: BrokerEvent[]) =>
  events.flatMap((e) => (e.kind === 'execution' ? [e.execution] : []));

describe('the order engine', () => {
  it('fills a MKT buy at the ask (plus impact) with the IB event order and a commission report after', async () => {
    const t = setup();
    const o = t.broker.place(t.order({}));
    await t.broker.idle();
    const q = t.market.quote('AAPL', START)!;
    const [x] = executions(t.events);
    expect(x?.price).toBeGreaterThanOrEqual(q.ask);
    expect(t.events.map((e) => e.kind)).toEqual([
      'open',
      'status',
      'status',
      'open',
      'execution',
      'status',
      'open',
      'commission',
    ]);
    expect(t.statuses(o)).toEqual(['PreSubmitted', 'Submitted', 'Filled']);
    expect(x).toMatchObject({ shares: 100, cumQty: 100, commission: 1, realizedPnl: null, liquidity: 2 });
    expect(x?.execId).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{8}\.01\.01$/);
  });

  it('makes slippage grow with size: a big order pays more over the touch than a small one', async () => {
    const t = setup();
    t.broker.place(t.order({ quantity: 100 }));
    t.broker.place(t.order({ quantity: 200_000, spec: t.catalog.get('AAPL')! }));
    await t.broker.idle();
    const q = t.market.quote('AAPL', START)!;
    const xs = executions(t.events);
    const small = xs.find((x) => x.orderId === 1)!;
    const big = xs.filter((x) => x.orderId === 2);
    const bigAvg = big.at(-1)!.avgPrice;
    expect(small.price - q.ask).toBeLessThan(bigAvg - q.ask);
    expect(bigAvg).toBeGreaterThan(q.ask);
  });

  it('fills an order large against volume in parts, each with its own exec id, cumQty and a share of one order commission', async () => {
    const t = setup();
    const illq = t.catalog.get('ILLQ')!;
    const o = t.broker.place(t.order({ spec: illq, quantity: 1000 }));
    await t.broker.idle();
    const xs = executions(t.events);
    expect(xs.map((x) => x.cumQty)).toEqual([400, 800, 1000]);
    expect(new Set(xs.map((x) => x.execId)).size).toBe(3);
    expect(t.statuses(o).slice(-3)).toEqual(['Submitted', 'Submitted', 'Filled']);
    // $0.005 × 1000 = $5 for the order, charged as the fills come.
    expect(xs.reduce((a, x) => a + x.commission, 0)).toBeCloseTo(5, 9);
  });

  it('caps a day at 10 % of its volume and goes on in the next sessions until filled', async () => {
    const t = setup();
    const illq = t.catalog.get('ILLQ')!;
    const o = t.broker.place(t.order({ spec: illq, quantity: 10_000, tif: 'GTC' }));
    await t.broker.idle();
    const perDay: [number, number][] = [];
    let before = 0;
    for (let day = START; ; day = t.newDay()) {
      await t.broker.idle();
      const cap = Math.floor(t.market.bar('ILLQ', day)!.volume * 0.1);
      perDay.push([o.filled - before, Math.min(cap, 10_000 - before)]);
      before = o.filled;
      if (o.status !== 'Submitted') break;
    }
    expect(perDay.length).toBeGreaterThan(1);
    for (const [filled, expected] of perDay) expect(filled).toBe(expected);
    expect(o.status).toBe('Filled');
  });

  it('rests a LMT below the market, then fills it at no worse than the limit when a later session trades through it', async () => {
    const t = setup();
    const bars = t.market.bars('AAPL', addTradingDays(START, 1), addTradingDays(START, 30));
    const limit = Math.round(Math.min(...bars.map((b) => b.low)) * 100) / 100 + 0.01;
    const o = t.broker.place(t.order({ orderType: 'LMT', limitPrice: limit, tif: 'GTC' }));
    await t.broker.idle();
    expect(o.status).toBe('Submitted');
    let days = 0;
    while (o.status === 'Submitted' && days < 30) {
      t.newDay();
      days++;
    }
    const crossing = t.market.bar('AAPL', t.today())!;
    expect(crossing.low).toBeLessThanOrEqual(limit);
    const [x] = executions(t.events);
    expect(x?.price).toBeLessThanOrEqual(limit);
    expect(x?.liquidity).toBe(1);
    expect(o.status).toBe('Filled');
  });

  it('expires a DAY limit that the next session did not reach, and keeps a GTC one working', async () => {
    const t = setup();
    const day = t.broker.place(t.order({ orderType: 'LMT', limitPrice: 0.01, tif: 'DAY' }));
    const gtc = t.broker.place(t.order({ orderType: 'LMT', limitPrice: 0.01, tif: 'GTC' }));
    await t.broker.idle();
    t.newDay();
    expect(day.status).toBe('Cancelled');
    expect(gtc.status).toBe('Submitted');
  });

  it('fills an IOC for what is there at once and cancels the rest', async () => {
    const t = setup();
    const o = t.broker.place(t.order({ spec: t.catalog.get('ILLQ')!, quantity: 1000, tif: 'IOC' }));
    await t.broker.idle();
    expect([o.filled, o.status]).toEqual([400, 'Cancelled']);
  });

  it('cancels a working order, refuses to cancel a filled one and does not know other clients’ ids', async () => {
    const t = setup();
    const working = t.broker.place(t.order({ orderType: 'LMT', limitPrice: 0.01 }));
    const done = t.broker.place(t.order({}));
    await t.broker.idle();
    expect(t.broker.cancel(1, working.orderId)).toEqual({ ok: true, order: working });
    expect(t.broker.cancel(1, done.orderId)).toMatchObject({ ok: false, reason: 'not-cancellable' });
    expect(t.broker.cancel(2, done.orderId)).toEqual({ ok: false, reason: 'not-found' });
    expect(working.status).toBe('Cancelled');
  });

  it('holds fills while connectivity is lost and resumes them after', async () => {
    const t = setup();
    t.broker.halt();
    const o = t.broker.place(t.order({}));
    await t.broker.idle();
    expect(o.status).toBe('Submitted');
    t.broker.resume();
    await t.broker.idle();
    expect(o.status).toBe('Filled');
  });

  it('gives the same fills for the same seed and requests', async () => {
    const run = async () => {
      const t = setup(3);
      t.broker.place(t.order({ spec: t.catalog.get('ILLQ')!, quantity: 900 }));
      t.broker.place(t.order({ side: 'SELL', quantity: 50 }));
      await t.broker.idle();
      return executions(t.events).map((x) => [x.execId, x.price, x.shares, x.commission, x.time]);
    };
    expect(await run()).toEqual(await run());
  });
});
