import type { ReconStores } from '../reconciliation/hooks.js';
import type { ReconciliationStore } from '../reconciliation/store.js';
import { definePlugin, type MonitorPlugin } from '../types.js';
import { DRIFT_DEFAULTS, type DriftOptions } from './analyze.js';
import { type DriftStores, driftHooks } from './hooks.js';
import { driftMigrations } from './migrations.js';
import { driftSchema } from './schema.js';
import { createDriftStore } from './store.js';

export const driftPlugin = (opts: Partial<DriftOptions> = {}): MonitorPlugin<DriftStores> => {
  const o = { ...DRIFT_DEFAULTS, ...opts };
  return definePlugin({
    name: 'drift',
    // reconciliation: the slippage residuals the detectors watch come from its fills.
    dependsOn: ['reconciliation'],
    migrations: driftMigrations,
    store: (db, deps) => ({
      drift: createDriftStore(db),
      recon: (deps.reconciliation as ReconStores | undefined)?.recon as ReconciliationStore | undefined,
    }),
    schema: driftSchema,
    cycle: driftHooks(o),
    health: ({ drift }) => {
      const s = drift.latestSummary();
      if (!s)
        return {
          status: 'ok',
          detail: `no drift evaluation yet (the reference window needs ${o.referenceCycles} cycles)`,
        };
      return {
        status: s.status === 'alert' ? 'degraded' : 'ok',
        detail: `drift ${s.status} after ${s.cycleId}`,
        lastWriteAt: s.at,
      };
    },
  });
};
