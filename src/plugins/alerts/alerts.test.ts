import { Counter, Registry } from 'prom-client';
import { logSink } from '../../../test/helpers/log-sink.js';
import { pluginHarness } from '../../../test/helpers/plugin-harness.js';
import type { GatewayProbeState } from '../../gateway/watch.js';
import { driftPlugin } from '../drift/index.js';
import { fillsPlugin } from '../fills/index.js';
import { reconciliationPlugin } from '../reconciliation/index.js';
import { systemPlugin } from '../system/index.js';
import type { AlertsConfig, Rule } from './config-types.js';
import { DEFAULT_RATE_LIMIT } from './defaults.js';
import { createAlertEngine } from './engine.js';
import { alertsPlugin } from './index.js';
import type { AlertsPluginStore } from './plugin-store.js';
import { alertSources } from './sources.js';
import type { AlertRuleView } from './view.js';

const t0 = new Date('2026-11-20T21:30:00Z');
const rule = (id: string, when: Rule['when'], extra: Partial<Rule> = {}): Rule => ({
  id,
  name: id,
  severity: 'critical',
  when,
  pendingSeconds: 0,
  keepFiringSeconds: 0,
  noData: 'nodata',
  channels: ['ops'],
  rateLimit: DEFAULT_RATE_LIMIT,
  line: null,
  ...extra,
});
const ops = {
  name: 'ops',
  type: 'webhook' as const,
  url: 'http://127.0.0.1:9/never-dispatched-here',
  secret: null,
  headers: {},
  severities: ['info', 'warning', 'critical'] as const,
  retry: { initialDelaySeconds: 1, maxDelaySeconds: 1, maxAttempts: 1 },
  timeoutSeconds: 1,
  line: null,
};

const setup = (rules: Rule[], opts: { probe?: () => GatewayProbeState | null; registry?: Registry } = {}) => {
  let now = t0;
  const config: AlertsConfig = { file: null, evaluateEverySeconds: 3600, channels: { ops }, rules };
  const h = pluginHarness(
    [systemPlugin(), fillsPlugin(), reconciliationPlugin(), driftPlugin(), alertsPlugin(config)],
    {
      now: () => now,
      gateway: { host: null, port: 4002, tradingMode: 'paper' },
      ...(opts.probe ? { gatewayProbe: opts.probe } : {}),
    },
  );
  const store = h.stores.get('alerts') as AlertsPluginStore;
  const changes: AlertRuleView[] = [];
  let enqueued = 0;
  const engine = createAlertEngine({
    config,
    store: store.alerts,
    outbox: store.deliveries,
    sources: alertSources(Object.fromEntries(h.stores), h.runtime, opts.registry ?? null),
    log: logSink().log,
    publicUrl: 'https://hydra.example.org/',
    onChange: (v) => changes.push(...v),
    onEnqueued: () => enqueued++,
  });
  let cycles = 0;
  const cycle = (status: 'ok' | 'failed', error: string | null = null) => {
    const date = `2026-11-${String(10 + cycles).padStart(2, '0')}`;
    const id = `${date}#1`;
    cycles++;
    h.hooks.run('onCycleStart', {
      cycleId: id,
      tradingDate: date,
      attempt: 1,
      mode: 'SIMULATED',
      account: 'DU1',
      startedAt: now,
      trigger: 'schedule',
    });
    h.hooks.run('onCycleEnd', {
      cycleId: id,
      tradingDate: date,
      status,
      error,
      endedAt: now,
      account: null,
      positions: [],
      strategy: null,
      signals: [],
      shadow: [],
    });
    return id;
  };
  return {
    ...h,
    store,
    engine,
    changes,
    enqueued: () => enqueued,
    cycle,
    at: (seconds: number) => {
      now = new Date(t0.getTime() + seconds * 1000);
    },
    deliveries: () => store.deliveries.list({}, null, 100).reverse(),
  };
};

