import type { Alerting } from './alerting.js';
import { type HydraConfig, isLoopback, systemMode } from './config.js';
import { runMigrations } from './db/migrate.js';
import { openDatabase, openReadOnlyDatabase } from './db/open.js';
import { hydraError } from './errors.js';
import { createGatewayWatch, type GatewayWatch } from './gateway/watch.js';
import type { Logger } from './log.js';
import { packageVersion, publicDir } from './paths.js';
import { alertsConfigOf } from './plugins/alerts/index.js';
import type { AlertsPluginStore } from './plugins/alerts/plugin-store.js';
import { isFiring } from './plugins/alerts/state-machine.js';
import { ruleViews } from './plugins/alerts/view.js';
import type { DriftStore } from './plugins/drift/store.js';
import { buildSchema, pluginsFor } from './plugins/registry.js';
import type { SystemStore } from './plugins/system/store.js';
import type { AnyPlugin, CycleSchedule } from './plugins/types.js';
import { killSwitchState } from './runner/kill-switch.js';
import { createPubSub, type PubSub } from './schema/pubsub.js';
import { type RunningServer, startServer } from './server/index.js';
import type { Trading } from './trading.js';

export interface App {
  server: RunningServer;
  pubsub: PubSub;
  plugins: readonly AnyPlugin[];
  stores: Map<string, unknown>;
  trading: Trading | null;
  alerting: Alerting | null;
  close(): Promise<void>;
}

/** Applies pending migrations on a short-lived writer connection; the caller learns what was applied. */
export const migrate = (config: HydraConfig, plugins: readonly AnyPlugin[]) => {
  const db = openDatabase(config.dbFile);
  try {
    return runMigrations(db, plugins);
  } finally {
    db.close();
  }
};

export const cycleSchedule = (config: HydraConfig): CycleSchedule =>
  config.ib.host === null
    ? {
        kind: 'interval',
        seconds: config.sim.daySeconds,
        tz: config.cycle.tz,
        timeoutSeconds: config.cycle.timeoutSeconds,
      }
    : {
        kind: 'cron',
        cron: config.cycle.cron,
        tz: config.cycle.tz,
        timeoutSeconds: config.cycle.timeoutSeconds,
      };

const driftStatusProbe = (drift: DriftStore | undefined) => () => {
  const status = drift?.latestSummary()?.status;
  return status === 'ok' || status === 'warn' || status === 'alert' ? status : null;
};

const alertRulesProbe = (plugins: readonly AnyPlugin[], store: AlertsPluginStore | undefined) => {
  if (!store) return undefined;
  const { rules } = alertsConfigOf(plugins);
  return () =>
    ruleViews(rules, store.alerts).map((v) => ({
      rule: v.rule.id,
      severity: v.rule.severity,
      firing: isFiring(v.state),
    }));
};

export interface StartOptions {
  config: HydraConfig;
  log: Logger;
  staticDir?: string;
  /** Start the simulator (when no gateway is configured) and the cycle schedule. @default true */
  trading?: boolean;
  /** Backfill simulated days on an empty database (HYDRA_BACKFILL_DAYS). @default true */
  backfill?: boolean;
  /** The clock the API reads "now" from (schedules, session windows); tests pin it. @default the real clock */
  clock?: () => Date;
  /** Evaluate alert rules and send notifications. @default the value of `trading` */
  alerts?: boolean;
}

/**
 * The composition root: migrations, then the read-only store side and the server, then trading. The
 * server and the runner never import each other; this function hands the runner's events to the pubsub.
 */
