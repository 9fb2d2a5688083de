import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hydraError } from './errors.js';
import { parseRestartTime, type RestartTime } from './gateway/restart-time.js';

/**
 * Every setting comes from the environment (`HYDRA_*`). Secrets also accept `<NAME>_FILE` (Docker and
 * systemd secrets). The spec table below is the single source: parsing, `hydra check`, `--help` and the
 * README table all read it, so documentation cannot drift from behaviour.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export type TradingMode = 'paper' | 'live';
export type LogFormat = 'auto' | 'json' | 'pretty';

export interface ApiLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  wsMaxConnections: number;
  wsMaxSubscriptions: number;
}

export interface HydraConfig {
  dataDir: string;
  dbFile: string;
  host: string;
  port: number;
  logLevel: string;
  logFormat: LogFormat;
  apiToken: string | null;
  allowInsecure: boolean;
  plugins: readonly string[];
  heartbeatSeconds: number;
  limits: ApiLimits;
  ib: {
    /** null = no gateway configured: `hydra serve` starts the built-in simulator. */
    host: string | null;
    port: number;
    clientId: number;
    connectTimeoutSeconds: number;
    /** The gateway's daily auto-restart, in cycle.tz; null = none configured. */
    restartTime: RestartTime | null;
    /** Seconds between handshake probes of the gateway; 0 = no probe. */
    probeSeconds: number;
    tradingMode: TradingMode;
    allowLive: boolean;
  };
  sim: { seed: number; daySeconds: number; port: number };
  cycle: { cron: string; tz: string; timeoutSeconds: number; backfillDays: number };
  strategy: string;
  universe: readonly string[];
  drift: { referenceCycles: number; currentCycles: number };
  killSwitch: { env: boolean; file: string };
  alerts: {
    /** The rules and channels file; null = the built-in rules, shown on the dashboard only. */
    file: string | null;
    /** How the dashboard is reached from outside, for links in notifications; null = no link. */
    publicUrl: string | null;
  };
  /** The effective settings as `hydra check` prints them, secrets masked (taken when the config was loaded). */
  summary: readonly { env: string; value: string; source: string }[];
  /**
   * The HYDRA_* variables this config was loaded from, so a worker thread loads the very same config.
   * Holds secrets: never log it.
   */
  sourceEnv: Readonly<Record<string, string>>;
}

interface SettingSpec {
  env: string;
  doc: string;
  default: string;
  accepts: string;
  secret?: boolean;
  /** Unset means null (no default value applies). */
  optional?: boolean;
  /** Parses the raw string; returns the parsed value or throws `invalid(...)`. */
  parse: (raw: string) => unknown;
}

class Invalid extends Error {}
const invalid = (): never => {
  throw new Invalid();
};

const int =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^-?\d+$/.test(raw.trim())) invalid();
    const n = Number(raw);
    if (n < min || n > max) invalid();
    return n;
  };
const bool = (raw: string): boolean => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return invalid();
};
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T =>
    values.includes(raw as T) ? (raw as T) : invalid();
const nonEmpty = (raw: string): string => (raw.trim() === '' ? invalid() : raw.trim());
const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
const symbols = (raw: string): string[] => {
  const xs = list(raw).map((s) => s.toUpperCase());
  if (xs.length === 0 || xs.some((s) => !/^[A-Z][A-Z0-9.]{0,11}$/.test(s))) invalid();
  return xs;
};
const cron = (raw: string): string => (raw.trim().split(/\s+/).length === 5 ? raw.trim() : invalid());
const timeZone = (raw: string): string => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
    return raw;
  } catch {
    return invalid();
  }
};
const host = (raw: string): string => (/^[A-Za-z0-9.:_-]+$/.test(raw.trim()) ? raw.trim() : invalid());

