import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFaultScript } from '../../src/sim/index.js';
import { startTestApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { postGraphQL, takeEvents, wsClient } from '../helpers/graphql.js';
import { startHttpReceiver, startSmtpReceiver } from '../helpers/receivers.js';
import { tempDir } from '../helpers/temp-dir.js';

const SECRET = 'e2e-hmac-secret-81f2';

/**
 * The whole path with real parts only: the served app, the embedded simulator refusing the cycle's connection,
 * the cycle in a Bree worker, the alert rules from a file, and real receivers (an HTTP webhook on port 0, an
 * SMTP server on port 0). Then `hydra alerts ack` from the CLI, in another process, against the same database.
 */
describe('alerts end to end', () => {
  const files = tempDir();
  let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let t: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    hook = await startHttpReceiver();
    smtp = await startSmtpReceiver();
    process.env.E2E_HOOK_SECRET = SECRET;
    const rules = path.join(files.dir, 'alerts.yml');
    writeFileSync(
      rules,
      `evaluateEvery: 200ms
builtinRules: false
channels:
  ops: { type: webhook, url: "${hook.url}/hydra", secretEnv: E2E_HOOK_SECRET, retry: { initialDelay: 100ms, maxDelay: 1s } }
  mail: { type: email, host: 127.0.0.1, port: ${smtp.port}, from: hydra@example.org, to: [trader@example.org] }
rules:
  - id: cycle-failed
    name: Cycle failed
    when: { kind: cycle_failed, statuses: [failed] }
    severity: critical
    pendingFor: 1s
    notify: [ops, mail]
  # The same condition with a pending period longer than the failure lasts: it must notify nothing.
  - id: cycle-failed-slow
    when: { kind: cycle_failed, statuses: [failed] }
    pendingFor: 10m
    notify: [ops]
`,
    );
    t = await startTestApp(
      {
        HYDRA_ALERTS_FILE: rules,
        HYDRA_SIM_DAY_SECONDS: '3600',
        HYDRA_IB_CONNECT_TIMEOUT: '2',
        HYDRA_UNIVERSE: 'AAPL,MSFT',
        HYDRA_PUBLIC_URL: 'https://hydra.example.org',
      },
      undefined,
      { trading: true, backfill: false },
    );
  });
  afterAll(async () => {
    await t.stop();
    await hook.close();
    await smtp.close();
    files.remove();
    delete process.env.E2E_HOOK_SECRET;
  });

  it('a failed cycle notifies once after the pending period, a good cycle once more; the CLI acknowledges', async () => {
    const client = wsClient(t.url);
    try {
      const changes = takeEvents<{ alertChanged: { id: string; state: string } }>(
        client,
        'subscription { alertChanged { id state } }',
        2,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      const sim = t.app.trading!.sim!;
      sim.setFaults(parseFaultScript({ rules: [{ on: 'connect', action: 'refuse' }] }));
      await t.app.trading!.scheduler.run('manual');
      const failedAt = Date.now();
      const [req] = await hook.received(1, 40_000);
      const firstAt = Date.now();
      const { body, headers } = req!;
      const n = JSON.parse(body);
      expect(n).toMatchObject({
        version: 1,
        event: 'firing',
        ruleId: 'cycle-failed',
        severity: 'critical',
        url: 'https://hydra.example.org/#/alerts',
      });
      expect(n.summary).toMatch(/ended failed/);
      // Not before the pending period: the condition held for 1 s from the first evaluation that saw it.
      expect(firstAt - failedAt).toBeGreaterThanOrEqual(800);
      const ts = headers['x-hydra-timestamp'] as string;
      expect(headers['x-hydra-signature']).toBe(
        `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`,
      );
      await waitFor(() => smtp.mails.length === 1);
      const firing = async () =>
        (await (await fetch(`${t.url}/metrics`)).text()).match(
          /^hydra_alert_firing\{rule="cycle-failed",severity="critical"\} (\d)$/m,
        )?.[1];
      expect(await firing()).toBe('1');
      expect(smtp.mails[0]!.raw).toMatch(/^Subject: \[hydra\] FIRING critical: Cycle failed/m);

      // The CLI, in its own process, acknowledges the firing episode on the same database.
      const ack = await runCli(
        ['alerts', 'ack', String(n.alertId), '--by', 'ana', '--note', 'gateway was down'],
        {
          HYDRA_DATA_DIR: t.config.dataDir,
          HYDRA_LOG_LEVEL: 'warn',
          // The channel secrets are not in this shell: listing and acknowledging need only the rules.
          HYDRA_ALERTS_FILE: path.join(files.dir, 'alerts.yml'),
        },
      );
      expect(ack.stderr).toBe('');
      expect(ack.stdout).toMatch(new RegExp(`acknowledged #${n.alertId} cycle-failed critical`));
      await waitFor(async () => {
        const r = await postGraphQL<{ alertsSummary: { firing: number; unacknowledged: number } }>(
          t.url,
          '{ alertsSummary { firing unacknowledged } }',
        );
        return r.body.data?.alertsSummary.unacknowledged === 0 && r.body.data.alertsSummary.firing === 1;
      });

      sim.setFaults({ rules: [] });
      await t.app.trading!.scheduler.run('manual');
      const all = await hook.received(2, 40_000);
      await new Promise((r) => setTimeout(r, 600)); // nothing else may arrive
      expect(all.map((r) => [JSON.parse(r.body).ruleId, JSON.parse(r.body).event])).toEqual([
        ['cycle-failed', 'firing'],
        ['cycle-failed', 'resolved'],
      ]);
      await waitFor(() => smtp.mails.length === 2);
      expect(smtp.mails[1]!.raw).toMatch(/^Subject: \[hydra\] RESOLVED: Cycle failed/m);
      expect(await firing()).toBe('0');

      const r = await postGraphQL<{
        alerts: { id: string; state: string }[];
        alertHistory: {
          edges: { node: { id: number; acknowledgedBy: string; resolvedAt: string | null } }[];
        };
        alertDeliveries: { edges: { node: { status: string; ruleId: string } }[] };
        alertTransitions: { edges: { node: { ruleId: string; to: string } }[] };
      }>(
        t.url,
        '{ alerts { id state } alertHistory(first: 10) { edges { node { id acknowledgedBy resolvedAt } } } alertDeliveries(first: 10) { edges { node { status ruleId } } } alertTransitions(first: 20, ruleId: "cycle-failed-slow") { edges { node { ruleId to } } } }',
      );
      const d = r.body.data!;
      expect(Object.fromEntries(d.alerts.map((a) => [a.id, a.state]))).toEqual({
        'cycle-failed': 'NORMAL',
        'cycle-failed-slow': 'NORMAL',
      });
      expect(d.alertHistory.edges.map((e) => e.node)).toEqual([
        { id: n.alertId, acknowledgedBy: 'ana', resolvedAt: expect.any(String) },
      ]);
      expect(d.alertDeliveries.edges.map((e) => e.node)).toEqual(
        Array(4).fill({ status: 'SENT', ruleId: 'cycle-failed' }),
      );
      // The slow rule went pending and back to normal, and never fired.
      expect(d.alertTransitions.edges.map((e) => e.node.to)).toContain('PENDING');
      expect(d.alertTransitions.edges.map((e) => e.node.to)).not.toContain('ALERTING');
      const seen = await changes.done;
      expect(seen.length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.dispose();
    }
  }, 90_000);
});

const waitFor = async (ok: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};
