import type { Browser } from 'playwright-core';
import { weekdaysBefore } from '../../src/trading-dates.js';
import { launchBrowser, startDashboard, watchErrors } from './harness.js';

/**
 * The Overview over a year of history (one cycle per trading day, with its fills, equity and drift), opened
 * cold: the time until every panel shows data is reported, not asserted (timings on this machine are noisy).
 */
let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
let days: string[];

beforeAll(async () => {
  t = await startDashboard();
  days = weekdaysBefore(new Date().toISOString().slice(0, 10), 260);
  const t0 = performance.now();
  for (const [i, d] of days.entries()) t.facts.cycle(d, { vol: i >= 240 ? 2.6 : 1 });
  console.log(`wrote ${days.length} cycles in ${Math.round(performance.now() - t0)} ms`);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('shows a year of history on the Overview, every panel filled, with no console errors', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const started = performance.now();
    await page.goto(`${t.url}/#/overview?range=1y`);
    const panels = {
      status: 'hydra-overview .status-grid',
      equity: 'hydra-overview hydra-chart canvas',
      fills: 'hydra-overview hydra-table tbody tr',
    };
    const at: Record<string, number> = {};
    await Promise.all(
      Object.entries(panels).map(async ([name, selector]) => {
        await page.locator(selector).first().waitFor({ timeout: 15_000 });
        at[name] = Math.round(performance.now() - started);
      }),
    );
    const all = Math.max(...Object.values(at));
    console.log(
      `overview time to data with ${days.length} trading days: ${all} ms (status ${at.status}, equity ${at.equity}, fills ${at.fills}; budget 1500 ms)`,
    );
    // The equity curve holds the whole year the range asked for, not a page of it.
    const points = await page.evaluate(async (url) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($r: TimeRange) { equityCurve(range: $r) { tradingDate } }',
          variables: { r: { from: new Date(Date.now() - 366 * 86_400_000).toISOString() } },
        }),
      });
      return ((await res.json()) as { data: { equityCurve: unknown[] } }).data.equityCurve.length;
    }, t.url);
    expect(points).toBeGreaterThanOrEqual(250);
    expect(await page.locator('hydra-overview .status-grid .card').count()).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
  } finally {
    await ctx.close();
  }
}, 60_000);