export const startApp = async ({
  config,
  log,
  staticDir = publicDir,
  trading = true,
  backfill = true,
  clock,
  alerts = trading,
}: StartOptions): Promise<App> => {
  if (!isLoopback(config.host) && config.apiToken === null && !config.allowInsecure) {
    throw hydraError(
      'HYDRA_ERR_CONFIG',
      `refusing to listen on ${config.host} without an API token: anyone who can reach it could read your positions and fills. Set HYDRA_API_TOKEN (or HYDRA_API_TOKEN_FILE), bind 127.0.0.1, or set HYDRA_ALLOW_INSECURE=1 if something else protects the port`,
      {
        problems: [
          {
            env: 'HYDRA_HOST',
            value: config.host,
            accepts: 'a loopback address, or any address with HYDRA_API_TOKEN set',
          },
        ],
      },
    );
  }
  const plugins = await pluginsFor(config, 'full');
  const migrated = migrate(config, plugins);
  if (migrated.applied.length > 0) {
    log.info({ applied: migrated.applied.map((m) => `${m.plugin}@${m.version}`) }, 'database migrated');
  }
  const reader = openReadOnlyDatabase(config.dbFile);
  let watch: GatewayWatch | null = null;
  const pubsub = createPubSub();
  const { schema, runtime, stores } = buildSchema(plugins, {
    db: reader,
    pubsub,
    log,
    runtime: {
      version: packageVersion(),
      startedAt: new Date(),
      ...(clock ? { now: clock } : {}),
      mode: systemMode(config),
      heartbeatMs: config.heartbeatSeconds * 1000,
      schedule: cycleSchedule(config),
      killSwitch: () => killSwitchState(config.killSwitch),
      gateway: {
        host: config.ib.host,
        port: config.ib.port,
        tradingMode: config.ib.tradingMode,
        restartTime: config.ib.restartTime,
      },
      gatewayProbe: () => watch?.state() ?? null,
      configSummary: () => [...config.summary],
    },
  });
  const server = await startServer({
    host: config.host,
    port: config.port,
    schema,
    db: reader,
    tracks: plugins,
    health: runtime.health,
    staticDir,
    log,
    token: config.apiToken,
    limits: config.limits,
    pubsub,
    probes: {
      driftStatus: driftStatusProbe((stores.get('drift') as { drift?: DriftStore } | undefined)?.drift),
      alertRules: alertRulesProbe(plugins, stores.get('alerts') as AlertsPluginStore | undefined),
    },
  });
  log.info(
    { url: `${server.url}/graphql`, mode: runtime.mode, db: config.dbFile },
    `hydra-monitor ${runtime.version} serving`,
  );

  let running: Trading | null = null;
  if (trading) {
    const system = stores.get('system') as SystemStore;
    const last = system.lastCycle();
    // Loaded only when trading: a read-only server (tests, `trading: false`) never loads the runner or simulator.
    const { startTrading } = await import('./trading.js');
    running = await startTrading({ config, log, pubsub, lastTradingDate: last?.tradingDate ?? null });
    const t = running;
    const empty = last === null;
    // Serve while backfilling: the API shows each backfilled day as it lands.
    void (async () => {
      try {
        if (t.sim && empty && backfill && config.cycle.backfillDays > 0)
          // The demo on a fresh database: HYDRA_BACKFILL_DAYS of trading, then a small option book to show by its Greeks.
          await t.backfill(config.cycle.backfillDays, { demoOptions: true });
        await t.scheduler.start();
      } catch (err) {
        log.error({ err }, 'trading failed to start');
      }
    })();
  }

  const target = running?.sim ?? (config.ib.host ? { host: config.ib.host, port: config.ib.port } : null);
  if (target && config.ib.probeSeconds > 0) {
    watch = createGatewayWatch({
      host: target.host,
      port: target.port,
      everyMs: config.ib.probeSeconds * 1000,
      timeoutMs: config.ib.connectTimeoutSeconds * 1000,
      log,
      onChange: () => pubsub.publish('systemStatus', { reason: 'gateway probe' }),
    });
  }

  // Loaded only when alerting, like trading: a read-only server never opens a writer connection.
  const alerting = alerts
    ? (await import('./alerting.js')).startAlerting({
        config: alertsConfigOf(plugins),
        dbFile: config.dbFile,
        publicUrl: config.alerts.publicUrl,
        stores,
        runtime,
        registry: server.metrics,
        pubsub,
        log,
      })
    : null;

  let closing: Promise<void> | null = null;
  return {
    server,
    pubsub,
    plugins,
    stores,
    trading: running,
    alerting,
    close: () => {
      closing ??= (async () => {
        watch?.stop();
        await alerting?.stop();
        await running?.stop();
        await server.close();
        reader.close();
      })();
      return closing;
    },
  };
};
