import type { Browser } from 'playwright-core';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { launchBrowser, startDashboard, watchErrors } from './harness.js';
import { settle } from './page.js';

/**
 * The IB session on the dashboard: a gateway that stops answering between cycles (a Sunday re-authentication
 * nobody approved) is on screen, without a reload, long before the next cycle would find it.
 */
let gw: Simulator;
let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;

beforeAll(async () => {
  gw = await startSimulator({ port: 0 });
  t = await startDashboard(
    {
      HYDRA_IB_HOST: gw.host,
      HYDRA_IB_PORT: String(gw.port),
      HYDRA_IB_PROBE_SECONDS: '1',
      HYDRA_IB_RESTART_TIME: 'none',
    },
    // A Tuesday noon in New York: outside IB's reset windows, whenever the test runs.
    () => new Date('2026-11-24T17:00:00Z'),
  );
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await gw?.close();
});

it('shows the gateway answering, then a warning on the Overview and System pages once it stops', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const overview = await ctx.newPage();
    const system = await ctx.newPage();
    const errors = [...watchErrors(overview), ...watchErrors(system)];
    await overview.goto(`${t.url}/#/overview`);
    await system.goto(`${t.url}/#/system`);
    await Promise.all([settle(overview), settle(system)]);
    await overview
      .locator('hydra-overview .session', { hasText: 'answers the API' })
      .waitFor({ timeout: 10_000 });
    expect(await overview.locator('hydra-overview .session-warnings').count()).toBe(0);

    await gw.close();
    const started = performance.now();
    for (const [page, tag] of [
      [overview, 'hydra-overview'],
      [system, 'hydra-system'],
    ] as const) {
      const warning = page.locator(`${tag} .session-warnings`);
      await warning.waitFor({ timeout: 10_000 });
      expect(await warning.textContent()).toMatch(
        /Before the next cycle.*has not answered the API handshake.*2FA/s,
      );
    }
    console.log(`gateway lost to warning on screen: ${Math.round(performance.now() - started)} ms`);
    expect(await overview.locator('hydra-overview .session').textContent()).toMatch(/not answering since/);
    expect(errors).toEqual([]);
  } finally {
    await ctx.close();
  }
}, 60_000);
