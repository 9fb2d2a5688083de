import { executionOf, intentFact } from '../../../test/helpers/order-facts.js';
import { pluginHarness } from '../../../test/helpers/plugin-harness.js';
import type { CycleReport, ExecutionFact, OrderIntentFact } from '../facts.js';
import { fillsPlugin } from './index.js';

const setup = () => pluginHarness([fillsPlugin()]);

const intent = (
  cycle: string,
  symbol: string,
  side: 'BUY' | 'SELL',
  arrival: number,
  qty = 100,
  decided = '2026-11-02T21:00:00Z',
): OrderIntentFact =>
  intentFact({
    cycleId: cycle,
    symbol,
    side,
    quantity: qty,
    arrivalPrice: arrival,
    predictedSlippageBps: 2,
    decidedAt: new Date(decided),
  });
let seq = 0;
const exec = (
  i: OrderIntentFact,
  price: number,
  time: string,
  execId = `x${++seq}`,
  quantity = i.quantity,
): ExecutionFact => executionOf(i, { execId, price, quantity, time: new Date(time) });
const end = (cycle: string, date: string, nlv: number): CycleReport => ({
  cycleId: cycle,
  tradingDate: date,
  status: 'ok',
  error: null,
  endedAt: new Date(`${date}T21:10:00Z`),
  account: { netLiquidation: nlv, cash: nlv, dailyPnl: null, currency: 'USD' },
  positions: [],
  strategy: null,
  signals: [],
  shadow: [],
});

