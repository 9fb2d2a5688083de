import type { Browser } from 'playwright-core';
import { weekdaysBefore } from '../../src/trading-dates.js';
import { PAGES } from '../../web-components/lib/router.js';
import { launchBrowser, startDashboard, watchErrors } from './harness.js';
import { settle } from './page.js';

/**
 * With HYDRA_API_TOKEN set, the dashboard's static files stay open but every operation needs the token:
 * the page must explain that, take the token, and then work over HTTP (Bearer) and WebSocket (connection_init).
 */
const TOKEN = 'dashboard-test-token-0123456789';

/** The browser reports each refused request as a console error; those are the expected 401s, nothing else. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let cycleId: string;

beforeAll(async () => {
  t = await startDashboard({ HYDRA_API_TOKEN: TOKEN });
  const days = weekdaysBefore(new Date().toISOString().slice(0, 10), 3);
  for (const d of days) cycleId = t.facts.cycle(d);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('with an API token configured', () => {
  it('explains what is needed instead of a broken page, refuses a wrong token clearly, then works with the right one', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(`${t.url}/#/fills`);
      const prompt = page.locator('hydra-token-prompt');
      await prompt.locator('h1').waitFor();
      expect(await prompt.locator('h1').textContent()).toBe('This dashboard needs the API token');
      expect(await prompt.locator('form').textContent()).toContain('HYDRA_API_TOKEN');
      // The shell is intact around it (header, navigation), and nothing else failed.
      expect(await page.locator('hydra-app nav > a').count()).toBe(PAGES.length);
      expect(await page.locator('hydra-app .conn[data-status="unauthorized"]').count()).toBe(1);

      await prompt.locator('input').fill('not-the-token-at-all');
      await prompt.locator('button[type="submit"]').click();
      await prompt.locator('.problem').waitFor();
      expect(await prompt.locator('.problem').textContent()).toContain('refused this token');

      await prompt.locator('input').fill(TOKEN);
      await prompt.locator('button[type="submit"]').click();
      await page.locator('hydra-fills hydra-table tbody tr').first().waitFor();
      await settle(page);
      // The socket authenticated with the token in connection_init: a new fill arrives live.
      await page.locator('hydra-app .conn[data-status="live"]').waitFor();
      await new Promise((r) => setTimeout(r, 200));
      const execId = t.facts.fill({ symbol: 'AAPL', side: 'SELL', quantity: 4, price: 150, cycleId });
      await page.locator(`hydra-fills tr[data-key="${execId}"]`).waitFor({ timeout: 3_000 });
      expect(unexpected(errors)).toEqual([]);

      // The token is remembered in this browser: a reload goes straight to the data.
      await page.reload();
      await page.locator('hydra-fills hydra-table tbody tr').first().waitFor();
      expect(await page.locator('hydra-token-prompt').count()).toBe(0);
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('asks again when the stored token stops working (changed on the server)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      await ctx.addInitScript(() => localStorage.setItem('hydra.apiToken', 'an-old-token-that-was-rotated'));
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(`${t.url}/#/overview`);
      const prompt = page.locator('hydra-token-prompt');
      await prompt.locator('.problem').waitFor();
      expect(await prompt.locator('.problem').textContent()).toContain('refused this token');
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBe(0);
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
