import { optionPosition } from '../../../test/helpers/book-facts.js';
import { pluginHarness } from '../../../test/helpers/plugin-harness.js';
import type { BookPositionFact } from '../facts.js';
import { positionsPlugin } from './index.js';

const opt = optionPosition;

const setup = () => {
  const h = pluginHarness([positionsPlugin()]);
  const record = (date: string, positions: BookPositionFact[]) =>
    h.hooks.run('onPositionsSnapshot', {
      cycleId: `${date}#1`,
      tradingDate: date,
      at: new Date(`${date}T21:45:00Z`),
      positions,
    });
  return { ...h, record };
};

describe('positions plugin over GraphQL', () => {
  it('answers with no book before any cycle reported one', async () => {
    const { gql } = setup();
    const r = await gql(
      '{ positions { symbol } portfolioGreeks { cycleId } portfolioGreeksHistory { cycleId } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ positions: [], portfolioGreeks: null, portfolioGreeksHistory: [] });
  });

  it('serves the book as of a time, filters it, and keeps one history point per cycle', async () => {
    const { gql, record } = setup();
    record('2026-11-18', [opt({})]);
    const events = record('2026-11-19', [
      opt({}),
      opt({
        conId: 2,
        symbol: 'XOM',
        right: 'P',
        quantity: -1,
        delta: null,
        gamma: null,
        vega: null,
        theta: null,
      }),
    ]);
    expect(events).toEqual([
      expect.objectContaining({
        topic: 'positionsUpdated',
        payload: expect.objectContaining({ positions: 2 }),
      }),
    ]);

    const then = await gql(
      '{ positions(asOf: "2026-11-18T23:00:00Z") { conId } portfolioGreeks(asOf: "2026-11-18T23:00:00Z") { cycleId } }',
    );
    expect(then.data).toEqual({ positions: [{ conId: 1 }], portfolioGreeks: { cycleId: '2026-11-18#1' } });

    const now = await gql(
      '{ positions(filter: { underlying: "xom" }) { conId delta greeksMissing } portfolioGreeksHistory { cycleId delta missing } }',
    );
    expect(now.errors).toBeUndefined();
    expect(now.data.positions).toEqual([{ conId: 2, delta: null, greeksMissing: true }]);
    const msftDelta = 0.55 * 2 * 100;
    expect(now.data.portfolioGreeksHistory.map((p: { cycleId: string }) => p.cycleId)).toEqual([
      '2026-11-18#1',
      '2026-11-19#1',
    ]);
    for (const p of now.data.portfolioGreeksHistory) expect(p.delta).toBeCloseTo(msftDelta, 9);
    expect(now.data.portfolioGreeksHistory.map((p: { missing: number }) => p.missing)).toEqual([0, 1]);
  });

  it('refuses an expiry that is not YYYYMMDD with a client error', async () => {
    const { gql, record } = setup();
    record('2026-11-19', [opt({})]);
    const r = await gql('{ positions(filter: { expiry: "Dec-2099" }) { conId } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/YYYYMMDD/);
  });
});
