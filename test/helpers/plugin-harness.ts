import { createYoga } from 'graphql-yoga';
import { runMigrations } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { createHookRunner } from '../../src/plugins/hooks.js';
import { buildSchema, createStores } from '../../src/plugins/registry.js';
import type { AnyPlugin, RuntimeInfo } from '../../src/plugins/types.js';

export interface GqlResult {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Plugins on an in-memory database: hooks to feed facts as the runner would, and a GraphQL executor through
 * yoga.fetch (no HTTP server). What every plugin test starts from.
 */
export const pluginHarness = (plugins: AnyPlugin[], runtime: Partial<RuntimeInfo> = {}) => {
  const db = openDatabase(':memory:');
  runMigrations(db, plugins);
  const stores = createStores(plugins, db);
  const hooks = createHookRunner(plugins, stores, db);
  const { schema, runtime: fullRuntime } = buildSchema(plugins, { db, runtime });
  const yoga = createYoga({ schema, logging: false });
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<GqlResult> => {
    const res = await yoga.fetch('http://t/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult;
  };
  return { db, stores, hooks, gql, runtime: fullRuntime };
};
