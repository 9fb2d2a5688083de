import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/db/open.js';
import { createAlertsStore } from '../../src/plugins/alerts/store.js';
import { createSystemStore } from '../../src/plugins/system/store.js';
import { weekdaysBefore } from '../../src/trading-dates.js';
import { tempDir } from '../helpers/temp-dir.js';
import { launchBrowser, openPage, PHONE, startDashboard } from './harness.js';
import { horizontalOverflow, settle } from './page.js';

/**
 * The bell and the Alerts page against the real server with the alert evaluator running: a failed cycle
 * (written through the plugins' hooks, as the worker writes it) must light the bell without a reload, the
 * page must show the rule, its episode and acknowledgement, at desktop and phone widths.
 */
const files = tempDir();
let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
const days = weekdaysBefore(new Date().toISOString().slice(0, 10), 4);

beforeAll(async () => {
  const rules = path.join(files.dir, 'alerts.yml');
  writeFileSync(
    rules,
    'evaluateEvery: 200ms\nbuiltinRules: false\nrules:\n  - { id: cycle-failed, name: Cycle failed, when: { kind: cycle_failed }, severity: critical }\n  - { id: drift-alert, when: { kind: drift_status } }\n',
  );
  t = await startDashboard({ HYDRA_ALERTS_FILE: rules }, undefined, { alerts: true });
  t.facts.cycle(days[0]!);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  files.remove();
});

const bellCount = (page: import('playwright-core').Page) =>
  page.locator('hydra-app a.bell').getAttribute('data-firing', { timeout: 10_000 });

describe('alerts on the dashboard', () => {
  it('lights the bell live when a cycle fails, lists the episode, and clears when a cycle succeeds', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(ctx, `${t.url}/#/alerts`);
    expect(await bellCount(page)).toBe('0');
    await page.locator('hydra-alerts hydra-table tbody tr', { hasText: 'Cycle failed' }).first().waitFor();

    t.facts.cycle(days[1]!, { status: 'failed' });
    await page.locator('hydra-app a.bell[data-firing="1"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('hydra-app a.bell .count').textContent()).toBe('1');
    expect(await page.locator('hydra-app a.bell').getAttribute('aria-label')).toBe('1 alert firing');
    const row = page.locator('hydra-alerts hydra-table[heading="Rules"] tbody tr', {
      hasText: 'Cycle failed',
    });
    await row.locator('.chip', { hasText: 'ALERTING' }).waitFor({ timeout: 10_000 });
    await page
      .locator('hydra-alerts hydra-table[heading="History"] tbody tr', { hasText: 'still firing' })
      .waitFor();

    // Acknowledged elsewhere (the CLI writes this row): the bell turns from red to amber, the page names who.
    const db = openDatabase(t.config.dbFile);
    const acked = createAlertsStore(db, { system: createSystemStore(db) }).acknowledge(
      1,
      'ana',
      'on it',
      new Date(),
    );
    db.close();
    expect(acked?.acknowledgedBy).toBe('ana');
    await page.locator('hydra-app a.bell[data-unacked="0"][data-firing="1"]').waitFor({ timeout: 10_000 });
    await row.locator('.chip', { hasText: 'acked' }).waitFor({ timeout: 10_000 });
    await page.locator('hydra-alerts hydra-table[heading="History"] tbody tr', { hasText: 'ana' }).waitFor();

    t.facts.cycle(days[2]!);
    await page.locator('hydra-app a.bell[data-firing="0"]').waitFor({ timeout: 10_000 });
    await row.locator('.chip', { hasText: 'NORMAL' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('hydra-app a.bell .count').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('fits a phone: no horizontal scroll, the bell in the header, the tables readable', async () => {
    const ctx = await browser.newContext(PHONE);
    const { page, errors } = await openPage(ctx, `${t.url}/#/alerts`);
    await page.locator('hydra-alerts hydra-table tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const bell = await page.locator('hydra-app a.bell').boundingBox();
    expect(bell && bell.x + bell.width <= 390).toBe(true);
    // The bell links to this page from anywhere.
    await page.goto(`${t.url}/#/fills`);
    await settle(page);
    await page.locator('hydra-app a.bell').click();
    await page.locator('hydra-alerts').waitFor();
    expect(page.url()).toMatch(/#\/alerts/);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