describe('alerts plugin: engine, store and API', () => {
  it('fires once on a failed cycle, notifies, and resolves with one more notification when a cycle succeeds', async () => {
    const t = setup([rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] })]);
    await t.engine.evaluate();
    let r = await t.gql(
      '{ alerts { id state firing summary alert { id } } alertsSummary { firing noData } }',
    );
    expect(r.data.alerts[0]).toMatchObject({
      state: 'NODATA',
      firing: false,
      summary: 'no cycle has finished yet',
      alert: null,
    });

    const failed = t.cycle('failed', 'gateway refused the connection');
    t.at(10);
    await t.engine.evaluate();
    await t.engine.evaluate(); // evaluating again changes nothing and sends nothing more
    r = await t.gql(
      '{ alerts { state firing value summary alert { id summary acknowledged } } alertsSummary { firing unacknowledged } }',
    );
    const a = r.data.alerts[0];
    expect(a).toMatchObject({ state: 'ALERTING', firing: true, value: 'failed' });
    expect(a.summary).toBe(`cycle ${failed} (2026-11-10) ended failed: gateway refused the connection`);
    expect(r.data.alertsSummary).toEqual({ firing: 1, unacknowledged: 1 });
    expect(t.deliveries().map((d) => [d.event, d.channel, d.status])).toEqual([['firing', 'ops', 'pending']]);
    const note = t.deliveries()[0]!.notification;
    expect(note).toMatchObject({
      alertId: a.alert.id,
      ruleId: 'cycle-failed',
      severity: 'critical',
      url: 'https://hydra.example.org/#/alerts',
    });
    expect(t.enqueued()).toBe(1);

    t.cycle('ok');
    t.at(70);
    await t.engine.evaluate();
    r = await t.gql(
      '{ alerts { state alert { id } } alertHistory(first: 5) { edges { node { id resolvedAt durationSeconds deliveries { event } } } } alertTransitions(first: 10) { edges { node { from to } } } }',
    );
    expect(r.data.alerts[0]).toEqual({ state: 'NORMAL', alert: null });
    expect(r.data.alertHistory.edges[0].node).toMatchObject({
      id: a.alert.id,
      resolvedAt: '2026-11-20T21:31:10.000Z',
      durationSeconds: 60,
    });
    expect(
      r.data.alertHistory.edges[0].node.deliveries.map((d: { event: string }) => d.event).sort(),
    ).toEqual(['FIRING', 'RESOLVED']);
    expect(
      r.data.alertTransitions.edges.map(
        (e: { node: { from: string; to: string } }) => `${e.node.from}>${e.node.to}`,
      ),
    ).toEqual(['ALERTING>NORMAL', 'NODATA>ALERTING', 'NORMAL>NODATA']);
    expect(t.deliveries().map((d) => d.event)).toEqual(['firing', 'resolved']);
    // Subscribers heard every state change, each with the rule's new state.
    expect(t.changes.map((c) => c.state)).toEqual(['nodata', 'alerting', 'normal']);
  });

  it('notifies nothing for a condition that clears inside the pending period, and fires once it holds long enough', async () => {
    const t = setup([
      rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] }, { pendingSeconds: 60 }),
    ]);
    t.cycle('failed');
    await t.engine.evaluate();
    t.at(20);
    t.cycle('ok');
    await t.engine.evaluate();
    t.at(40);
    t.cycle('failed');
    await t.engine.evaluate();
    t.at(90);
    await t.engine.evaluate();
    expect(t.deliveries()).toEqual([]);
    const r = await t.gql('{ alerts { state since } }');
    expect(r.data.alerts[0]).toEqual({ state: 'PENDING', since: '2026-11-20T21:30:40.000Z' });
    t.at(100);
    await t.engine.evaluate();
    expect((await t.gql('{ alerts { state } }')).data.alerts[0].state).toBe('ALERTING');
    expect(t.deliveries().map((d) => d.event)).toEqual(['firing']);
  });

  it('acknowledges an episode with an audit event, which the API and the next evaluation show', async () => {
    const t = setup([rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] })]);
    t.cycle('failed');
    await t.engine.evaluate();
    const id = (await t.gql('{ alerts { alert { id } } }')).data.alerts[0].alert.id as number;
    const before = t.changes.length;
    const acked = t.store.alerts.acknowledge(
      id,
      'ana',
      'gateway restarted by hand',
      new Date('2026-11-20T21:40:00Z'),
    );
    expect(acked).toMatchObject({ acknowledgedBy: 'ana', ackNote: 'gateway restarted by hand' });
    await t.engine.evaluate();
    expect(t.changes.length).toBe(before + 1);
    expect(t.changes.at(-1)!.alert?.acknowledgedBy).toBe('ana');
    const r = await t.gql(
      '{ alertsSummary { firing unacknowledged } alert(id: 1) { acknowledged acknowledgedBy ackNote } events(first: 5, filter: { kind: "alert-acknowledged" }) { edges { node { source message data } } } }',
    );
    expect(r.data.alertsSummary).toEqual({ firing: 1, unacknowledged: 0 });
    expect(r.data.alert).toEqual({
      acknowledged: true,
      acknowledgedBy: 'ana',
      ackNote: 'gateway restarted by hand',
    });
    expect(r.data.events.edges[0].node).toMatchObject({ source: 'cli', data: { alertId: id, by: 'ana' } });
    expect(r.data.events.edges[0].node.message).toContain('ana acknowledged alert');
    // A second acknowledgement changes nothing; an unknown id is null.
    expect(t.store.alerts.acknowledge(id, 'bob', null, new Date())?.acknowledgedBy).toBe('ana');
    expect(t.store.alerts.acknowledge(999, 'bob', null, new Date())).toBeNull();
  });

  it('watches the gateway through the IB session and metrics through the Prometheus registry', async () => {
    let probe: GatewayProbeState = {
      reachable: true,
      checkedAt: t0,
      lastReachableAt: t0,
      since: t0,
      serverVersion: 193,
      error: null,
    };
    const registry = new Registry();
    const failures = new Counter({
      name: 'hydra_cycles_total',
      help: 'h',
      labelNames: ['status'],
      registers: [registry],
    });
    const t = setup(
      [
        rule('gw', { kind: 'gateway', unreachable: true, warnings: [] }),
        rule('failures', {
          kind: 'metric',
          metric: 'hydra_cycles_total',
          labels: { status: 'failed' },
          op: '>=',
          threshold: 2,
          field: 'value',
        }),
      ],
      { probe: () => probe, registry },
    );
    failures.inc({ status: 'ok' }, 5);
    await t.engine.evaluate();
    let r = await t.gql('{ alerts { id state summary } }');
    const byId = () =>
      Object.fromEntries(r.data.alerts.map((a: { id: string; state: string }) => [a.id, a.state]));
    expect(byId()).toEqual({ gw: 'NORMAL', failures: 'NODATA' });
    probe = { ...probe, reachable: false, since: t0, error: 'ECONNREFUSED' };
    failures.inc({ status: 'failed' }, 2);
    t.at(5);
    await t.engine.evaluate();
    r = await t.gql('{ alerts { id state summary } }');
    expect(byId()).toEqual({ gw: 'ALERTING', failures: 'ALERTING' });
    expect(r.data.alerts.find((a: { id: string }) => a.id === 'gw').summary).toContain(
      'has not answered the API handshake',
    );
    expect(r.data.alerts.find((a: { id: string }) => a.id === 'failures').summary).toBe(
      'hydra_cycles_total is 2 (>= 2)',
    );
  });

  it('reports the plugin degraded while a notification of the last day could not be delivered', async () => {
    const t = setup([rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] })]);
    t.cycle('failed');
    await t.engine.evaluate();
    const health = async () =>
      (
        (await t.gql('{ health { name status detail } }')).data.health as {
          name: string;
          status: string;
          detail: string;
        }[]
      ).find((h) => h.name === 'alerts')!;
    expect((await health()).status).toBe('ok');
    const [d] = t.deliveries();
    t.store.deliveries.markFailed(d!.id, 20, 'webhook (127.0.0.1:9) answered 410');
    t.at(120); // the health cache turns with the minute
    expect(await health()).toEqual({
      name: 'alerts',
      status: 'degraded',
      detail: '1 rules, 1 firing; 1 notifications could not be delivered in the last 24 h',
    });
    t.at(86_400 + 600);
    expect((await health()).status).toBe('ok');
  });

  it('writes nothing while nothing changes, except a heartbeat every 5 minutes', async () => {
    const t = setup([rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] })]);
    t.cycle('ok');
    await t.engine.evaluate();
    const changes = () => t.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    for (const s of [10, 20, 299]) {
      t.at(s);
      await t.engine.evaluate();
    }
    expect(changes()).toBe(before);
    t.at(301);
    await t.engine.evaluate();
    expect(changes()).toBe(before + 1);
    expect((await t.gql('{ alerts { evaluatedAt } }')).data.alerts[0].evaluatedAt).toBe(
      '2026-11-20T21:35:01.000Z',
    );
  });

  it('refuses unknown rule ids and bad pages with client errors', async () => {
    const t = setup([rule('cycle-failed', { kind: 'cycle_failed', statuses: ['failed'] })]);
    const r = await t.gql('{ alertHistory(filter: { ruleId: "cycle-faild" }) { edges { cursor } } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('rules: cycle-failed');
    const p = await t.gql('{ alertDeliveries(first: 501) { edges { cursor } } }');
    expect(p.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
