import { parseFaultScript } from '../../src/sim/index.js';
import { startTestApp } from '../helpers/app.js';
import { postGraphQL, takeEvents, wsClient } from '../helpers/graphql.js';
import { buildDashboard, launchBrowser, watchErrors } from '../web/harness.js';
import { settle } from '../web/page.js';

interface Pos {
  symbol: string;
  secType: string;
  conId: number | null;
  right: string | null;
  strike: number | null;
  quantity: number;
  multiplier: number;
  unitDelta: number | null;
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  greeksMissing: boolean;
  underlyingPrice: number | null;
  marketPrice: number | null;
}
interface Totals {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  positions: number;
  missing: number;
}

/**
 * Options opened at the simulated broker (manual trades, as a trader would place them in TWS), then a real
 * cycle in a Bree worker: the account step asks IB for each option's Greeks over the wire, the positions
 * plugin records the book, and the API shows it. The simulator withholds the Greeks of XOM's options.
 */
describe('positions and option Greeks end to end', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({ HYDRA_SIM_DAY_SECONDS: '3600', HYDRA_UNIVERSE: 'AAPL,MSFT' }, undefined, {
      trading: true,
      backfill: false,
    });
  });
  afterAll(() => t.stop());

  it('shows each option with the Greeks IB sent, totals equal to the sum, and missing Greeks as missing', async () => {
    const sim = t.app.trading!.sim!;
    const near = (symbol: string, right: 'C' | 'P') => {
      const spot = sim.market.quote(symbol)!.last;
      const chain = sim.market.optionChain(symbol).filter((o) => o.option!.right === right);
      const expiry = chain[0]!.option!.expiryDate;
      return chain
        .filter((o) => o.option!.expiryDate === expiry)
        .sort((a, b) => Math.abs(a.option!.strike - spot) - Math.abs(b.option!.strike - spot))[0]!;
    };
    const call = near('MSFT', 'C');
    const put = near('XOM', 'P');
    const fop = near('ES', 'C');
    sim.broker.injectExecution(call, 'BUY', 3);
    sim.broker.injectExecution(put, 'SELL', 2);
    sim.broker.injectExecution(fop, 'BUY', 1);
    sim.setFaults(parseFaultScript({ rules: [{ on: 'reqMktData', action: 'noGreeks', symbol: 'XOM' }] }));
    // An option bought by hand while the cycle trades: the broker reports it among the day's executions.
    let duringCycle: number | null = null;
    const off = sim.broker.subscribe((e) => {
      if (e.kind !== 'open' || duringCycle !== null) return;
      const aapl = near('AAPL', 'C');
      sim.broker.injectExecution(aapl, 'BUY', 1);
      duringCycle = aapl.conId;
    });

    const client = wsClient(t.url);
    try {
      const updated = takeEvents<{ positionsUpdated: { cycleId: string; positions: number } }>(
        client,
        'subscription { positionsUpdated { cycleId positions } }',
        1,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      await t.app.trading!.scheduler.run('manual');
      off();
      const [event] = await updated.done;

      const { body } = await postGraphQL<{
        positions: Pos[];
        portfolioGreeks: {
          cycleId: string;
          totals: Totals;
          byUnderlying: { underlying: string; totals: Totals }[];
        };
        greeksSurface: {
          strikes: number[];
          cells: { strike: number; value: number | null; positions: number }[];
        };
        cycles: { edges: { node: { id: string; status: string } }[] };
        positionBreaks: { kind: string; symbol: string }[];
      }>(
        t.url,
        `{ positions { symbol secType conId right strike quantity multiplier unitDelta delta gamma vega theta greeksMissing underlyingPrice marketPrice }
           portfolioGreeks { cycleId totals { delta gamma vega theta positions missing } byUnderlying { underlying totals { delta missing } } }
           greeksSurface(underlying: "MSFT", greek: DELTA) { strikes cells { strike value positions } }
           cycles(first: 1) { edges { node { id status } } }
           positionBreaks { kind symbol } }`,
      );
      expect(body.errors).toBeUndefined();
      const d = body.data!;
      expect(d.cycles.edges[0]!.node.status).toBe('OK');
      // Options traded by hand beside the strategy, even during the cycle, are not breaks of its journal.
      expect(duringCycle).not.toBeNull();
      expect(d.positions.some((x) => x.conId === duringCycle)).toBe(true);
      expect(d.positionBreaks).toEqual([]);
      expect(event!.positionsUpdated).toEqual({
        cycleId: d.cycles.edges[0]!.node.id,
        positions: d.positions.length,
      });

      const byCon = (conId: number) => d.positions.find((p) => p.conId === conId)!;
      const c = byCon(call.conId);
      const model = sim.market.optionModel(call)!;
      expect(c).toMatchObject({
        symbol: 'MSFT',
        secType: 'OPT',
        right: 'C',
        strike: call.option!.strike,
        quantity: 3,
        multiplier: 100,
        greeksMissing: false,
      });
      // What the simulator's model computed arrives over the wire intact, and is scaled by quantity × multiplier.
      expect(c.unitDelta).toBeCloseTo(model.delta, 6);
      expect(c.delta).toBeCloseTo(model.delta * 300, 3);
      expect(c.gamma).toBeCloseTo(model.gamma * 300, 4);
      expect(c.vega).toBeCloseTo(model.vega * 300, 3);
      expect(c.theta).toBeCloseTo(model.theta * 300, 3);
      expect(c.underlyingPrice).toBeCloseTo(model.undPrice, 6);
      expect(c.unitDelta!).toBeGreaterThan(0.2);
      expect(c.unitDelta!).toBeLessThan(0.8);

      const f = byCon(fop.conId);
      expect(f).toMatchObject({
        symbol: 'ES',
        secType: 'FOP',
        multiplier: fop.multiplier,
        greeksMissing: false,
      });
      expect(f.unitDelta).toBeCloseTo(sim.market.optionModel(fop)!.delta, 6);

      const p = byCon(put.conId);
      expect(p).toMatchObject({
        symbol: 'XOM',
        secType: 'OPT',
        right: 'P',
        quantity: -2,
        greeksMissing: true,
        delta: null,
        gamma: null,
        vega: null,
        theta: null,
      });

      // Totals are the sum of the positions that have Greeks (stocks count delta 1 per share), the rest counted.
      const complete = d.positions.filter((x) => !x.greeksMissing);
      const sum = (k: 'delta' | 'gamma' | 'vega' | 'theta') => complete.reduce((a, x) => a + x[k]!, 0);
      const tot = d.portfolioGreeks.totals;
      expect(tot.positions).toBe(d.positions.length);
      expect(tot.missing).toBe(1);
      for (const k of ['delta', 'gamma', 'vega', 'theta'] as const) expect(tot[k]).toBeCloseTo(sum(k), 6);
      expect(d.portfolioGreeks.byUnderlying.find((u) => u.underlying === 'XOM')!.totals).toEqual({
        delta: 0,
        missing: 1,
      });

      const cell = d.greeksSurface.cells.find((x) => x.strike === call.option!.strike)!;
      expect(cell).toEqual({ strike: call.option!.strike, value: c.delta, positions: 1 });
      expect(d.greeksSurface.strikes).toEqual([call.option!.strike]);

      // And on the Positions page, in Chromium: the call with its delta, the XOM put with its Greeks missing.
      buildDashboard(t.config.dataDir);
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const errors = watchErrors(page);
        await page.goto(`${t.url}/#/positions`);
        await settle(page);
        const row = (text: string) => page.locator('hydra-positions hydra-table tbody tr', { hasText: text });
        await row(`${call.option!.strike} C`).first().waitFor();
        expect(
          (await row(`${call.option!.strike} C`).first().locator('td').nth(8).textContent())?.trim(),
        ).toBe(c.delta!.toFixed(1));
        expect((await row('XOM').first().textContent())?.match(/missing/g)?.length).toBe(4);
        expect(
          await page.locator('hydra-positions .stat', { hasText: 'Delta' }).locator('.sub').textContent(),
        ).toContain('1 without Greeks');
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await client.dispose();
    }
  }, 90_000);
});

