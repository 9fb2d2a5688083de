import { type App, startApp } from '../../src/app.js';
import { type HydraConfig, loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { logSink } from './log-sink.js';
import { tempDir } from './temp-dir.js';

/**
 * The real app on 127.0.0.1 port 0 with a fresh data dir; `stop` closes it and removes the folder. Trading
 * (simulator + schedule) is off unless asked for, so server tests do not start cycles.
 */
export const startTestApp = async (
  env: Record<string, string> = {},
  log?: Logger,
  opts: { trading?: boolean; backfill?: boolean; clock?: () => Date; alerts?: boolean } = {},
) => {
  const tmp = tempDir();
  const config: HydraConfig = loadConfig({
    HYDRA_DATA_DIR: tmp.dir,
    HYDRA_PORT: '0',
    HYDRA_HOST: '127.0.0.1',
    ...env,
  });
  const sink = logSink();
  const app: App = await startApp({
    config,
    log: log ?? sink.log,
    staticDir: tmp.dir,
    trading: opts.trading ?? false,
    backfill: opts.backfill ?? false,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.alerts !== undefined ? { alerts: opts.alerts } : {}),
  });
  return {
    app,
    config,
    url: app.server.url,
    sink,
    stop: async () => {
      await app.close();
      tmp.remove();
    },
  };
};
