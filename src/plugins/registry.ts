import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import { cachedUntilDataChanges } from '../db/data-version.js';
import type { Db } from '../db/open.js';
import { hydraError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { assembleSchema } from '../schema/assemble.js';
import { createPubSub, type PubSub } from '../schema/pubsub.js';
import { loadAlertsConfig } from './alerts/rules-file.js';
import { type BuiltinOptions, builtinPlugins } from './index.js';
import type { AnyPlugin, PluginHealth, RuntimeInfo, Stores } from './types.js';

/**
 * Checks the ordered list before anything runs: names unique and well-formed, every dependency present
 * and earlier in the list (so migrations, stores and hooks of a dependency always come first).
 */
export const checkPlugins = (plugins: readonly AnyPlugin[]): void => {
  const seen = new Set<string>();
  for (const [i, p] of plugins.entries()) {
    if (!p || typeof p.name !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(p.name)) {
      throw hydraError(
        'HYDRA_ERR_PLUGIN_LOAD',
        `plugin #${i + 1} has no valid name (lowercase letters, digits, dashes)`,
        { index: i },
      );
    }
    if (!Array.isArray(p.migrations) || typeof p.store !== 'function') {
      throw hydraError(
        'HYDRA_ERR_PLUGIN_LOAD',
        `plugin ${p.name} must have a migrations array and a store(db) function`,
        { plugin: p.name },
      );
    }
    if (seen.has(p.name)) {
      throw hydraError('HYDRA_ERR_PLUGIN_DUPLICATE', `plugin ${p.name} is listed twice`, { plugin: p.name });
    }
    for (const dep of p.dependsOn ?? []) {
      if (!seen.has(dep)) {
        const later = plugins.slice(i + 1).some((q) => q.name === dep);
        throw hydraError(
          'HYDRA_ERR_PLUGIN_DEPENDENCY',
          later
            ? `plugin ${p.name} depends on ${dep}, which comes after it: move ${dep} earlier in the list`
            : `plugin ${p.name} depends on ${dep}, which is not installed`,
          { plugin: p.name, dependency: dep },
        );
      }
    }
    seen.add(p.name);
  }
};

/** Loads HYDRA_PLUGINS entries: a path (relative to cwd) or a package name; default export or `plugin`. */
export const loadExtraPlugins = async (
  specs: readonly string[],
  cwd = process.cwd(),
): Promise<AnyPlugin[]> => {
  const out: AnyPlugin[] = [];
  for (const spec of specs) {
    const target =
      spec.startsWith('.') || path.isAbsolute(spec) ? pathToFileURL(path.resolve(cwd, spec)).href : spec;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(target)) as Record<string, unknown>;
    } catch (err) {
      throw hydraError(
        'HYDRA_ERR_PLUGIN_LOAD',
        `cannot load plugin module ${spec}: ${(err as Error).message}`,
        { spec },
        err,
      );
    }
    const exported = mod.default ?? mod.plugin;
    const plugin = typeof exported === 'function' ? (exported as () => unknown)() : exported;
    if (!plugin || typeof plugin !== 'object') {
      throw hydraError(
        'HYDRA_ERR_PLUGIN_LOAD',
        `plugin module ${spec} must export a plugin (or a factory) as default or as "plugin"`,
        { spec },
      );
    }
    out.push(plugin as AnyPlugin);
  }
  return out;
};

/** Built-in plugins followed by HYDRA_PLUGINS entries, checked for names and dependency order. */
export const resolvePlugins = async (
  extraSpecs: readonly string[],
  cwd = process.cwd(),
  builtin: BuiltinOptions = {},
): Promise<AnyPlugin[]> => {
  const plugins = [...builtinPlugins(builtin), ...(await loadExtraPlugins(extraSpecs, cwd))];
  checkPlugins(plugins);
  return plugins;
};

