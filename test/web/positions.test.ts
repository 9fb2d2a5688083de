import type { Browser, Page } from 'playwright-core';
import type { BookPositionFact } from '../../src/plugins/facts.js';
import { weekdaysBefore } from '../../src/trading-dates.js';
import { optionPosition } from '../helpers/book-facts.js';
import { launchBrowser, openPage, PHONE, startDashboard } from './harness.js';
import { horizontalOverflow } from './page.js';

/**
 * The Positions page against the real server: books written through the plugins' hooks (as the cycle worker
 * writes them), Chromium at desktop and phone widths. One XOM option has no Greeks from the gateway.
 */
let t: Awaited<ReturnType<typeof startDashboard>>;
let browser: Browser;
const days = weekdaysBefore(new Date().toISOString().slice(0, 10), 3);

const opt = optionPosition;
const BOOK: BookPositionFact[] = [
  opt({}),
  opt({
    conId: 2,
    right: 'P',
    strike: 380,
    quantity: -3,
    delta: -0.3,
    gamma: 0.01,
    vega: 0.35,
    theta: -0.05,
  }),
  opt({
    conId: 3,
    strike: 420,
    expiry: '21000115',
    quantity: 1,
    delta: 0.35,
    gamma: 0.008,
    vega: 0.5,
    theta: -0.03,
  }),
  opt({
    conId: 4,
    symbol: 'XOM',
    right: 'P',
    strike: 110,
    quantity: -1,
    underlyingPrice: 112,
    delta: null,
    gamma: null,
    vega: null,
    theta: null,
    impliedVol: null,
    marketPrice: null,
  }),
  opt({
    conId: 5,
    symbol: 'AAPL',
    secType: 'STK',
    right: null,
    strike: null,
    expiry: null,
    multiplier: 1,
    quantity: 50,
    avgCost: 190,
    marketPrice: 195,
    underlyingPrice: 195,
    delta: 1,
    gamma: 0,
    vega: 0,
    theta: 0,
    impliedVol: null,
  }),
];
const book = (date: string, positions: BookPositionFact[]) =>
  t.facts.write('onPositionsSnapshot', {
    cycleId: `${date}#1`,
    tradingDate: date,
    at: new Date(`${date}T21:45:00Z`),
    positions,
  });

beforeAll(async () => {
  t = await startDashboard();
  t.facts.cycle(days[0]!);
  book(days[0]!, BOOK.slice(0, 2));
  t.facts.cycle(days[1]!);
  book(days[1]!, BOOK);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const rowOf = (page: Page, text: string) =>
  page.locator('hydra-positions hydra-table tbody tr', { hasText: text });

describe('the Positions page', () => {
  it('shows each position with its Greeks, totals equal to their sum, missing Greeks as missing, and a heatmap', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(ctx, `${t.url}/#/positions`);
    await rowOf(page, 'MSFT').first().waitFor();
    expect(await page.locator('hydra-positions hydra-table tbody tr').count()).toBe(5);
    // Δ of the 400 call: 0.55 × 2 × 100.
    expect((await rowOf(page, '400 C').locator('td').nth(8).textContent())?.trim()).toBe('110.0');
    expect((await rowOf(page, 'XOM').textContent())?.match(/missing/g)?.length).toBe(4);
    // Delta card = 0.55·200 − 0.3·(−300) + 0.35·100 + 50 shares = 285; XOM left out and said so.
    const delta = page.locator('hydra-positions .stat', { hasText: 'Delta' });
    expect((await delta.locator('.value').textContent())?.trim()).toBe('285.0');
    expect(await delta.locator('.sub').textContent()).toContain('1 without Greeks, not in the totals');

    // Portfolio Greeks over time: both charts draw (two cycles recorded a book), neither says it is empty.
    await page.locator('hydra-positions hydra-chart canvas').nth(1).waitFor();
    expect(await page.locator('hydra-positions hydra-chart .empty').count()).toBe(0);

    // Heatmap of MSFT delta: two expiries × three strikes, the 400 call's cell 110.
    const cell = page.locator('hydra-positions .heat .cell[data-strike="400"]');
    await cell.waitFor();
    expect((await cell.textContent())?.trim()).toBe('110');
    expect(await page.locator('hydra-positions .heat .h[role="rowheader"]').count()).toBe(2);
    // Another Greek, another underlying: XOM has no Greeks, its only cell says missing.
    await page.locator('hydra-positions .picker select').nth(1).selectOption('VEGA');
    await page.locator('hydra-positions .heat .cell[data-strike="400"]', { hasText: '82' }).waitFor();
    expect(page.url()).toContain('greek=VEGA');
    await page.locator('hydra-positions .picker select').nth(0).selectOption('XOM');
    await page
      .locator('hydra-positions .heat .cell.gap[data-strike="110"]', { hasText: 'missing' })
      .waitFor();

    // The filters narrow the table and live in the URL.
    await page.locator('hydra-positions form select[name="type"]').selectOption('STK');
    await page.waitForFunction(() => location.hash.includes('type=STK'));
    expect(await page.locator('hydra-positions hydra-table tbody tr').count()).toBe(1);
    await page.locator('hydra-positions form select[name="type"]').selectOption('');

    // The next cycle's book arrives live: the AAPL stock is sold, delta drops by 50.
    book(days[2]!, BOOK.slice(0, 4));
    await page
      .locator('hydra-positions .stat', { hasText: 'Delta' })
      .locator('.value', { hasText: '235.0' })
      .waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('fits a phone: no horizontal scroll of the page, the navigation on screen', async () => {
    const ctx = await browser.newContext(PHONE);
    const { page, errors } = await openPage(ctx, `${t.url}/#/positions`);
    await rowOf(page, 'MSFT').first().waitFor();
    await page.locator('hydra-positions .heat .cell').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const nav = await page.locator('hydra-app nav').boundingBox();
    expect(nav && nav.x >= 0 && nav.x + nav.width <= 391).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
