import type { Browser } from 'playwright-core';
import { fillsPlugin } from '../../src/plugins/fills/index.js';
import { systemPlugin } from '../../src/plugins/system/index.js';
import { PAGES } from '../../web-components/lib/router.js';
import { launchBrowser, startDashboard, startPartialServer, watchErrors } from './harness.js';
import { settle } from './page.js';

/** Before the first cycle, and in a build without some data sources: every page (the router's list) explains, none breaks. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('an empty database', () => {
  it('shows on every page what will appear and when, with no errors', async () => {
    const t = await startDashboard();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      const said: Record<string, string> = {};
      for (const p of PAGES) {
        await page.goto(`${t.url}/#/${p}`);
        await settle(page);
        const empty = page.locator(
          `hydra-${p} .empty, hydra-${p} hydra-table .empty, hydra-${p} hydra-chart .empty`,
        );
        expect({ p, n: (await empty.count()) > 0 }).toEqual({ p, n: true });
        said[p] = (await empty.first().textContent())?.replace(/\s+/g, ' ').trim() ?? '';
        expect(await page.locator(`hydra-${p} [role="alert"], hydra-app .fatal`).count()).toBe(0);
      }
      expect(said.overview).toContain('No equity in this range yet');
      expect(said.fills).toContain('No fills in this range yet');
      expect(said.slippage).toContain('No fills to reconcile');
      expect(said.drift).toContain('No feature drift yet');
      expect(said.experiments).toContain('No experiments yet');
      expect(said.alerts).toContain('Nothing has fired');
      expect(said.positions).toContain('No book recorded yet');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await t.stop();
    }
  });
});

describe('a build without the reconciliation, drift and experiments plugins', () => {
  it('says which data source is not installed on those pages, and the others work', async () => {
    const s = await startPartialServer([systemPlugin(), fillsPlugin()]);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      const expected = {
        slippage: 'The slippage reconciliation is not installed in this build',
        drift: 'The drift monitor is not installed in this build',
        experiments: 'The experiment journal is not installed in this build',
        alerts: 'The alerts plugin is not installed in this build',
        positions: 'The positions plugin is not installed in this build',
      } as const;
      for (const [p, text] of Object.entries(expected)) {
        await page.goto(`${s.url}/#/${p}`);
        await settle(page);
        expect(await page.locator(`hydra-${p} .empty strong`).textContent()).toBe(text);
      }
      await page.goto(`${s.url}/#/overview`);
      await settle(page);
      expect(await page.locator('hydra-app header hydra-mode-badge').getAttribute('mode')).toBe('PAPER');
      expect(await page.locator('hydra-overview h2', { hasText: 'Drift' }).count()).toBe(0);
      // No alerts plugin, no bell.
      expect(await page.locator('hydra-app a.bell').count()).toBe(0);
      await page.goto(`${s.url}/#/system`);
      await settle(page);
      expect(await page.locator('hydra-system hydra-table').first().locator('tbody tr').count()).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await s.stop();
    }
  });
});
