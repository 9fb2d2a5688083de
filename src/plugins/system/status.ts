import type { SystemMode } from '../../config.js';
import type { PluginHealth, RuntimeInfo } from '../types.js';

export interface SystemStatus {
  version: string;
  startedAt: Date;
  uptimeSeconds: number;
  mode: SystemMode;
  plugins: PluginHealth[];
  /** Worst plugin status: what a badge shows at a glance. */
  status: PluginHealth['status'];
  /** What the operator should act on before the next cycle (the IB session, ...). */
  warnings: string[];
  at: Date;
}

const RANK = { ok: 0, degraded: 1, down: 2 } as const;

export const systemStatus = (runtime: RuntimeInfo, warnings: string[] = []): SystemStatus => {
  const now = runtime.now();
  const plugins = runtime.health();
  const status = plugins.reduce<PluginHealth['status']>(
    (w, p) => (RANK[p.status] > RANK[w] ? p.status : w),
    'ok',
  );
  return {
    version: runtime.version,
    startedAt: runtime.startedAt,
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - runtime.startedAt.getTime()) / 1000)),
    mode: runtime.mode,
    plugins,
    status,
    warnings,
    at: now,
  };
};

/** A stable fingerprint of what matters for "did the status change?" (not the clock fields). */
export const statusFingerprint = (s: SystemStatus): string =>
  JSON.stringify([s.mode, s.status, s.warnings, s.plugins.map((p) => [p.name, p.status, p.detail])]);