/**
 * How much of the alerts file a command reads: `full` (serve, check: channels and their secrets, refused
 * with file and line if wrong), `rules` (the alerts CLI: rules only, so a shell without the channel secrets
 * can still list and acknowledge), `none` (the cycle worker and other commands: the built-in rules; they
 * only need the plugin's tables).
 */
export type AlertsFileUse = 'full' | 'rules' | 'none';

/** The plugin list a configuration asks for: built-ins with its options, then HYDRA_PLUGINS. */
export const pluginsFor = (
  config: {
    plugins: readonly string[];
    drift: { referenceCycles: number; currentCycles: number };
    alerts?: { file: string | null };
  },
  alertsFile: AlertsFileUse = 'none',
) =>
  resolvePlugins(config.plugins, process.cwd(), {
    drift: config.drift,
    alerts: loadAlertsConfig(alertsFile === 'none' ? null : (config.alerts?.file ?? null), process.env, {
      secrets: alertsFile === 'full',
    }),
  });

/** One store per plugin on the given connection, each handed the stores of its declared dependencies. */
export const createStores = (plugins: readonly AnyPlugin[], db: Db): Map<string, unknown> => {
  const stores = new Map<string, unknown>();
  for (const p of plugins) {
    const deps: Record<string, unknown> = {};
    for (const d of p.dependsOn ?? []) deps[d] = stores.get(d);
    stores.set(p.name, p.store(db, deps));
  }
  return stores;
};

export const depsOf = (p: AnyPlugin, stores: Map<string, unknown>): Stores =>
  Object.fromEntries((p.dependsOn ?? []).map((d) => [d, stores.get(d)]));

/** Each plugin's own health check; one that throws is reported down with its error, not propagated. */
export const pluginHealth = (
  plugins: readonly AnyPlugin[],
  stores: Map<string, unknown>,
  now: Date,
): PluginHealth[] =>
  plugins.map((p) => {
    if (!p.health) return { name: p.name, status: 'ok', detail: 'no health check' };
    try {
      return { name: p.name, ...p.health(stores.get(p.name), now) };
    } catch (err) {
      return { name: p.name, status: 'down', detail: `health check failed: ${(err as Error).message}` };
    }
  });

export interface BuildSchemaOptions {
  db: Db;
  pubsub?: PubSub;
  log?: Logger;
  runtime?: Partial<RuntimeInfo>;
}

/**
 * Stores plus schema for a list of plugins: what the server runs, and what a plugin test runs with a
 * single plugin (`buildSchema([fillsPlugin()], { db })`).
 */
export const buildSchema = (
  plugins: readonly AnyPlugin[],
  opts: BuildSchemaOptions,
): { schema: GraphQLSchema; stores: Map<string, unknown>; pubsub: PubSub; runtime: RuntimeInfo } => {
  checkPlugins(plugins);
  const stores = createStores(plugins, opts.db);
  const pubsub = opts.pubsub ?? createPubSub();
  const log = opts.log ?? silentLogger();
  const now = opts.runtime?.now ?? (() => new Date());
  const runtime: RuntimeInfo = {
    version: '0.0.0',
    startedAt: now(),
    mode: 'SIMULATED',
    heartbeatMs: 15_000,
    now,
    // Health checks count whole tables (a million fills: ~160 ms); every status read and heartbeat asks.
    // A plugin's check may also read the clock: at most a minute old then.
    health: cachedUntilDataChanges(
      opts.db,
      () => pluginHealth(plugins, stores, now()),
      () => String(Math.floor(now().getTime() / 60_000)),
    ),
    ...opts.runtime,
  };
  const schema = assembleSchema(
    plugins.map((p) => ({
      name: p.name,
      contribute: (builder) =>
        p.schema?.(builder, {
          store: stores.get(p.name),
          stores: depsOf(p, stores),
          pubsub,
          log: log.child({ plugin: p.name }),
          runtime,
        }),
    })),
  );
  return { schema, stores, pubsub, runtime };
};
