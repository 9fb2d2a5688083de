import { createYoga } from 'graphql-yoga';
import { loadConfig } from '../src/config.js';
import { openReadOnlyDatabase } from '../src/db/open.js';
import { builtinPlugins } from '../src/plugins/index.js';
import { buildSchema } from '../src/plugins/registry.js';
import { limitPlugins } from '../src/server/limits.js';
import { wsOnlySubscriptions } from '../src/server/ws-only-subscriptions.js';
import { fillsRequests } from './floor.js';

/**
 * A document with many cheap fields: where parsing and validating weigh most next to executing. Not `system`:
 * its status runs every plugin's health check, and the fills and reconciliation checks count every fill
 * (about 130 ms warm on the million-fill database, measured), which would drown what is measured here.
 */
const WIDE = JSON.stringify({
  query: `{ runner { state step } nextCycleAt
    cycles(first: 5) { edges { node { id status durationMs steps { name status durationMs } } } } }`,
});

export interface CacheRow {
  operation: string;
  cachedUs: number;
  uncachedUs: number;
}

/**
 * Scenario 2: what yoga's parse/validation cache buys. graphql-jit (compiled execution) is the usual next
 * step but is not a dependency, so it is not measured; this is the speed-up the installed packages offer. Two
 * yoga instances over the same schema, database and limit rules (graphql-armor validates too), one with the
 * cache (yoga's default, what the server runs) and one without, each answering in-process through fetch (no
 * socket), alternating rounds so drift hits both alike.
 */
export const benchParseCache = async (
  dbFile: string,
  n: { fills: number; wide: number },
): Promise<CacheRow[]> => {
  const db = openReadOnlyDatabase(dbFile);
  const config = loadConfig({});
  const { schema } = buildSchema(builtinPlugins(), { db, runtime: { mode: 'PAPER' } });
  const yoga = (parserAndValidationCache: boolean) =>
    createYoga({
      schema,
      logging: false,
      maskedErrors: { isDev: false },
      parserAndValidationCache,
      plugins: [...limitPlugins(config.limits), wsOnlySubscriptions()],
    });
  const cached = yoga(true);
  const uncached = yoga(false);
  const run = async (y: ReturnType<typeof yoga>, bodies: readonly string[]) => {
    const t = performance.now();
    for (const body of bodies) {
      const res = await y.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      if (text.includes('"errors"')) throw new Error(`scenario 2: ${text.slice(0, 300)}`);
    }
    return ((performance.now() - t) * 1000) / bodies.length;
  };
  const rows: CacheRow[] = [];
  for (const [operation, bodies] of [
    ['fills(first: 100, filter) (scenario 1)', fillsRequests(n.fills)],
    ['wide document, cheap fields', Array.from({ length: n.wide }, () => WIDE)],
  ] as const) {
    await run(cached, bodies.slice(0, 20));
    await run(uncached, bodies.slice(0, 20));
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 3; round++) {
      a.push(await run(cached, bodies));
      b.push(await run(uncached, bodies));
    }
    rows.push({ operation, cachedUs: Math.min(...a), uncachedUs: Math.min(...b) });
  }
  db.close();
  return rows;
};
