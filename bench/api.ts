import { isDeepStrictEqual } from 'node:util';
import { startChild } from './child.js';
import { fillsRequests } from './floor.js';
import { httpLoad, type LoadResult } from './http-load.js';

export type ApiServer = 'hydra' | 'raw' | 'raw-indexed';

export interface ApiRow {
  server: ApiServer;
  concurrency: number;
  r: LoadResult;
}

/**
 * Scenario 1: fills(first: 100, filter: {symbol, from, to}) over HTTP against the real server, beside a raw
 * node:http handler running the fills store's own statement (the floor) and one running a statement written for
 * this filter, at concurrency 1 and 32. Each server runs in its own process and is warmed up first (JIT, SQLite
 * page cache). The answers to the same few requests must be identical, or the comparison means nothing.
 */
export const benchApi = async (
  dataDir: string,
  dbFile: string,
  durationMs: number,
  execArgv: string[] = [],
) => {
  const bodies = fillsRequests(2_000);
  const rows: ApiRow[] = [];
  // Scenario 8's "at rest": RSS once started (the database open, nothing asked yet) and after the load.
  const rss = { hydra: { start: 0, after: 0 }, raw: { start: 0, after: 0 } };
  const answers = new Map<ApiServer, unknown[]>();
  for (const server of ['raw', 'raw-indexed', 'hydra'] as const) {
    const child = await startChild(
      server === 'hydra'
        ? { mode: 'hydra', dataDir }
        : { mode: 'raw-http', dbFile, sql: server === 'raw' ? 'store' : 'catch-all' },
      server === 'hydra' ? execArgv : [],
    );
    try {
      await new Promise((r) => setTimeout(r, 500));
      if (server !== 'raw-indexed') rss[server].start = await child.rss();
      answers.set(server, await Promise.all(bodies.slice(0, 3).map((b) => post(child.url, b))));
      await httpLoad(child.url, bodies, 8, Math.min(3_000, durationMs));
      for (const concurrency of [1, 32]) {
        rows.push({ server, concurrency, r: await httpLoad(child.url, bodies, concurrency, durationMs) });
      }
      await new Promise((r) => setTimeout(r, 500));
      if (server !== 'raw-indexed') rss[server].after = await child.rss();
    } finally {
      await child.stop();
    }
  }
  for (const other of ['raw', 'raw-indexed'] as const) {
    if (!isDeepStrictEqual(answers.get('hydra'), answers.get(other)))
      throw new Error(`scenario 1: the ${other} floor does not answer what hydra answers`);
  }
  return { rows, rss };
};

const post = async (url: string, body: string): Promise<unknown> => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  return res.json();
};
