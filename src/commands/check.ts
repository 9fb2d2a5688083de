import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { describeConfig, type Env, type HydraConfig, isLoopback, systemMode } from '../config.js';
import { pendingMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { errorMessage } from '../errors.js';
import { alertsConfigOf } from '../plugins/alerts/index.js';
import { pluginsFor } from '../plugins/registry.js';

interface Probe {
  what: string;
  ok: boolean;
  detail: string;
}

const canBind = (host: string, port: number): Promise<string | null> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EADDRINUSE' ? 'in use (is hydra already running?)' : err.message),
    );
    s.listen(port, host, () => s.close(() => resolve(null)));
  });

const canConnect = (host: string, port: number, timeoutMs = 3000): Promise<string | null> =>
  new Promise((resolve) => {
    const sock = new Socket();
    const done = (err: string | null) => {
      sock.destroy();
      resolve(err);
    };
    sock.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    sock.once('error', (err) => done(err.message));
    sock.connect(port, host, () => done(null));
  });

/** Prints the effective config (secrets masked) and probes what hydra needs; exit 1 if anything fails. */
export const checkCommand = async (
  config: HydraConfig,
  env: Env,
  out: (line: string) => void,
): Promise<number> => {
  out('Effective configuration:');
  for (const row of describeConfig(env))
    out(`  ${row.env.padEnd(24)} ${row.value.padEnd(36)} (${row.source})`);
  out('');
  const probes: Probe[] = [];
  out(
    `Mode: ${systemMode(config)}${config.ib.host === null ? ' (no HYDRA_IB_HOST: the built-in gateway simulator will be used)' : ''}`,
  );
  try {
    mkdirSync(config.dataDir, { recursive: true });
    accessSync(config.dataDir, constants.W_OK);
    probes.push({ what: 'data dir', ok: true, detail: `${config.dataDir} writable` });
  } catch (err) {
    probes.push({ what: 'data dir', ok: false, detail: `${config.dataDir}: ${errorMessage(err)}` });
  }
  try {
    const plugins = await pluginsFor(config, 'full');
    probes.push({ what: 'plugins', ok: true, detail: plugins.map((p) => p.name).join(', ') });
    const alerts = alertsConfigOf(plugins);
    const channels = Object.values(alerts.channels).map((c) => `${c.name} (${c.type})`);
    probes.push({
      what: 'alerts',
      ok: true,
      detail: `${alerts.rules.length} rules from ${alerts.file ?? 'the built-in defaults'}; ${channels.length > 0 ? `channels ${channels.join(', ')}` : 'no channels: dashboard only'}`,
    });
    if (existsSync(config.dbFile)) {
      const db = openDatabase(config.dbFile);
      try {
        const pending = pendingMigrations(db, plugins);
        probes.push({
          what: 'database',
          ok: true,
          detail:
            pending.length === 0
              ? `${config.dbFile} up to date`
              : `${config.dbFile}: migrations pending (${pending.map((p) => p.plugin).join(', ')}), applied at the next start`,
        });
      } finally {
        db.close();
      }
    } else {
      probes.push({
        what: 'database',
        ok: true,
        detail: `${config.dbFile} does not exist yet; created at the first start`,
      });
    }
  } catch (err) {
    probes.push({ what: 'database/plugins', ok: false, detail: errorMessage(err) });
  }
  const bind = await canBind(config.host, config.port);
  probes.push({
    what: 'listen',
    ok: bind === null,
    detail: `${config.host}:${config.port} ${bind ?? 'available'}`,
  });
  if (!isLoopback(config.host) && !config.apiToken && !config.allowInsecure) {
    probes.push({
      what: 'security',
      ok: false,
      detail: `${config.host} is not a loopback address and no HYDRA_API_TOKEN is set: anyone on the network could read your trading data`,
    });
  }
  if (config.ib.host !== null) {
    const ib = await canConnect(config.ib.host, config.ib.port);
    probes.push({
      what: 'IB Gateway',
      ok: ib === null,
      detail: `${config.ib.host}:${config.ib.port} ${ib === null ? 'reachable' : `unreachable: ${ib}`}`,
    });
  }
  const killFile = existsSync(config.killSwitch.file);
  probes.push({
    what: 'kill switch',
    ok: true,
    detail:
      config.killSwitch.env || killFile
        ? `ON (${config.killSwitch.env ? 'HYDRA_KILL_SWITCH' : config.killSwitch.file}): no new orders`
        : 'off',
  });
  out('Checks:');
  for (const p of probes) out(`  ${p.ok ? 'ok  ' : 'FAIL'} ${p.what.padEnd(16)} ${p.detail}`);
  return probes.every((p) => p.ok) ? 0 : 1;
};
