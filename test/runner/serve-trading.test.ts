import { startTestApp } from '../helpers/app.js';
import { postGraphQL, takeEvents, wsClient } from '../helpers/graphql.js';

/**
 * The whole product path: the server, the embedded simulator, Bree running the cycle in a worker thread
 * (TypeScript through the tsx shim), the worker's committed events published to graphql-ws subscribers.
 */
describe('hydra serve with the embedded simulator', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let client: ReturnType<typeof wsClient>;
  beforeAll(async () => {
    t = await startTestApp(
      {
        // No backfill runs, but the simulator's calendar starts this many weekdays back: its executions are
        // stamped months before the wall clock the decisions carry.
        HYDRA_BACKFILL_DAYS: '60',
        HYDRA_SIM_DAY_SECONDS: '3600',
        HYDRA_UNIVERSE: 'AAPL,MSFT,XOM,NVDA',
      },
      undefined,
      { trading: true, backfill: false },
    );
    client = wsClient(t.url);
  });
  afterAll(async () => {
    await client.dispose();
    await t.stop();
  });

  it('runs a cycle in a worker thread and pushes its fills and cycle updates live', async () => {
    const fills = takeEvents<{ fillAdded: { symbol: string; orderRef: string; slippageBps: number } }>(
      client,
      'subscription { fillAdded { symbol orderRef slippageBps } }',
      1,
      60_000,
    );
    const cycles = takeEvents<{ cycleUpdated: { id: string; status: string } }>(
      client,
      'subscription { cycleUpdated { id status } }',
      3,
      60_000,
    );
    // Let both subscriptions reach the server before the cycle starts.
    await new Promise((r) => setTimeout(r, 300));
    const run = t.app.trading!.scheduler.run('manual');
    const [fill] = await fills.done;
    expect(fill?.fillAdded.orderRef).toMatch(/^hydra:\d{4}-\d{2}-\d{2}#1:(AAPL|MSFT|XOM|NVDA)$/);
    await run;
    const updates = await cycles.done;
    expect(updates[0]?.cycleUpdated.status).toBe('RUNNING');
    // After commit, the fill is queryable over HTTP.
    const { body } = await postGraphQL<{
      fills: {
        edges: {
          node: { symbol: string; latency: { ackToFillMs: number | null; decisionToFillMs: number | null } };
        }[];
      };
      cycles: { edges: { node: { status: string; trigger: string } }[] };
    }>(
      t.url,
      '{ fills(first: 50) { edges { node { symbol latency { ackToFillMs decisionToFillMs } } } } cycles { edges { node { status trigger } } } }',
    );
    expect(body.data?.fills.edges.length).toBeGreaterThan(0);
    // Latency is measured on hydra's clock (when the execution arrived), not the simulator's calendar.
    for (const { node } of body.data!.fills.edges) {
      expect(node.latency.decisionToFillMs).toBeGreaterThanOrEqual(0);
      expect(node.latency.decisionToFillMs).toBeLessThan(60_000);
      expect(node.latency.ackToFillMs).toBeGreaterThanOrEqual(0);
    }
    expect(body.data?.cycles.edges[0]?.node).toEqual({ status: 'OK', trigger: 'manual' });
  }, 90_000);
});
