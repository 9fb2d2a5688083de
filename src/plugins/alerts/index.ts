import type { SystemStore } from '../system/store.js';
import { type AnyPlugin, definePlugin, type MonitorPlugin } from '../types.js';
import type { AlertsConfig } from './config-types.js';
import { alertsMigrations } from './migrations.js';
import { type AlertsPluginStore, createAlertsPluginStore } from './plugin-store.js';
import { loadAlertsConfig } from './rules-file.js';
import { alertsSchema } from './schema.js';
import { isFiring } from './state-machine.js';

/**
 * Alerts: rules over what the other plugins expose, their states and episodes, and the notification
 * outbox. The plugin is the read side and the tables; the evaluator and the dispatcher run in the serving
 * process on their own writer connection (src/alerting.ts), never in the API's read-only one.
 */
export type AlertsPlugin = MonitorPlugin<AlertsPluginStore> & { readonly alertsConfig: AlertsConfig };

export const alertsPlugin = (config: AlertsConfig = loadAlertsConfig(null)): AlertsPlugin => ({
  alertsConfig: config,
  ...definePlugin({
    name: 'alerts',
    dependsOn: ['system', 'reconciliation', 'drift'],
    migrations: alertsMigrations,
    store: (db, deps) => createAlertsPluginStore(db, deps.system as SystemStore),
    schema: (builder, deps) => alertsSchema(builder, deps, config),
    health: (store, now) => {
      const states = store.alerts.ruleStates();
      const firing = config.rules.filter((r) => {
        const s = states.get(r.id)?.state;
        return s !== undefined && isFiring(s);
      }).length;
      // Undelivered notifications of the last day degrade the plugin: someone is not being told.
      const failed = store.deliveries.failedSince(new Date(now.getTime() - 86_400_000));
      return {
        status: failed > 0 ? 'degraded' : 'ok',
        detail: `${config.rules.length} rules, ${firing} firing${failed > 0 ? `; ${failed} notifications could not be delivered in the last 24 h` : ''}`,
      };
    },
  }),
});

/** The rules the loaded alerts plugin was built with (the one file read at startup). */
export const alertsConfigOf = (plugins: readonly AnyPlugin[]): AlertsConfig =>
  (plugins.find((p) => p.name === 'alerts') as AlertsPlugin | undefined)?.alertsConfig ??
  loadAlertsConfig(null);