export const SETTINGS: readonly SettingSpec[] = [
  {
    env: 'HYDRA_DATA_DIR',
    doc: 'Folder of the SQLite database (hydra.db)',
    default: './data',
    accepts: 'a folder path',
    parse: nonEmpty,
  },
  {
    env: 'HYDRA_HOST',
    doc: 'Address the HTTP/GraphQL server binds',
    default: '127.0.0.1',
    accepts: 'a host name or IP address',
    parse: host,
  },
  {
    env: 'HYDRA_PORT',
    doc: 'Port of the HTTP/GraphQL server (0 = any free port)',
    default: '8080',
    accepts: 'an integer 0-65535',
    parse: int(0, 65535),
  },
  {
    env: 'HYDRA_LOG_LEVEL',
    doc: 'Minimum level of log lines',
    default: 'info',
    accepts: 'fatal, error, warn, info, debug, trace or silent',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  {
    env: 'HYDRA_LOG_FORMAT',
    doc: 'Log format: pretty on a TTY with auto',
    default: 'auto',
    accepts: 'auto, json or pretty',
    parse: oneOf('auto', 'json', 'pretty'),
  },
  {
    env: 'HYDRA_API_TOKEN',
    doc: 'Bearer token required by the API and dashboard (also HYDRA_API_TOKEN_FILE)',
    default: '',
    accepts: 'at least 16 characters',
    secret: true,
    optional: true,
    parse: (raw) => (raw.trim().length >= 16 ? raw.trim() : invalid()),
  },
  {
    env: 'HYDRA_ALLOW_INSECURE',
    doc: 'Allow a non-loopback bind address without a token',
    default: '0',
    accepts: '1/0, true/false',
    parse: bool,
  },
  {
    env: 'HYDRA_PLUGINS',
    doc: 'Extra plugin modules appended to the built-in list (comma separated)',
    default: '',
    accepts: 'module paths or package names, comma separated',
    parse: list,
  },
  {
    env: 'HYDRA_GRAPHQL_MAX_DEPTH',
    doc: 'Deepest selection an operation may have',
    default: '12',
    accepts: 'an integer 2-50',
    parse: int(2, 50),
  },
  {
    env: 'HYDRA_GRAPHQL_MAX_ALIASES',
    doc: 'Most aliases in one operation',
    default: '15',
    accepts: 'an integer 0-500',
    parse: int(0, 500),
  },
  {
    env: 'HYDRA_GRAPHQL_MAX_COST',
    doc: 'Highest estimated cost of one operation (graphql-armor cost model)',
    default: '5000',
    accepts: 'an integer 100-1000000',
    parse: int(100, 1_000_000),
  },
  {
    env: 'HYDRA_GRAPHQL_MAX_TOKENS',
    doc: 'Most lexical tokens in one operation document',
    default: '2000',
    accepts: 'an integer 100-100000',
    parse: int(100, 100_000),
  },
  {
    env: 'HYDRA_WS_MAX_CONNECTIONS',
    doc: 'Most WebSocket connections at once',
    default: '2000',
    accepts: 'an integer 1-100000',
    parse: int(1, 100_000),
  },
  {
    env: 'HYDRA_WS_MAX_SUBSCRIPTIONS',
    doc: 'Most operations open on one WebSocket',
    default: '50',
    accepts: 'an integer 1-10000',
    parse: int(1, 10_000),
  },
  {
    env: 'HYDRA_HEARTBEAT_SECONDS',
    doc: 'Interval of the systemStatus heartbeat',
    default: '15',
    accepts: 'an integer 1-3600',
    parse: int(1, 3600),
  },
  {
    env: 'HYDRA_IB_HOST',
    doc: 'IB Gateway host; unset = start the built-in gateway simulator',
    default: '',
    accepts: 'a host name or IP address',
    optional: true,
    parse: host,
  },
  {
    env: 'HYDRA_IB_PORT',
    doc: 'IB Gateway API port (gateway paper 4002, live 4001; TWS paper 7497)',
    default: '4002',
    accepts: 'an integer 1-65535',
    parse: int(1, 65535),
  },
  {
    env: 'HYDRA_IB_CLIENT_ID',
    doc: 'Fixed TWS API client id of the cycle worker',
    default: '17',
    accepts: 'an integer 0-999999',
    parse: int(0, 999999),
  },
  {
    env: 'HYDRA_IB_CONNECT_TIMEOUT',
    doc: 'Seconds to wait for the gateway to finish the handshake (nextValidId)',
    default: '10',
    accepts: 'an integer 1-300',
    parse: int(1, 300),
  },
  {
    env: 'HYDRA_IB_RESTART_TIME',
    doc: "When IB Gateway restarts itself each day (IBC's AUTO_RESTART_TIME, in HYDRA_TZ); shown and checked against the cycle",
    default: '11:50 PM',
    accepts: 'a time as IBC writes it (11:50 PM), a 24-hour time (23:50), or none',
    parse: (raw) => {
      try {
        return parseRestartTime(raw);
      } catch {
        return invalid();
      }
    },
  },
  {
    env: 'HYDRA_IB_PROBE_SECONDS',
    doc: 'How often hydra checks between cycles that the gateway answers the API handshake (0 = never)',
    default: '60',
    accepts: 'an integer 0-3600',
    parse: int(0, 3600),
  },
  {
    env: 'HYDRA_TRADING_MODE',
    doc: 'The mode you intend; the cycle refuses to trade when port or account disagree',
    default: 'paper',
    accepts: 'paper or live',
    parse: oneOf('paper', 'live'),
  },
  {
    env: 'HYDRA_ALLOW_LIVE',
    doc: 'Allow trading a live (non-DU) account',
    default: '0',
    accepts: '1/0, true/false',
    parse: bool,
  },
  {
    env: 'HYDRA_SIM_SEED',
    doc: 'Seed of the built-in simulator market',
    default: '7',
    accepts: 'an integer 0-2147483647',
    parse: int(0, 2147483647),
  },
  {
    env: 'HYDRA_SIM_DAY_SECONDS',
    doc: 'Real seconds per simulated trading day (built-in simulator)',
    default: '60',
    accepts: 'an integer 1-86400',
    parse: int(1, 86400),
  },
  {
    env: 'HYDRA_SIM_PORT',
    doc: 'Port of the built-in simulator (0 = any free port)',
    default: '0',
    accepts: 'an integer 0-65535',
    parse: int(0, 65535),
  },
  {
    env: 'HYDRA_CYCLE_CRON',
    doc: 'When the daily cycle runs (cron, 5 fields, in HYDRA_TZ)',
    default: '30 16 * * 1-5',
    accepts: 'a 5-field cron expression',
    parse: cron,
  },
  {
    env: 'HYDRA_TZ',
    doc: 'Time zone of the exchange calendar and the cron',
    default: 'America/New_York',
    accepts: 'an IANA time zone',
    parse: timeZone,
  },
  {
    env: 'HYDRA_CYCLE_TIMEOUT',
    doc: 'Seconds after which a running cycle is stopped and marked failed',
    default: '900',
    accepts: 'an integer 10-86400',
    parse: int(10, 86400),
  },
  {
    env: 'HYDRA_BACKFILL_DAYS',
    doc: 'Simulated trading days backfilled on an empty database (simulator only)',
    default: '120',
    accepts: 'an integer 0-2000',
    parse: int(0, 2000),
  },
  {
    env: 'HYDRA_STRATEGY',
    doc: 'Strategy: "momentum" or a path/package of your own module',
    default: 'momentum',
    accepts: 'a module name or path',
    parse: nonEmpty,
  },
  {
    env: 'HYDRA_UNIVERSE',
    doc: 'Symbols traded by the cycle (comma separated)',
    default: 'AAPL,MSFT,AMZN,GOOGL,META,NVDA,JPM,XOM,JNJ,PG',
    accepts: 'ticker symbols, comma separated',
    parse: symbols,
  },
  {
    env: 'HYDRA_DRIFT_REFERENCE_CYCLES',
    doc: 'Cycles in the drift reference window (from the first cycle)',
    default: '60',
    accepts: 'an integer 5-10000',
    parse: int(5, 10_000),
  },
  {
    env: 'HYDRA_DRIFT_CURRENT_CYCLES',
    doc: 'Cycles in the current drift window',
    default: '20',
    accepts: 'an integer 1-10000',
    parse: int(1, 10_000),
  },
  {
    env: 'HYDRA_KILL_SWITCH',
    doc: 'Block all new orders',
    default: '0',
    accepts: '1/0, true/false',
    parse: bool,
  },
  {
    env: 'HYDRA_KILL_SWITCH_FILE',
    doc: 'A file whose existence blocks all new orders (its content is the reason)',
    default: '<data dir>/KILL',
    accepts: 'a file path',
    optional: true,
    parse: nonEmpty,
  },
  {
    env: 'HYDRA_ALERTS_FILE',
    doc: 'Alert rules and notification channels (YAML or JSON, format in src/plugins/alerts/ALERTS.md); unset = built-in rules, dashboard only',
    default: '',
    accepts: 'a file path',
    optional: true,
    parse: nonEmpty,
  },
  {
    env: 'HYDRA_PUBLIC_URL',
    doc: 'The address the dashboard is reached at from outside, for links in notifications',
    default: '',
    accepts: 'an http(s) URL, e.g. https://hydra.example.org',
    optional: true,
    parse: (raw: string): string => {
      try {
        const u = new URL(raw.trim());
        return u.protocol === 'http:' || u.protocol === 'https:' ? raw.trim().replace(/\/+$/, '') : invalid();
      } catch {
        return invalid();
      }
    },
  },
];

export interface ConfigProblem {
  env: string;
  value: string;
  accepts: string;
}

const readSecretFile = (env: string, file: string): string => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_CONFIG',
      `${env}_FILE=${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        problems: [{ env: `${env}_FILE`, value: file, accepts: 'a readable file' }],
      },
    );
  }
};

/** The raw string each setting takes: env, then `<NAME>_FILE` for secrets, then the default. */
const rawValues = (env: Env): Map<string, { raw: string; fromEnv: boolean }> => {
  const out = new Map<string, { raw: string; fromEnv: boolean }>();
  for (const s of SETTINGS) {
    const direct = env[s.env];
    const file = s.secret ? env[`${s.env}_FILE`] : undefined;
    if (direct !== undefined && direct !== '') out.set(s.env, { raw: direct, fromEnv: true });
    else if (file) out.set(s.env, { raw: readSecretFile(s.env, file), fromEnv: true });
    else out.set(s.env, { raw: s.default, fromEnv: false });
  }
  return out;
};

/**
 * Parses the environment into one typed config. Every invalid variable is reported at once (a trader fixing
 * a .env file should not discover problems one restart at a time); throws HYDRA_ERR_CONFIG with `problems`.
 */
export const loadConfig = (env: Env = process.env, cwd: string = process.cwd()): HydraConfig => {
  const raws = rawValues(env);
  const problems: ConfigProblem[] = [];
  const values = new Map<string, unknown>();
  for (const s of SETTINGS) {
    const { raw, fromEnv } = raws.get(s.env)!;
    if (!fromEnv && s.optional) {
      values.set(s.env, null);
      continue;
    }
    try {
      values.set(s.env, s.parse(raw));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      problems.push({ env: s.env, value: s.secret ? '[redacted]' : raw, accepts: s.accepts });
    }
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.env}=${JSON.stringify(p.value)}: expected ${p.accepts}`);
    throw hydraError('HYDRA_ERR_CONFIG', `invalid configuration:\n${lines.join('\n')}`, { problems });
  }
  const v = <T>(name: string): T => {
    // A typo here would silently yield undefined for a setting: fail loudly instead.
    if (!values.has(name)) throw new Error(`config: no setting ${name} in SETTINGS`);
    return values.get(name) as T;
  };
  const dataDir = path.resolve(cwd, v<string>('HYDRA_DATA_DIR'));
  return {
    dataDir,
    dbFile: path.join(dataDir, 'hydra.db'),
    host: v('HYDRA_HOST'),
    port: v('HYDRA_PORT'),
    logLevel: v('HYDRA_LOG_LEVEL'),
    logFormat: v('HYDRA_LOG_FORMAT'),
    apiToken: v<string | null>('HYDRA_API_TOKEN'),
    allowInsecure: v('HYDRA_ALLOW_INSECURE'),
    plugins: v('HYDRA_PLUGINS'),
    heartbeatSeconds: v('HYDRA_HEARTBEAT_SECONDS'),
    limits: {
      maxDepth: v('HYDRA_GRAPHQL_MAX_DEPTH'),
      maxAliases: v('HYDRA_GRAPHQL_MAX_ALIASES'),
      maxCost: v('HYDRA_GRAPHQL_MAX_COST'),
      maxTokens: v('HYDRA_GRAPHQL_MAX_TOKENS'),
      wsMaxConnections: v('HYDRA_WS_MAX_CONNECTIONS'),
      wsMaxSubscriptions: v('HYDRA_WS_MAX_SUBSCRIPTIONS'),
    },
    ib: {
      host: v<string | null>('HYDRA_IB_HOST'),
      port: v('HYDRA_IB_PORT'),
      clientId: v('HYDRA_IB_CLIENT_ID'),
      connectTimeoutSeconds: v('HYDRA_IB_CONNECT_TIMEOUT'),
      restartTime: v<RestartTime | null>('HYDRA_IB_RESTART_TIME'),
      probeSeconds: v('HYDRA_IB_PROBE_SECONDS'),
      tradingMode: v('HYDRA_TRADING_MODE'),
      allowLive: v('HYDRA_ALLOW_LIVE'),
    },
    sim: { seed: v('HYDRA_SIM_SEED'), daySeconds: v('HYDRA_SIM_DAY_SECONDS'), port: v('HYDRA_SIM_PORT') },
    cycle: {
      cron: v('HYDRA_CYCLE_CRON'),
      tz: v('HYDRA_TZ'),
      timeoutSeconds: v('HYDRA_CYCLE_TIMEOUT'),
      backfillDays: v('HYDRA_BACKFILL_DAYS'),
    },
    strategy: v('HYDRA_STRATEGY'),
    drift: {
      referenceCycles: v('HYDRA_DRIFT_REFERENCE_CYCLES'),
      currentCycles: v('HYDRA_DRIFT_CURRENT_CYCLES'),
    },
    universe: v('HYDRA_UNIVERSE'),
    killSwitch: {
      env: v('HYDRA_KILL_SWITCH'),
      file: path.resolve(cwd, v<string | null>('HYDRA_KILL_SWITCH_FILE') ?? path.join(dataDir, 'KILL')),
    },
    alerts: {
      file: ((f) => (f === null ? null : path.resolve(cwd, f)))(v<string | null>('HYDRA_ALERTS_FILE')),
      publicUrl: v<string | null>('HYDRA_PUBLIC_URL'),
    },
    summary: describeConfig(env),
    sourceEnv: Object.fromEntries(
      Object.entries(env).filter(
        (e): e is [string, string] => e[0].startsWith('HYDRA_') && e[1] !== undefined,
      ),
    ),
  };
};

/** What the system reports as its mode: SIMULATED when it trades against the built-in simulator. */
export type SystemMode = 'SIMULATED' | 'PAPER' | 'LIVE';
export const systemMode = (config: HydraConfig): SystemMode =>
  config.ib.host === null ? 'SIMULATED' : config.ib.tradingMode === 'live' ? 'LIVE' : 'PAPER';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopback = (hostName: string): boolean =>
  LOOPBACK.has(hostName) || hostName.startsWith('127.');

/** The effective settings as `env → shown value` rows, secrets masked: for `hydra check` and logs. */
export const describeConfig = (env: Env = process.env): { env: string; value: string; source: string }[] => {
  const raws = rawValues(env);
  return SETTINGS.map((s) => {
    const { raw, fromEnv } = raws.get(s.env)!;
    const source = fromEnv ? (s.secret && !env[s.env] ? `${s.env}_FILE` : 'env') : 'default';
    const shown = s.secret ? (raw === '' ? '(not set)' : '********') : raw === '' ? '(not set)' : raw;
    return { env: s.env, value: shown, source };
  });
};
