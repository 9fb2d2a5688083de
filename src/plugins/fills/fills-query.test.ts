import { executionOf, intentFact } from '../../../test/helpers/order-facts.js';
import { pluginHarness } from '../../../test/helpers/plugin-harness.js';
import { fillsPageWhere } from './fills-query.js';
import { fillsPlugin } from './index.js';
import type { FillRow } from './rows.js';
import type { FillsStore } from './store.js';

describe('fillsPageWhere', () => {
  it('holds only the conditions that are set, so SQLite can pick the index for them', () => {
    const none = { symbol: false, side: false, cycleId: false, from: false, to: false, after: false };
    expect(fillsPageWhere(none)).toBe('');
    expect(fillsPageWhere({ ...none, symbol: true, from: true, to: true })).toBe(
      'WHERE e.symbol = @symbol AND e.time >= @from AND e.time < @to',
    );
    expect(fillsPageWhere({ ...none, after: true })).toBe('WHERE (e.time, e.seq) < (@afterTime, @afterSeq)');
  });
});

describe('the fills store pages every filter combination like a plain scan would', () => {
  // 3 symbols × 2 sides × 4 cycles, fills spread over 8 days, several sharing a timestamp (the keyset's tie).
  const h = pluginHarness([fillsPlugin()]);
  const store = h.stores.get('fills') as FillsStore;
  let n = 0;
  for (const [c, cycle] of ['c1', 'c2', 'c3', 'c4'].entries())
    for (const symbol of ['AAPL', 'MSFT', 'XOM'])
      for (const side of ['BUY', 'SELL'] as const) {
        const intent = intentFact({
          orderRef: `hydra:${cycle}:${symbol}:${side}`,
          cycleId: cycle,
          symbol,
          side,
          quantity: 10,
          decidedAt: new Date(`2026-11-0${c * 2 + 1}T20:00:00Z`),
        });
        h.hooks.run('onOrderIntent', intent);
        for (let k = 0; k < 3; k++)
          h.hooks.run(
            'onExecution',
            executionOf(intent, {
              execId: `x${++n}`,
              price: 100 + k,
              time: new Date(`2026-11-0${c * 2 + 1 + (k % 2)}T21:00:0${k % 2}Z`),
              brokerOrderId: n,
              permId: n,
            }),
          );
      }
  const all = store.fills({}, null, 1000);
  const byKey = (a: FillRow, b: FillRow) => b.time.getTime() - a.time.getTime() || b.seq - a.seq;

  const filters = [];
  for (let mask = 0; mask < 32; mask++)
    filters.push({
      ...(mask & 1 ? { symbol: 'MSFT' } : {}),
      ...(mask & 2 ? { side: 'SELL' as const } : {}),
      ...(mask & 4 ? { cycleId: 'c2' } : {}),
      ...(mask & 8 ? { from: '2026-11-02T00:00:00.000Z' } : {}),
      ...(mask & 16 ? { to: '2026-11-06T00:00:00.000Z' } : {}),
    });

  it.each(filters.map((f) => [JSON.stringify(f), f]))('%s, walked page by page', (_name, f) => {
    const want = all
      .filter(
        (x) =>
          (!f.symbol || x.symbol === f.symbol) &&
          (!f.side || x.side === f.side) &&
          (!f.cycleId || x.cycleId === f.cycleId) &&
          (!f.from || x.time.toISOString() >= f.from) &&
          (!f.to || x.time.toISOString() < f.to),
      )
      .sort(byKey)
      .map((x) => x.execId);
    const got: string[] = [];
    let after: [string, number] | null = null;
    for (;;) {
      const page = store.fills(f, after, 4);
      got.push(...page.map((x) => x.execId));
      if (page.length < 4) break;
      const last = page.at(-1)!;
      after = [last.time.toISOString(), last.seq];
    }
    expect(got).toEqual(want);
  });

  it('has fills to page through', () => expect(all).toHaveLength(72));
});