describe('fills plugin', () => {
  it('signs slippage so that positive always costs money, for buys and sells', async () => {
    const { hooks, gql } = setup();
    const buy = intent('c#1', 'AAPL', 'BUY', 100);
    const sell = intent('c#1', 'MSFT', 'SELL', 200);
    hooks.run('onOrderIntent', buy);
    hooks.run('onOrderIntent', sell);
    hooks.run('onExecution', exec(buy, 100.1, '2026-11-02T21:01:00Z')); // paid 10 bps above arrival
    hooks.run('onExecution', exec(sell, 200.4, '2026-11-02T21:01:01Z')); // sold 20 bps above arrival: a gain
    const r = await gql('{ fills { edges { node { symbol slippageBps predictedSlippageBps notional } } } }');
    const by = Object.fromEntries(r.data.fills.edges.map((e: any) => [e.node.symbol, e.node]));
    expect(by.AAPL.slippageBps).toBeCloseTo(10, 9);
    expect(by.MSFT.slippageBps).toBeCloseTo(-20, 9);
    expect(by.AAPL.notional).toBeCloseTo(10_010, 9);
  });

  it('ignores a replayed execution, and keeps a commission that arrived before its execution', async () => {
    const { hooks, gql } = setup();
    const i = intent('c#1', 'AAPL', 'BUY', 100);
    hooks.run('onOrderIntent', i);
    const early = hooks.run('onCommissionReport', {
      execId: 'e1',
      commission: 1.25,
      currency: 'USD',
      realizedPnl: null,
      at: new Date(),
    });
    expect(early).toEqual([]);
    const first = hooks.run('onExecution', exec(i, 100.05, '2026-11-02T21:01:00Z', 'e1'));
    expect(first.map((e) => e.topic)).toEqual(['fillAdded']);
    expect(hooks.run('onExecution', exec(i, 100.05, '2026-11-02T21:01:00Z', 'e1'))).toEqual([]);
    const r = await gql(
      '{ fills { edges { node { execId commission } } } fillSummary { count commissions } }',
    );
    expect(r.data.fills.edges).toEqual([{ node: { execId: 'e1', commission: 1.25 } }]);
    expect(r.data.fillSummary).toEqual({ count: 1, commissions: 1.25 });
    // A late commission for a known execution updates it and says so.
    const x2 = exec(i, 100.06, '2026-11-02T21:01:05Z', 'e2', 50);
    hooks.run('onExecution', x2);
    expect(
      hooks
        .run('onCommissionReport', {
          execId: 'e2',
          commission: 1,
          currency: 'USD',
          realizedPnl: 3.5,
          at: new Date(),
        })
        .map((e) => e.topic),
    ).toEqual(['fillUpdated']);
  });

  it('pages newest first, stably while fills are added, with combinable filters', async () => {
    const { hooks, gql } = setup();
    const a = intent('c#1', 'AAPL', 'BUY', 100, 1000);
    const m = intent('c#1', 'MSFT', 'SELL', 100, 1000);
    hooks.run('onOrderIntent', a);
    hooks.run('onOrderIntent', m);
    for (let k = 0; k < 6; k++) {
      hooks.run('onExecution', exec(a, 100, `2026-11-02T21:0${k}:00Z`, `a${k}`, 10));
      hooks.run('onExecution', exec(m, 100, `2026-11-02T21:0${k}:30Z`, `m${k}`, 10));
    }
    const q =
      'query($after: String, $f: FillFilter) { fills(first: 4, after: $after, filter: $f) { edges { node { execId } } pageInfo { hasNextPage endCursor } } }';
    const p1 = await gql(q);
    expect(p1.data.fills.edges.map((e: any) => e.node.execId)).toEqual(['m5', 'a5', 'm4', 'a4']);
    // Newer fills arrive between the pages: page 2 continues where page 1 ended, no duplicates, no gaps.
    hooks.run('onExecution', exec(a, 100, '2026-11-02T21:09:00Z', 'late', 10));
    const p2 = await gql(q, { after: p1.data.fills.pageInfo.endCursor });
    expect(p2.data.fills.edges.map((e: any) => e.node.execId)).toEqual(['m3', 'a3', 'm2', 'a2']);
    const filtered = await gql(q, {
      f: { symbol: 'AAPL', side: 'BUY', from: '2026-11-02T21:02:00Z', to: '2026-11-02T21:05:00Z' },
    });
    expect(filtered.data.fills.edges.map((e: any) => e.node.execId)).toEqual(['a4', 'a3', 'a2']);
    const none = await gql(q, { f: { symbol: 'NOPE' } });
    expect(none.data.fills).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses absurd page sizes and malformed cursors with clear codes', async () => {
    const { gql } = setup();
    const big = await gql('{ fills(first: 100000) { edges { node { execId } } } }');
    expect(big.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 500, got 100000',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const bad = await gql('{ fills(after: "garbage!") { edges { node { execId } } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
  });

  it('sums P&L by day, week and month from the equity curve (hand-computed)', async () => {
    const { hooks, gql } = setup();
    // NLV: Fri 10-30 1,000,000; Mon 11-02 1,001,000 (+1000); Tue 11-03 999,500 (−1500); Mon 11-09 1,002,500 (+3000).
    hooks.run('onCycleEnd', end('2026-10-30#1', '2026-10-30', 1_000_000));
    hooks.run('onCycleEnd', end('2026-11-02#1', '2026-11-02', 1_001_000));
    hooks.run('onCycleEnd', end('2026-11-03#1', '2026-11-03', 999_500));
    hooks.run('onCycleEnd', end('2026-11-09#1', '2026-11-09', 1_002_500));
    const r = await gql(
      '{ week: pnl(period: WEEK) { period pnl cycles } month: pnl(period: MONTH) { period pnl } day: pnl(period: DAY, range: { from: "2026-11-02" }) { period pnl } }',
    );
    // Weeks start Monday: 10-26 (first cycle, no prior equity: 0), 11-02 (+1000 −1500), 11-09 (+3000).
    expect(r.data.week).toEqual([
      { period: '2026-10-26', pnl: 0, cycles: 1 },
      { period: '2026-11-02', pnl: -500, cycles: 2 },
      { period: '2026-11-09', pnl: 3000, cycles: 1 },
    ]);
    expect(r.data.month).toEqual([
      { period: '2026-10', pnl: 0 },
      { period: '2026-11', pnl: 2500 },
    ]);
    // A range starting mid-history measures its first day against the equity before it.
    expect(r.data.day).toEqual([
      { period: '2026-11-02', pnl: 1000 },
      { period: '2026-11-03', pnl: -1500 },
      { period: '2026-11-09', pnl: 3000 },
    ]);
  });

  it('reports decision → submit → ack → fill latency percentiles (nearest rank)', async () => {
    const { hooks, gql } = setup();
    const t0 = Date.parse('2026-11-02T21:00:00Z');
    for (const [k, [submit, ack, fill]] of [
      [100, 50, 200],
      [300, 70, 400],
      [200, 60, 900],
    ].entries()) {
      const i = intent('c#1', `S${k}`, 'BUY', 10, 1, new Date(t0).toISOString());
      hooks.run('onOrderIntent', i);
      hooks.run('onOrderUpdate', {
        orderRef: i.orderRef,
        status: 'PendingSubmit',
        brokerOrderId: k + 1,
        permId: null,
        filledQuantity: 0,
        remainingQuantity: 1,
        avgFillPrice: null,
        at: new Date(t0 + submit),
      });
      hooks.run('onOrderUpdate', {
        orderRef: i.orderRef,
        status: 'Submitted',
        brokerOrderId: k + 1,
        permId: 5,
        filledQuantity: 0,
        remainingQuantity: 1,
        avgFillPrice: null,
        at: new Date(t0 + submit + ack),
        ackedAt: new Date(t0 + submit + ack),
      });
      hooks.run('onExecution', exec(i, 10, new Date(t0 + submit + ack + fill).toISOString()));
    }
    const r = await gql(
      '{ latency { decisionToSubmit { n p50Ms maxMs } submitToAck { p50Ms } decisionToFill { p50Ms p90Ms } } }',
    );
    // submit: 100, 200, 300 → p50 200; ack: 50, 60, 70 → 60; decision→fill: 350, 770, 1160 → p50 770, p90 1160.
    expect(r.data.latency).toEqual({
      decisionToSubmit: { n: 3, p50Ms: 200, maxMs: 300 },
      submitToAck: { p50Ms: 60 },
      decisionToFill: { p50Ms: 770, p90Ms: 1160 },
    });
  });
});
