import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import { openDatabase, openReadOnlyDatabase } from '../../src/db/open.js';
import { silentLogger } from '../../src/log.js';
import { packageRoot } from '../../src/paths.js';
import { buildSchema } from '../../src/plugins/registry.js';
import type { AnyPlugin } from '../../src/plugins/types.js';
import { startServer } from '../../src/server/index.js';
import { startTestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createFactWriter } from './facts.js';
import { settle } from './page.js';

/** Debian's chromium, as toolchain.md §7 found it works here (no --user-data-dir: Playwright makes one). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.HYDRA_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

/** Builds the dashboard into `dir` with the real build script (same bundle, same budget check). */
export const buildDashboard = (dir: string): string =>
  execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'build-web.mjs'), dir], {
    stdio: 'pipe',
  }).toString('utf8');

export const DASHBOARD_ENV = {
  HYDRA_UNIVERSE: 'AAPL,MSFT,XOM,JPM,NVDA',
  // Short drift windows, so a few weeks of cycles already show feature drift.
  HYDRA_DRIFT_REFERENCE_CYCLES: '20',
  HYDRA_DRIFT_CURRENT_CYCLES: '10',
};

/**
 * The real server on port 0 (no trading: facts come through the hooks), serving a fresh build of the
 * dashboard from its own folder, with a fact writer attached.
 */
export const startDashboard = async (
  env: Record<string, string> = {},
  clock?: () => Date,
  opts: { alerts?: boolean } = {},
) => {
  const t = await startTestApp({ ...DASHBOARD_ENV, ...env }, undefined, {
    trading: false,
    ...(clock ? { clock } : {}),
    ...opts,
  });
  buildDashboard(t.config.dataDir);
  const facts = await createFactWriter(t.app, t.config);
  return {
    ...t,
    facts,
    stop: async () => {
      facts.close();
      await t.stop();
    },
  };
};

/** The phone every mobile test uses: a 390×844 touch screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** A new page at `url`, settled, with its console and page errors collected. */
export const openPage = async (
  ctx: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[] }> => {
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await settle(page);
  return { page, errors };
};

/** Console errors and uncaught page errors; a test expects none. */
export const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
};

/**
 * A server whose build has only some of the data sources (here: no reconciliation, drift or experiments), to
 * see the pages of the missing ones explain themselves instead of failing.
 */
export const startPartialServer = async (plugins: AnyPlugin[]) => {
  const dir = tempDir();
  const config = loadConfig({ HYDRA_DATA_DIR: dir.dir, HYDRA_PORT: '0', HYDRA_HOST: '127.0.0.1' });
  const writer = openDatabase(config.dbFile);
  runMigrations(writer, plugins);
  writer.close();
  const db = openReadOnlyDatabase(config.dbFile);
  const { schema, runtime } = buildSchema(plugins, { db, runtime: { mode: 'PAPER' } });
  buildDashboard(dir.dir);
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    schema,
    db,
    tracks: plugins,
    health: runtime.health,
    staticDir: dir.dir,
    log: silentLogger(),
    token: null,
    limits: config.limits,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.close();
      db.close();
      dir.remove();
    },
  };
};
