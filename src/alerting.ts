import type { Registry } from 'prom-client';
import { openDatabase } from './db/open.js';
import type { Logger } from './log.js';
import type { AlertsConfig } from './plugins/alerts/config-types.js';
import { type AlertEngine, createAlertEngine } from './plugins/alerts/engine.js';
import { createDispatcher } from './plugins/alerts/notify/dispatcher.js';
import { createAlertsPluginStore } from './plugins/alerts/plugin-store.js';
import { alertSources } from './plugins/alerts/sources.js';
import { createSystemStore } from './plugins/system/store.js';
import type { RuntimeInfo } from './plugins/types.js';
import type { PubSub } from './schema/pubsub.js';

export interface Alerting {
  engine: AlertEngine;
  /** Wakes the dispatcher (tests, and after an evaluation enqueued something). */
  kick(): void;
  stop(): Promise<void>;
}

export interface AlertingOptions {
  config: AlertsConfig;
  dbFile: string;
  publicUrl: string | null;
  /** The read side's stores (system, reconciliation, drift): the conditions read through them. */
  stores: Map<string, unknown>;
  runtime: RuntimeInfo;
  registry: Registry | null;
  pubsub: PubSub;
  log: Logger;
}

/** Live events after which a rule may have changed: evaluate at once rather than at the next tick. */
const TRIGGERS = [
  'cycleUpdated',
  'systemStatus',
  'driftAlert',
  'riskDecision',
  'reconciliationUpdated',
] as const;

/**
 * The alert evaluator and the notification dispatcher, in the serving process. They write (rule states,
 * episodes, the outbox) on a connection of their own: the API's connection stays read-only by construction.
 */
export const startAlerting = (o: AlertingOptions): Alerting => {
  const log = o.log.child({ unit: 'alerts' });
  const db = openDatabase(o.dbFile);
  const { alerts: store, deliveries: outbox } = createAlertsPluginStore(db, createSystemStore(db));
  const dispatcher = createDispatcher({
    store: outbox,
    channels: o.config.channels,
    log,
    now: () => o.runtime.now(),
  });
  const engine = createAlertEngine({
    config: o.config,
    store,
    outbox,
    sources: alertSources(Object.fromEntries(o.stores), o.runtime, o.registry),
    log,
    publicUrl: o.publicUrl,
    onChange: (views) => {
      for (const v of views) o.pubsub.publish('alertChanged', v);
    },
    onEnqueued: () => dispatcher.kick(),
  });

  const listeners = TRIGGERS.map((topic) => {
    const it = o.pubsub.subscribe(topic);
    void (async () => {
      for await (const _ of it) engine.poke();
    })();
    return it;
  });

  dispatcher.start();
  engine.start();
  log.info(
    {
      rules: o.config.rules.length,
      channels: Object.keys(o.config.channels).length,
      file: o.config.file ?? 'built-in defaults',
    },
    'alerts evaluating',
  );

  let stopping: Promise<void> | null = null;
  return {
    engine,
    kick: () => dispatcher.kick(),
    stop: () => {
      stopping ??= (async () => {
        for (const it of listeners) await it.return?.();
        await engine.stop();
        await dispatcher.stop();
        db.close();
      })();
      return stopping;
    },
  };
};
