import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { weekdaysBefore } from '../../src/trading-dates.js';
import { postGraphQL } from '../helpers/graphql.js';
import { launchBrowser, PHONE, startDashboard, watchErrors } from './harness.js';
import { horizontalOverflow, settle } from './page.js';

/**
 * The dashboard against the real server: 30 synthetic cycles written through the plugins' hooks (as the
 * cycle worker writes them), Debian's Chromium driving the real bundle under the server's strict CSP.
 */
const PAGES = ['overview', 'fills', 'slippage', 'drift', 'experiments', 'system'] as const;

/** What each page must show when it has data: a selector that only matches rendered data. */
const HAS_DATA: Record<(typeof PAGES)[number], string> = {
  overview: 'hydra-overview hydra-chart canvas',
  fills: 'hydra-fills hydra-table tbody tr',
  slippage: 'hydra-slippage hydra-chart canvas',
  drift: 'hydra-drift [data-feature]',
  experiments: 'hydra-experiments hydra-table tbody tr',
  system: 'hydra-system hydra-table tbody tr',
};

let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let days: string[];

beforeAll(async () => {
  t = await startDashboard();
  days = weekdaysBefore(new Date().toISOString().slice(0, 10), 32);
  for (const [i, d] of days.entries()) t.facts.cycle(d, { vol: i >= 22 ? 2.6 : 1 });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const open = async (ctx: BrowserContext, hash: string): Promise<{ page: Page; errors: string[] }> => {
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(`${t.url}/${hash}`);
  await settle(page);
  return { page, errors };
};

const fillCount = async (filter: Record<string, unknown> = {}): Promise<number> => {
  let n = 0;
  let after: string | null = null;
  for (;;) {
    const r: {
      body: { data?: { fills: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    } = await postGraphQL(
      t.url,
      'query($f: FillFilter, $a: String, $n: Int = 500) { fills(filter: $f, first: $n, after: $a) { edges { cursor } pageInfo { hasNextPage endCursor } } }',
      { f: filter, a: after },
    );
    const c = r.body.data!.fills;
    n += c.edges.length;
    if (!c.pageInfo.hasNextPage) return n;
    after = c.pageInfo.endCursor;
  }
};

describe('every page', () => {
  it('renders its data on a desktop, with no console errors (under the server CSP)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      for (const p of PAGES) {
        await page.goto(`${t.url}/#/${p}`);
        await settle(page);
        await page.locator(HAS_DATA[p]).first().waitFor({ timeout: 10_000 });
        expect(await page.locator('hydra-app [role="alert"]').count()).toBe(0);
        expect(await page.locator('hydra-app header hydra-mode-badge .badge').textContent()).toContain(
          'SIMULATED',
        );
      }
      // The live connection is up and says so.
      await page.locator('hydra-app .conn[data-status="live"]').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('fits a 390×844 phone: no horizontal scroll on any page, the bottom navigation works', async () => {
    const ctx = await browser.newContext(PHONE);
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      for (const p of PAGES) {
        await page.goto(`${t.url}/#/${p}`);
        await settle(page);
        await page.locator(HAS_DATA[p]).first().waitFor({ timeout: 10_000 });
        expect({ page: p, overflow: await horizontalOverflow(page) }).toEqual({ page: p, overflow: 0 });
      }
      const nav = page.locator('hydra-app nav');
      const box = await nav.boundingBox();
      expect(box!.y + box!.height).toBeCloseTo(844, -1);
      await nav.locator('a', { hasText: 'Fills' }).click();
      await page.locator(HAS_DATA.fills).first().waitFor();
      expect(page.url()).toContain('#/fills');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe('live updates', () => {
  it('shows a committed fill on the Fills page and the Overview without a reload, within a second', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const fills = await open(ctx, '#/fills');
      const overview = await open(ctx, '#/overview');
      await fills.page.locator('hydra-app .conn[data-status="live"]').waitFor();
      await overview.page.locator('hydra-app .conn[data-status="live"]').waitFor();
      // Both pages have subscribed once the connection is live; give the subscribe messages a moment.
      await new Promise((r) => setTimeout(r, 300));
      const started = performance.now();
      const execId = t.facts.fill({
        symbol: 'NVDA',
        side: 'BUY',
        quantity: 7,
        price: 201.5,
        cycleId: `${days.at(-1)}#1`,
      });
      const seen = await Promise.all(
        [
          fills.page.locator(`hydra-fills tr[data-key="${execId}"]`),
          overview.page.locator(`hydra-overview tr[data-key="${execId}"]`),
        ].map(async (row) => {
          await row.waitFor({ timeout: 5_000 });
          return performance.now() - started;
        }),
      );
      const [onFills, onOverview] = seen.map((ms) => Math.round(ms));
      console.log(`fill-to-screen: Fills page ${onFills} ms, Overview ${onOverview} ms`);
      expect(onFills).toBeLessThan(1000);
      expect(onOverview).toBeLessThan(1000);
      expect(await fills.page.locator(`hydra-fills tr[data-key="${execId}"]`).textContent()).toContain(
        'NVDA',
      );
      expect([...fills.errors, ...overview.errors]).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('shows "reconnecting" when the server drops the socket, recovers, and shows the fills it missed', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, errors } = await open(ctx, '#/fills');
      await page.locator('hydra-app .conn[data-status="live"]').waitFor();
      expect(t.app.server.dropWebSockets()).toBe(1);
      await page.locator('hydra-app .conn[data-status="reconnecting"]').waitFor({ timeout: 2_000 });
      expect(await page.locator('hydra-app .banner').textContent()).toContain('reconnecting');
      // Committed and published while the page has no socket: no subscriber hears it.
      const missed = t.facts.fill({
        symbol: 'XOM',
        side: 'SELL',
        quantity: 3,
        price: 110.2,
        cycleId: `${days.at(-1)}#1`,
      });
      await page.locator('hydra-app .conn[data-status="live"]').waitFor({ timeout: 10_000 });
      // The page refetched after the reconnect, so the missed fill is there; the banner is gone.
      await page.locator(`hydra-fills tr[data-key="${missed}"]`).waitFor({ timeout: 5_000 });
      expect(await page.locator('hydra-app .banner').count()).toBe(0);
      // And the re-made subscription delivers the next fill live again.
      const next = t.facts.fill({
        symbol: 'XOM',
        side: 'BUY',
        quantity: 3,
        price: 110.4,
        cycleId: `${days.at(-1)}#1`,
      });
      await page.locator(`hydra-fills tr[data-key="${next}"]`).waitFor({ timeout: 2_000 });
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe('the fills blotter', () => {
  const download = async (page: Page): Promise<string[]> => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('hydra-fills hydra-table button.csv').click(),
    ]);
    const text = readFileSync((await file.path())!, 'utf8');
    return text.trimEnd().split('\r\n');
  };

  it('exports every fill the filter selects as CSV (all pages, not only the loaded one)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      const { page, errors } = await open(ctx, '#/fills?range=all');
      const total = await fillCount();
      expect(total).toBeGreaterThan(100);
      // The first page is loaded; the CSV walks the connection to the end.
      expect(await page.locator('hydra-fills hydra-table tbody tr').count()).toBe(100);
      const all = await download(page);
      expect(all[0]).toBe(
        'Time,Symbol,Side,Qty,Price,Notional,Comm.,Pred. bps,Actual bps,Δ bps,Dec→sub,Sub→ack,Ack→fill,Latency,Realized,Cycle,Exec id',
      );
      expect(all).toHaveLength(total + 1);

      // A filter (kept in the URL, so the link can be shared) narrows the export to what it selects.
      await page.locator('hydra-fills input[name="symbol"]').fill('msft');
      await page.locator('hydra-fills input[name="symbol"]').press('Enter');
      await page.locator('hydra-fills select[name="side"]').selectOption('BUY');
      await page.waitForFunction(
        () => location.hash.includes('side=BUY') && location.hash.includes('symbol=MSFT'),
      );
      await settle(page);
      const msftBuys = await fillCount({ symbol: 'MSFT', side: 'BUY' });
      expect(msftBuys).toBeGreaterThan(0);
      await page.waitForFunction((n) => {
        const fills = document.querySelector('hydra-app')?.shadowRoot?.querySelector('hydra-fills');
        return (
          fills?.shadowRoot?.querySelector('hydra-table')?.shadowRoot?.querySelectorAll('tbody tr').length ===
          n
        );
      }, msftBuys);
      const filtered = await download(page);
      expect(filtered).toHaveLength(msftBuys + 1);
      expect(filtered.slice(1).every((l) => l.split(',')[1] === 'MSFT' && l.split(',')[2] === 'BUY')).toBe(
        true,
      );

      // The shared link opens the same view.
      await page.reload();
      await settle(page);
      expect(await page.locator('hydra-fills input[name="symbol"]').inputValue()).toBe('MSFT');
      expect(await page.locator('hydra-fills hydra-table tbody tr').count()).toBe(msftBuys);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('loads the next keyset page when the reader scrolls to the end', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, errors } = await open(ctx, '#/fills?range=all');
      const total = await fillCount();
      expect(await page.locator('hydra-fills hydra-table tbody tr').count()).toBe(100);
      await page.locator('hydra-fills .sentinel').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (n) => {
          const fills = document.querySelector('hydra-app')?.shadowRoot?.querySelector('hydra-fills');
          return (
            (fills?.shadowRoot?.querySelector('hydra-table')?.shadowRoot?.querySelectorAll('tbody tr')
              .length ?? 0) >= n
          );
        },
        Math.min(total, 200),
      );
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe('the shell', () => {
  it('switches to the light theme and remembers it; the time range goes into the URL', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, errors } = await open(ctx, '#/overview');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.locator('hydra-app header .icon-btn').click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.locator('hydra-range button', { hasText: '1M' }).click();
      expect(page.url()).toContain('range=1m');
      await page.reload();
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      expect(await page.locator('hydra-range button[aria-pressed="true"]').textContent()).toContain('1M');
      // Links to other pages keep the range.
      expect(await page.locator('hydra-app nav a', { hasText: 'Drift' }).getAttribute('href')).toBe(
        '#/drift?range=1m',
      );
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
