import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDashboard, launchBrowser } from '../test/web/harness.js';
import { startChild } from './child.js';
import { tradingDays } from './dataset.js';
import { median } from './stats.js';

/** The bundle budget scripts/build-web.mjs checks (gzip). */
export const BUDGET_GZIP = 60 * 1024;
/** What the Overview shows once it has data (test/web/dashboard.test.ts uses the same selector). */
const OVERVIEW_DATA = 'hydra-overview hydra-chart canvas';

/**
 * gzip bytes of what opening the dashboard loads: the JavaScript as the build script counts it (the shell,
 * the Overview page and their chunks; other pages load on demand), the CSS and the HTML.
 */
export const bundleSize = (staticDir: string) => {
  const report = buildDashboard(staticDir);
  const m = report.match(/opening [\d.]+ KB minified, ([\d.]+) KB gzip/);
  if (!m) throw new Error(`the build did not report its size: ${report}`);
  const gz = (f: string) => gzipSync(readFileSync(path.join(staticDir, f)), { level: 9 }).length;
  return { js: Math.round(Number(m[1]) * 1024), css: gz('dashboard.css'), html: gz('index.html') };
};

/**
 * Scenario 7: ms from navigation to the Overview's first data in headless Chromium (a fresh browser context
 * each time: no cache, a new graphql-ws connection), median of `runs`, against the database in `dataDir`.
 */
export const timeToFirstData = async (
  dataDir: string,
  staticDir: string,
  runs: number,
  execArgv: string[] = [],
): Promise<number> => {
  const child = await startChild({ mode: 'hydra', dataDir, staticDir }, execArgv);
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const ctx = await browser.newContext();
      // The dashboard's default range (3 months) counts back from the browser's now: pin it to the evening of
      // the dataset's last day, as if the reader opened it then.
      await ctx.clock.setFixedTime(new Date(`${tradingDays().at(-1)}T22:00:00.000Z`));
      const page = await ctx.newPage();
      const t = performance.now();
      await page.goto(`${child.url}/#/overview`);
      await page.locator(OVERVIEW_DATA).first().waitFor({ timeout: 30_000 });
      // The first load warms the server (JIT, SQLite pages) and is not counted.
      if (i > 0) times.push(performance.now() - t);
      await ctx.close();
    }
    return median(times);
  } finally {
    await browser.close();
    await child.stop();
  }
};
