import { executionOf, intentFact } from '../../../test/helpers/order-facts.js';
import { pluginHarness } from '../../../test/helpers/plugin-harness.js';
import type { CycleReport, ExecutionFact, OrderIntentFact } from '../facts.js';
import { systemPlugin } from '../system/index.js';
import type { ReconStores } from './hooks.js';
import { reconciliationPlugin } from './index.js';
import { sizeBucket } from './size-bucket.js';
import { EMPTY_SUMS, observe, report } from './stats.js';
import { monthSplit } from './store.js';

const setup = () => {
  const h = pluginHarness([systemPlugin(), reconciliationPlugin({ toleranceBps: 5 })]);
  return { ...h, recon: (h.stores.get('reconciliation') as ReconStores).recon };
};

const intent = (
  cycleId: string,
  symbol: string,
  side: 'BUY' | 'SELL',
  arrival: number,
  predicted: number,
  qty = 100,
): OrderIntentFact =>
  intentFact({
    cycleId,
    symbol,
    side,
    quantity: qty,
    arrivalPrice: arrival,
    predictedSlippageBps: predicted,
  });
const exec = (i: OrderIntentFact, execId: string, price: number, quantity = i.quantity): ExecutionFact =>
  executionOf(i, { execId, price, quantity, time: new Date(`${i.cycleId.slice(0, 10)}T21:01:00Z`) });
const endReport = (
  cycleId: string,
  positions: { symbol: string; quantity: number }[],
  brokerExecutions?: CycleReport['brokerExecutions'],
): CycleReport => ({
  cycleId,
  tradingDate: cycleId.slice(0, 10),
  status: 'ok',
  error: null,
  endedAt: new Date(`${cycleId.slice(0, 10)}T21:05:00Z`),
  account: { netLiquidation: 1e6, cash: 1e6, dailyPnl: 0, currency: 'USD' },
  positions: positions.map((p) => ({
    ...p,
    secType: 'STK',
    avgCost: 100,
    multiplier: 1,
    marketPrice: null,
    marketValue: null,
    unrealizedPnl: null,
  })),
  strategy: null,
  signals: [],
  shadow: [],
  brokerExecutions,
});

