import type { RuntimeInfo } from '../types.js';
import { type IbSession, ibSession } from './ib-session.js';
import { nextCycleAt } from './schedule.js';
import type { SystemStore } from './store.js';

/** The IB session as of now, from the runtime's config and probe and the cycles' record; null without a gateway. */
export const sessionFor = (store: SystemStore, runtime: RuntimeInfo): IbSession | null => {
  const cfg = runtime.gateway;
  if (!cfg) return null;
  const now = runtime.now();
  return ibSession({
    now,
    simulated: cfg.host === null,
    target: cfg.host === null ? 'the built-in simulator' : `${cfg.host}:${cfg.port}`,
    restartTime: cfg.restartTime ?? null,
    tz: runtime.schedule?.tz ?? 'America/New_York',
    probe: runtime.gatewayProbe?.() ?? null,
    lastConnectedAt: store.gatewayLastConnectedAt(),
    nextCycleAt: runtime.schedule
      ? nextCycleAt(runtime.schedule, now, store.lastCycle()?.startedAt ?? null)
      : null,
  });
};