describe('the demo on a fresh database', () => {
  it('backfills, opens a small option book in the simulated account, and the next cycle records it with Greeks', async () => {
    const t = await startTestApp(
      { HYDRA_SIM_DAY_SECONDS: '3600', HYDRA_BACKFILL_DAYS: '2', HYDRA_UNIVERSE: 'AAPL,MSFT' },
      undefined,
      { trading: true, backfill: true },
    );
    try {
      const deadline = Date.now() + 60_000;
      while (!t.sink.lines.some((l) => l.msg.startsWith('demo: opened'))) {
        if (Date.now() > deadline) throw new Error('the demo book was never opened');
        await new Promise((r) => setTimeout(r, 100));
      }
      const opened = t.sink.lines.find((l) => l.msg.startsWith('demo: opened'))!.options as string[];
      expect(opened).toHaveLength(5);
      await t.app.trading!.scheduler.run('manual');
      const { body } = await postGraphQL<{
        portfolioGreeks: { totals: { positions: number; missing: number; vega: number } };
        positions: { secType: string }[];
      }>(t.url, '{ portfolioGreeks { totals { positions missing vega } } positions { secType } }');
      const d = body.data!;
      expect(d.positions.filter((p) => p.secType === 'OPT' || p.secType === 'FOP')).toHaveLength(5);
      expect(d.portfolioGreeks.totals.missing).toBe(0);
      expect(d.portfolioGreeks.totals.vega).not.toBe(0);
    } finally {
      await t.stop();
    }
  }, 90_000);
});
