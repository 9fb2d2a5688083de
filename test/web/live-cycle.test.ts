import type { Browser, Page } from 'playwright-core';
import { FILL_FIELDS } from '../../web-components/lib/types.js';
import { startTestApp } from '../helpers/app.js';
import { wsClient } from '../helpers/graphql.js';
import { buildDashboard, launchBrowser, watchErrors } from './harness.js';
import { settle } from './page.js';

/**
 * The whole path with nothing synthetic: a cycle in a Bree worker against the built-in simulator commits its
 * fills, and the Fills page and the Overview show them without a reload. The delay reported is from the moment a
 * separate graphql-ws client receives the fill to the moment its row is on screen.
 */
let t: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({ HYDRA_SIM_DAY_SECONDS: '3600', HYDRA_UNIVERSE: 'AAPL,MSFT,XOM,NVDA' }, undefined, {
    trading: true,
    backfill: false,
  });
  buildDashboard(t.config.dataDir);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('shows the fills a real cycle commits on the Fills page and the Overview, live', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const client = wsClient(t.url);
  try {
    const pages: [string, Page][] = [];
    const errors: string[] = [];
    for (const [hash, tag] of [
      // The simulator trades its own calendar (the day after its last one), so the blotter shows every date.
      ['#/fills?range=all', 'hydra-fills'],
      ['#/overview', 'hydra-overview'],
    ] as const) {
      const page = await ctx.newPage();
      errors.push(...watchErrors(page));
      await page.goto(`${t.url}/${hash}`);
      await settle(page);
      await page.locator('hydra-app .conn[data-status="live"]').waitFor();
      pages.push([tag, page]);
    }
    const received = new Promise<{ id: string; at: number }>((resolve, reject) => {
      const dispose = client.subscribe<{ fillAdded: { id: string } }>(
        { query: `subscription { fillAdded { ${FILL_FIELDS} } }` },
        {
          next: (r) => {
            // The same fields the pages ask for: an error here is an error there.
            if (r.errors) reject(new Error(JSON.stringify(r.errors)));
            if (!r.data) return;
            dispose();
            resolve({ id: r.data.fillAdded.id, at: performance.now() });
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // Let the pages' and the client's subscriptions reach the server before the cycle starts.
    await new Promise((r) => setTimeout(r, 300));
    const run = t.app.trading!.scheduler.run('manual');
    const fill = await received;
    const delays = await Promise.all(
      pages.map(async ([tag, page]) => {
        await page.locator(`${tag} tr[data-key="${fill.id}"]`).waitFor({ timeout: 5_000 });
        return `${tag} ${Math.round(performance.now() - fill.at)} ms`;
      }),
    );
    console.log(`a real cycle's fill, received by a client → on screen: ${delays.join(', ')}`);
    await run;
    expect(errors).toEqual([]);
  } finally {
    await client.dispose();
    await ctx.close();
  }
}, 90_000);