describe('reconciliation plugin', () => {
  it('signs slippage as a cost for buys and sells and reports it per symbol', async () => {
    const { hooks, gql } = setup();
    const buy = intent('2026-11-02#1', 'AAPL', 'BUY', 100, 3);
    const sell = intent('2026-11-02#1', 'MSFT', 'SELL', 200, 2);
    hooks.run('onOrderIntent', buy);
    hooks.run('onOrderIntent', sell);
    hooks.run('onExecution', exec(buy, 'e1', 100.05)); // paid 5 bps more than arrival: cost +5
    hooks.run('onExecution', exec(sell, 'e2', 199.9)); // sold 5 bps below arrival: cost +5
    hooks.run('onExecution', exec(sell, 'e2', 199.9)); // replay: ignored
    const r = await gql(
      '{ slippage(groupBy: SYMBOL) { key n meanActualBps meanPredictedBps biasBps hitRate } }',
    );
    expect(r.data.slippage).toEqual([
      {
        key: 'AAPL',
        n: 1,
        meanActualBps: expect.closeTo(5, 9),
        meanPredictedBps: 3,
        biasBps: expect.closeTo(2, 9),
        hitRate: 1,
      },
      {
        key: 'MSFT',
        n: 1,
        meanActualBps: expect.closeTo(5, 9),
        meanPredictedBps: 2,
        biasBps: expect.closeTo(3, 9),
        hitRate: 1,
      },
    ]);
  });

  it('answers any window and grouping from rollups exactly as a direct computation over the fills', async () => {
    const { hooks, gql, recon } = setup();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const symbols = ['AAPL', 'MSFT', 'XOM', 'ES'];
    const days = Array.from({ length: 30 }, (_, i) =>
      new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10),
    );
    let n = 0;
    for (const d of days) {
      for (const s of symbols) {
        if (rnd() < 0.3) continue;
        const i = intent(
          `${d}#1`,
          s,
          rnd() < 0.5 ? 'BUY' : 'SELL',
          50 + rnd() * 100,
          rnd() * 10,
          Math.ceil(rnd() * 5000),
        );
        hooks.run('onOrderIntent', i);
        const parts = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < parts; k++)
          hooks.run(
            'onExecution',
            exec(i, `x${n++}`, i.arrivalPrice * (1 + (rnd() - 0.4) * 0.002), Math.ceil(i.quantity / parts)),
          );
      }
    }
    const all = recon.fills('0000', '9999');
    const keyOf = {
      SYMBOL: (f: any) => f.symbol,
      SIDE: (f: any) => f.side,
      DAY: (f: any) => f.tradingDate,
      CYCLE: (f: any) => f.cycleId,
      SIZE_BUCKET: (f: any) => sizeBucket(f.notional),
    } as const;
    for (let trial = 0; trial < 8; trial++) {
      const a = Math.floor(rnd() * 30);
      const b = a + 1 + Math.floor(rnd() * (30 - a));
      const from = `${days[a]}T00:00:00Z`;
      const to = b < 30 ? `${days[b]}T00:00:00Z` : '2026-10-01T00:00:00Z';
      for (const groupBy of Object.keys(keyOf) as (keyof typeof keyOf)[]) {
        const r = await gql(
          'query($r: TimeRange, $g: SlippageGroupBy!) { slippage(range: $r, groupBy: $g) { key n biasBps rmseBps maeBps correlation hitRate } }',
          { r: { from, to }, g: groupBy },
        );
        const direct = new Map<string, typeof EMPTY_SUMS>();
        for (const f of all.filter(
          (f) => f.tradingDate >= from.slice(0, 10) && f.tradingDate < to.slice(0, 10),
        )) {
          const k = keyOf[groupBy](f);
          direct.set(
            k,
            observe(
              direct.get(k) ?? { ...EMPTY_SUMS },
              {
                predictedBps: f.predictedBps,
                actualBps: f.actualBps,
                quantity: f.quantity,
                notional: f.notional,
              },
              5,
            ),
          );
        }
        expect(r.data.slippage.map((g: any) => g.key).sort()).toEqual([...direct.keys()].sort());
        for (const g of r.data.slippage) {
          const d = report(direct.get(g.key)!);
          expect(g.n).toBe(d.n);
          for (const k of ['biasBps', 'rmseBps', 'maeBps', 'hitRate'] as const)
            expect(g[k]).toBeCloseTo(d[k] as number, 9);
          if (d.correlation === null) expect(g.correlation).toBeNull();
          else expect(g.correlation).toBeCloseTo(d.correlation, 9);
        }
      }
    }
  });

  it('reads only the rollups for a window query (SQLite query plan)', () => {
    const { db } = setup();
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT symbol AS key, SUM(n) FROM slippage_rollups WHERE trading_date >= ? AND trading_date < ? GROUP BY symbol',
      )
      .all('2025-01-01', '2026-01-01') as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/slippage_rollups/);
    expect(text).toMatch(/USING (COVERING )?INDEX slippage_rollups_date|SCAN slippage_rollups/);
    expect(text).not.toMatch(/recon_fills/);
  });

  it('records position breaks and executions the journal never saw, as audit and subscription events', async () => {
    const { hooks, gql } = setup();
    const buy = intent('2026-11-03#1', 'AAPL', 'BUY', 100, 3, 100);
    hooks.run('onOrderIntent', buy);
    hooks.run('onExecution', exec(buy, 'e1', 100.02));
    const events = hooks.run(
      'onCycleEnd',
      endReport(
        '2026-11-03#1',
        [{ symbol: 'AAPL', quantity: 150 }],
        [
          { execId: 'e1', orderRef: buy.orderRef, symbol: 'AAPL', side: 'BUY', quantity: 100, price: 100.02 },
          { execId: 'ghost', orderRef: null, symbol: 'AAPL', side: 'BUY', quantity: 50, price: 100.1 },
        ],
      ),
    );
    const own = (es: { topic: string }[]) => es.map((e) => e.topic).filter((t) => t !== 'systemStatus');
    expect(own(events)).toEqual(['eventAdded', 'eventAdded', 'reconciliationUpdated']);
    const r = await gql(
      '{ positionBreaks { kind symbol brokerQuantity journalQuantity } events(filter: { kind: "position-break" }) { edges { node { severity source } } } }',
    );
    expect(r.data.positionBreaks).toEqual([
      { kind: 'position', symbol: 'AAPL', brokerQuantity: 150, journalQuantity: 100 },
      { kind: 'unknown-execution', symbol: 'AAPL', brokerQuantity: 50, journalQuantity: null },
    ]);
    expect(r.data.events.edges).toHaveLength(2);
    // A clean cycle raises nothing.
    const clean = hooks.run('onCycleEnd', endReport('2026-11-04#1', [{ symbol: 'AAPL', quantity: 100 }]));
    expect(own(clean)).toEqual(['reconciliationUpdated']);
  });

  it('thins the scatter for display only and refuses absurd sizes', async () => {
    const { hooks, gql } = setup();
    for (let k = 0; k < 30; k++) {
      const i = intent(`2026-11-${String(2 + (k % 20)).padStart(2, '0')}#1`, `S${k}`, 'BUY', 100, 1);
      hooks.run('onOrderIntent', i);
      hooks.run('onExecution', exec(i, `e${k}`, 100.01));
    }
    const r = await gql(
      '{ slippageScatter(first: 10) { total sampled points { execId } } slippageSummary { n } }',
    );
    expect(r.data.slippageScatter.total).toBe(30);
    expect(r.data.slippageScatter.sampled).toBe(true);
    expect(r.data.slippageScatter.points).toHaveLength(10);
    expect(r.data.slippageSummary.n).toBe(30);
    const bad = await gql('{ slippageScatter(first: 100000) { total } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('monthSplit', () => {
  it('splits a window into edge days and whole months', () => {
    expect(monthSplit('2025-01-15', '2025-06-10')).toEqual({
      headTo: '2025-02-01',
      monthsFrom: '2025-02',
      monthsTo: '2025-06',
      tailFrom: '2025-06-01',
    });
    expect(monthSplit('2025-01-01', '2026-01-01')).toEqual({
      headTo: '2025-01-01',
      monthsFrom: '2025-01',
      monthsTo: '2026-01',
      tailFrom: '2026-01-01',
    });
    // Inside one month: days only.
    expect(monthSplit('2025-03-05', '2025-03-20')).toEqual({
      headTo: '2025-03-20',
      monthsFrom: '',
      monthsTo: '',
      tailFrom: '2025-03-20',
    });
    expect(monthSplit('0000-00-00', '9999-99-99')).toMatchObject({
      monthsFrom: '0000-00',
      monthsTo: '9999-99',
    });
  });

  it('gives the same groups across month boundaries as the per-cycle rollups alone', async () => {
    const { hooks, gql, recon } = setup();
    const days = ['2026-01-30', '2026-02-02', '2026-02-27', '2026-03-02', '2026-03-31', '2026-04-01'];
    days.forEach((d, k) => {
      const i = intent(`${d}#1`, k % 2 ? 'AAPL' : 'MSFT', k % 3 ? 'BUY' : 'SELL', 100, k);
      hooks.run('onOrderIntent', i);
      hooks.run('onExecution', exec(i, `m${k}`, 100 + (k % 3) * 0.01));
    });
    const viaMonths = recon.slippage('2026-01-31', '2026-04-01', 'SYMBOL');
    const r = await gql(
      '{ slippage(range: { from: "2026-01-31", to: "2026-04-01" }, groupBy: SYMBOL) { key n } }',
    );
    expect(r.data.slippage).toEqual(viaMonths.map((g) => ({ key: g.key, n: g.sums.n })));
    expect(viaMonths.reduce((n, g) => n + g.sums.n, 0)).toBe(4);
  });
});
