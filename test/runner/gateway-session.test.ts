import { startSimulator } from '../../src/sim/index.js';
import { startTestApp } from '../helpers/app.js';
import { postGraphQL, takeEvents, wsClient } from '../helpers/graphql.js';

const SESSION = `{ gateway { session { reachable checkedAt reachableSince probeError lastSeenAt nextRestartAt
  weeklyReauthAt lastWeeklyReauthAt twoFactorDueAt loggedInSinceWeeklyReauth resetWindow warnings } } }`;

interface Session {
  reachable: boolean | null;
  probeError: string | null;
  lastSeenAt: string | null;
  nextRestartAt: string | null;
  weeklyReauthAt: string | null;
  lastWeeklyReauthAt: string | null;
  warnings: string[];
}

const session = async (url: string) => {
  const { body } = await postGraphQL<{ gateway: { session: Session } }>(url, SESSION);
  expect(body.errors).toBeUndefined();
  return body.data!.gateway.session;
};

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('the IB session in system.gateway', () => {
  it('probes an external gateway between cycles and shows its restart and weekly re-authentication', async () => {
    const gw = await startSimulator({ port: 0 });
    const t = await startTestApp({
      HYDRA_IB_HOST: gw.host,
      HYDRA_IB_PORT: String(gw.port),
      HYDRA_IB_PROBE_SECONDS: '1',
      HYDRA_IB_RESTART_TIME: '11:50 PM',
    });
    try {
      const s = await until(
        () => session(t.url),
        (v) => v.reachable !== null,
      );
      expect(s.reachable).toBe(true);
      expect(s.probeError).toBeNull();
      expect(Date.parse(s.lastSeenAt!)).toBeLessThanOrEqual(Date.now());
      const now = Date.now();
      // Within a day, at 23:50 New York time (04:50Z in winter, 03:50Z in summer).
      const restart = new Date(s.nextRestartAt!);
      expect(restart.getTime() - now).toBeGreaterThan(0);
      expect(restart.getTime() - now).toBeLessThanOrEqual(86_400_000);
      expect([3, 4]).toContain(restart.getUTCHours());
      expect(restart.getUTCMinutes()).toBe(50);
      // Sunday 01:00 New York time, within the coming week, and a week after the last one.
      const reauth = new Date(s.weeklyReauthAt!);
      expect(reauth.getUTCDay()).toBe(0);
      expect([5, 6]).toContain(reauth.getUTCHours());
      expect(reauth.getTime() - now).toBeLessThanOrEqual(7 * 86_400_000);
      expect(reauth.getTime() - Date.parse(s.lastWeeklyReauthAt!)).toBe(7 * 86_400_000);
    } finally {
      await t.stop();
      await gw.close();
    }
  }, 30_000);

  it('pushes a warning over systemStatus when the gateway stops answering', async () => {
    const t = await startTestApp({ HYDRA_IB_PROBE_SECONDS: '1', HYDRA_SIM_DAY_SECONDS: '3600' }, undefined, {
      trading: true,
      backfill: false,
    });
    const client = wsClient(t.url, undefined, { lazy: false });
    try {
      const sim = t.app.trading!.sim!;
      expect(
        (
          await until(
            () => session(t.url),
            (v) => v.reachable !== null,
          )
        ).reachable,
      ).toBe(true);
      const pushed = takeEvents<{ systemStatus: { warnings: string[] } }>(
        client,
        'subscription { systemStatus { warnings } }',
        2,
      );
      await new Promise((r) => setTimeout(r, 200));
      await sim.close();
      const [first, second] = await pushed.done;
      expect(first!.systemStatus.warnings).toEqual([]);
      expect(second!.systemStatus.warnings).toHaveLength(1);
      expect(second!.systemStatus.warnings[0]).toMatch(/built-in simulator has not answered.*next cycle/);
      const s = await session(t.url);
      expect(s.reachable).toBe(false);
      expect(s.probeError).toMatch(/ECONNREFUSED|closed/);
      expect(s.nextRestartAt).toBeNull();
      expect(t.sink.lines.some((l) => l.msg === 'gateway does not answer')).toBe(true);
    } finally {
      await client.dispose();
      await t.stop();
    }
  }, 30_000);
});
