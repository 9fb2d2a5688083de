import type { AlertsConfig } from './alerts/config-types.js';
import { alertsPlugin } from './alerts/index.js';
import { driftPlugin } from './drift/index.js';
import { experimentsPlugin } from './experiments/index.js';
import { fillsPlugin } from './fills/index.js';
import { positionsPlugin } from './positions/index.js';
import { reconciliationPlugin } from './reconciliation/index.js';
import { systemPlugin } from './system/index.js';
import type { AnyPlugin } from './types.js';

/**
 * The built-in data sources, in order. Order = migration order = schema order = hook order; a plugin's
 * dependencies must come before it (checked at startup). HYDRA_PLUGINS entries are appended after these.
 */
export interface BuiltinOptions {
  drift?: { referenceCycles?: number; currentCycles?: number };
  /** The loaded alerts file; default the built-in rules. */
  alerts?: AlertsConfig;
}

export const builtinPlugins = (opts: BuiltinOptions = {}): AnyPlugin[] => [
  systemPlugin(),
  fillsPlugin(),
  positionsPlugin(),
  reconciliationPlugin(),
  driftPlugin(opts.drift),
  experimentsPlugin(),
  alertsPlugin(opts.alerts),
];
