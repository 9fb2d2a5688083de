import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinPlugins } from '../src/plugins/index.js';
import { startTestApp } from './helpers/app.js';
import { postGraphQL, takeEvents, wsClient } from './helpers/graphql.js';
import { tempDir } from './helpers/temp-dir.js';

type System = { system: { version: string; mode: string } };
type Status = { systemStatus: { status: string; uptimeSeconds: number; plugins: { name: string }[] } };

describe('the server on port 0', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({ HYDRA_HEARTBEAT_SECONDS: '1' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers a query over HTTP', async () => {
    const { status, body } = await postGraphQL<System>(t.url, '{ system { version mode } }');
    expect(status).toBe(200);
    expect(body.data?.system).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      mode: 'SIMULATED',
    });
  });

  it('pushes systemStatus over graphql-ws at once and then on the heartbeat', async () => {
    const client = wsClient(t.url);
    try {
      const started = Date.now();
      const sub = takeEvents<Status>(
        client,
        'subscription { systemStatus { status uptimeSeconds plugins { name } } }',
        2,
        5000,
      );
      const events = await sub.done;
      expect(events[0]?.systemStatus.plugins.map((p) => p.name)).toEqual(builtinPlugins().map((p) => p.name));
      expect(events[1]?.systemStatus.status).toBe('OK');
      // Second event came from the 1 s heartbeat, not a burst.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await client.dispose();
    }
  });

  it('serves /health/live, /health/ready and /metrics', async () => {
    const live = await fetch(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: expect.arrayContaining([{ name: 'migrations', ok: true, detail: 'all applied' }]),
    });
    await postGraphQL(t.url, 'query MetricsProbe { system { version } }');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hydra_graphql_operations_total\{operation="MetricsProbe",type="query",outcome="ok"\} 1/,
    );
    expect(metrics).toContain('process_resident_memory_bytes');
    expect(metrics).toContain('hydra_subscriptions_active');
  });

  it('turns committed cycle, fill and gateway events into Prometheus metrics', async () => {
    const startedAt = new Date('2026-11-20T21:30:00Z');
    t.app.pubsub.publishEvent({
      topic: 'cycleUpdated',
      payload: { status: 'running', startedAt, endedAt: null },
    });
    t.app.pubsub.publishEvent({
      topic: 'cycleUpdated',
      payload: { status: 'ok', startedAt, endedAt: new Date(startedAt.getTime() + 42_000) },
    });
    // BUY at 100.05 against an arrival of 100: 5 bps paid.
    t.app.pubsub.publishEvent({
      topic: 'fillAdded',
      payload: { side: 'BUY', arrivalPrice: 100, price: 100.05 },
    });
    t.app.pubsub.publishEvent({ topic: 'gatewayStatus', payload: { state: 'connected' } });
    await new Promise((r) => setTimeout(r, 20));
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/hydra_cycles_total\{status="ok"\} 1\b/);
    expect(metrics).not.toMatch(/hydra_cycles_total\{status="running"\}/);
    expect(metrics).toMatch(/hydra_cycle_duration_seconds_sum 42\b/);
    expect(metrics).toMatch(/hydra_fills_total 1\b/);
    expect(metrics).toMatch(/hydra_fill_slippage_bps_bucket\{le="2"\} 0\b/);
    expect(metrics).toMatch(/hydra_fill_slippage_bps_bucket\{le="5"\} 1\b/);
    expect(Number(/^hydra_fill_slippage_bps_sum (\S+)$/m.exec(metrics)?.[1])).toBeCloseTo(5, 6);
    // No drift analysis has run on this database: the gauge is declared but has no sample to mislead with.
    expect(metrics).toContain('# TYPE hydra_drift_status gauge');
    expect(metrics).not.toMatch(/^hydra_drift_status\{/m);
    expect(metrics).toMatch(/hydra_gateway_connected 1\b/);
  });

  it('renders GraphiQL for browsers, without any CDN', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('hydra-monitor GraphiQL');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });

  it('answers 404 for unknown paths and 400 with a GraphQL error for a malformed body, logging neither as an error', async () => {
    const before = t.sink.lines.length;
    const nf = await fetch(`${t.url}/no/such/path`);
    expect(nf.status).toBe(404);
    const bad = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.message).toMatch(/invalid JSON/);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    // Yoga echoes the JSON parser's message about the client's own body; never a stack or server path.
    expect(JSON.stringify(body)).not.toMatch(/"stack"|node_modules|\/src\//);
    const traversal = await fetch(`${t.url}/..%2f..%2fetc%2fpasswd`);
    expect(traversal.status).toBe(404);
    const errors = t.sink.lines.slice(before).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
  });

  it('masks unexpected errors and refuses invalid operations with a GraphQL error', async () => {
    const { body } = await postGraphQL(t.url, '{ system { noSuchField } }');
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "noSuchField"/);
  });
});

describe('/health/ready', () => {
  it('answers 503 naming the failing check when a plugin is down', async () => {
    const dir = tempDir();
    const file = path.join(dir.dir, 'down-plugin.mjs');
    writeFileSync(
      file,
      "export default () => ({ name: 'broken', migrations: [], store: () => ({}), health: () => ({ status: 'down', detail: 'feed lost' }) });\n",
    );
    const t = await startTestApp({ HYDRA_PLUGINS: file });
    try {
      const res = await fetch(`${t.url}/health/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as {
        status: string;
        checks: { name: string; ok: boolean; detail: string }[];
      };
      expect(body.status).toBe('not ready');
      expect(body.checks.filter((c) => !c.ok)).toEqual([
        { name: 'plugin:broken', ok: false, detail: 'down: feed lost' },
      ]);
      // Liveness never depends on plugins or the gateway.
      expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    } finally {
      await t.stop();
      dir.remove();
    }
  });
});
