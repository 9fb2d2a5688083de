import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { hydraError } from '../../errors.js';
import type {
  AlertsConfig,
  Channel,
  Condition,
  NoDataPolicy,
  RetryPolicy,
  Rule,
  Severity,
} from './config-types.js';
import {
  DEFAULT_EVALUATE_EVERY_SECONDS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  DEFAULT_RULES,
  defaultAlertsConfig,
} from './defaults.js';
import { parseDuration } from './duration.js';

/** One thing wrong with the alerts file, where it is and what would be right. */
export interface AlertsProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

type Env = Readonly<Record<string, string | undefined>>;
type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const NODATA: readonly NoDataPolicy[] = ['nodata', 'ok', 'alerting'];
const KINDS = [
  'cycle_failed',
  'cycle_missed',
  'drift_status',
  'risk_block',
  'position_break',
  'gateway',
  'data_freshness',
  'plugin_health',
  'metric',
] as const;
const CHANNEL_TYPES = ['webhook', 'slack', 'discord', 'telegram', 'email'] as const;
const GATEWAY_CODES = [
  'unreachable',
  'not_logged_in',
  'two_factor_due',
  'cycle_in_reset_window',
  'cycle_near_restart',
];
const OPS = ['>', '>=', '<', '<=', '==', '!='] as const;

const pathText = (p: Path): string =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
};
const suggest = (got: string, options: readonly string[]): string => {
  const near = options.find((o) => distance(got.toLowerCase(), o.toLowerCase()) <= 2);
  return near ? ` (did you mean "${near}"?)` : '';
};

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses and validates an alerts file. Every problem is collected (a trader fixing the file should not
 * find them one restart at a time), then one HYDRA_ERR_CONFIG names the file, line, column and reason of each.
 * Secrets are read from the environment or from files the entries name, and never appear in a message.
 */
export interface ParseOptions {
  /** false: leave secrets unresolved (empty) and unchecked: for commands that only need the rules. @default true */
  secrets?: boolean;
}

export const parseAlertsConfig = (
  text: string,
  file: string,
  env: Env = process.env,
  opts: ParseOptions = {},
): AlertsConfig => {
  const resolveSecrets = opts.secrets ?? true;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const problems: AlertsProblem[] = [];

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = lc.linePos(e.pos[0]);
      problems.push({
        file,
        line: at.line,
        column: at.col,
        path: '',
        message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`,
      });
    }
    return fail(problems);
  }

  const pos = (path: Path): { line: number; col: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lc.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  /** Where a key itself is written (not its value): what an "unknown key" points at. */
  const keyPos = (path: Path, key: string): { line: number; col: number } => {
    const parent = doc.getIn(path, true) as
      | { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] }
      | undefined;
    const k = parent?.items?.find((i) => i.key?.value === key)?.key;
    return k?.range ? lc.linePos(k.range[0]) : pos([...path, key]);
  };
  const problem = (path: Path, message: string, at = pos(path)) => {
    const p = at;
    problems.push({ file, line: p.line, column: p.col, path: pathText(path), message });
  };
  const lineOf = (path: Path) => pos(path).line;

  // --- small typed readers; each reports what it expected and returns a fallback ----------------------
  const keys = (o: Obj, path: Path, allowed: readonly string[]) => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        problem(
          [...path, k],
          `unknown key "${k}"${suggest(k, allowed)}; expected one of ${allowed.join(', ')}`,
          keyPos(path, k),
        );
  };
  const obj = (v: unknown, path: Path, what: string): Obj | null => {
    if (isObj(v)) return v;
    problem(
      path,
      `${what} must be a mapping (key: value), got ${v === null ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v}`,
    );
    return null;
  };
  const str = (
    o: Obj,
    k: string,
    path: Path,
    fallback: string | null,
    re?: RegExp,
    hint?: string,
  ): string | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required${hint ? `: ${hint}` : ''}`);
      return fallback;
    }
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || s.trim() === '' || (re && !re.test(s.trim()))) {
      problem([...path, k], `"${k}" must be ${hint ?? 'a non-empty string'}, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return s.trim();
  };
  const oneOf = <T extends string>(
    o: Obj,
    k: string,
    path: Path,
    options: readonly T[],
    fallback: T | null,
  ): T | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required; expected one of ${options.join(', ')}`);
      return fallback;
    }
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    problem(
      [...path, k],
      `${k} "${String(v)}" is not known${suggest(String(v), options)}; expected one of ${options.join(', ')}`,
    );
    return fallback;
  };
  const list = <T extends string>(
    o: Obj,
    k: string,
    path: Path,
    options: readonly T[] | null,
    fallback: readonly T[],
  ): T[] => {
    const v = o[k];
    if (v === undefined || v === null) return [...fallback];
    const xs = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(xs) || xs.some((x) => typeof x !== 'string')) {
      problem([...path, k], `"${k}" must be a list of names, got ${JSON.stringify(v)}`);
      return [...fallback];
    }
    if (options)
      xs.forEach((x, i) => {
        if (!(options as readonly string[]).includes(x))
          problem(
            [...path, k, i],
            `"${x}" is not known${suggest(x, options)}; expected one of ${options.join(', ')}`,
          );
      });
    return xs as T[];
  };
  const duration = (o: Obj, k: string, path: Path, fallback: number): number => {
    const v = o[k];
    if (v === undefined || v === null) return fallback;
    const s = parseDuration(v);
    if (s === null) {
      problem(
        [...path, k],
        `${k} ${JSON.stringify(v)} is not a duration; write e.g. 30s, 5m, 1h30m, 2d or a number of seconds`,
      );
      return fallback;
    }
    return s;
  };
  const number = (
    o: Obj,
    k: string,
    path: Path,
    fallback: number | null,
    min = Number.NEGATIVE_INFINITY,
    int = false,
  ): number | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required (a number)`);
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (int && !Number.isInteger(v))) {
      problem(
        [...path, k],
        `"${k}" must be ${int ? 'an integer' : 'a number'}${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}, got ${JSON.stringify(v)}`,
      );
      return fallback;
    }
    return v;
  };
  /** A secret given as `<base>` (when inline is allowed), `<base>Env` or `<base>File`; its value is never echoed. */
  const secret = (
    o: Obj,
    base: string,
    path: Path,
    opts: { inline: boolean; required: boolean; why?: string },
  ): string | null => {
    const given = [base, `${base}Env`, `${base}File`].filter((k) => o[k] !== undefined && o[k] !== null);
    if (given.length > 1) {
      problem([...path, given[1]!], `give only one of ${given.join(', ')}`);
      return null;
    }
    if (given.length === 0) {
      if (opts.required)
        problem(path, `${opts.inline ? `"${base}", ` : ''}"${base}Env" or "${base}File" is required`);
      return null;
    }
    const k = given[0]!;
    const v = o[k];
    if (typeof v !== 'string' || v.trim() === '') {
      problem([...path, k], `"${k}" must be a non-empty string`);
      return null;
    }
    if (k === base) {
      if (!opts.inline) {
        problem(
          [...path, k],
          `"${k}" must not be written into the file${opts.why ? ` (${opts.why})` : ''}: use "${base}Env" or "${base}File"`,
        );
        return null;
      }
      return v.trim();
    }
    if (!resolveSecrets) return '';
    if (k.endsWith('Env')) {
      const value = env[v.trim()];
      if (value === undefined || value.trim() === '') {
        problem([...path, k], `environment variable ${v.trim()} (named by "${k}") is not set or empty`);
        return null;
      }
      return value.trim();
    }
    try {
      return readFileSync(v.trim(), 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      problem(
        [...path, k],
        `cannot read ${v.trim()} (named by "${k}"): ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
      return null;
    }
  };
  const httpUrl = (o: Obj, base: string, path: Path, inline: boolean): string => {
    const url = secret(o, base, path, { inline, required: true });
    if (url === null || (url === '' && !resolveSecrets)) return url ?? '';
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') return url;
    } catch {}
    // The URL may be the secret: say where it came from, not what it is.
    problem(
      [...path, [base, `${base}Env`, `${base}File`].find((k) => o[k] != null) ?? base],
      `${base} must be an http(s) URL`,
    );
    return '';
  };

  // --- the document ---------------------------------------------------------------------------------
  const root = doc.toJS({ maxAliasCount: 50 }) as unknown;
  const top = obj(root ?? {}, [], 'the alerts file');
  if (!top) return fail(problems);
  keys(top, [], ['evaluateEvery', 'defaults', 'builtinRules', 'channels', 'rules']);

  const evaluateEverySeconds = duration(top, 'evaluateEvery', [], DEFAULT_EVALUATE_EVERY_SECONDS);
  if (evaluateEverySeconds <= 0) problem(['evaluateEvery'], 'evaluateEvery must be more than 0s');

  const d = top.defaults === undefined ? {} : (obj(top.defaults, ['defaults'], 'defaults') ?? {});
  keys(
    d,
    ['defaults'],
    ['pendingFor', 'keepFiringFor', 'noData', 'severity', 'notify', 'rateLimit', 'retry', 'timeout'],
  );
  const rateLimitOf = (o: Obj, path: Path, fallback: Rule['rateLimit']): Rule['rateLimit'] => {
    if (o.rateLimit === undefined) return fallback;
    const r = obj(o.rateLimit, [...path, 'rateLimit'], 'rateLimit');
    if (!r) return fallback;
    keys(r, [...path, 'rateLimit'], ['max', 'per']);
    return {
      max: number(r, 'max', [...path, 'rateLimit'], fallback.max, 1, true)!,
      perSeconds: duration(r, 'per', [...path, 'rateLimit'], fallback.perSeconds),
    };
  };
  const retryOf = (o: Obj, path: Path, fallback: RetryPolicy): RetryPolicy => {
    if (o.retry === undefined) return fallback;
    const r = obj(o.retry, [...path, 'retry'], 'retry');
    if (!r) return fallback;
    keys(r, [...path, 'retry'], ['initialDelay', 'maxDelay', 'maxAttempts']);
    return {
      initialDelaySeconds: duration(r, 'initialDelay', [...path, 'retry'], fallback.initialDelaySeconds),
      maxDelaySeconds: duration(r, 'maxDelay', [...path, 'retry'], fallback.maxDelaySeconds),
      maxAttempts: number(r, 'maxAttempts', [...path, 'retry'], fallback.maxAttempts, 1, true)!,
    };
  };
  const defaults = {
    pendingSeconds: duration(d, 'pendingFor', ['defaults'], 0),
    keepFiringSeconds: duration(d, 'keepFiringFor', ['defaults'], 0),
    noData: oneOf(d, 'noData', ['defaults'], NODATA, 'nodata')!,
    severity: oneOf(d, 'severity', ['defaults'], SEVERITIES, 'warning')!,
    notify: list(d, 'notify', ['defaults'], null, []),
    rateLimit: rateLimitOf(d, ['defaults'], DEFAULT_RATE_LIMIT),
    retry: retryOf(d, ['defaults'], DEFAULT_RETRY),
    timeoutSeconds: duration(d, 'timeout', ['defaults'], 10),
  };

  // --- channels --------------------------------------------------------------------------------------
  const channels: Record<string, Channel> = {};
  const rawChannels = top.channels === undefined ? {} : (obj(top.channels, ['channels'], 'channels') ?? {});
  for (const [name, raw] of Object.entries(rawChannels)) {
    const path = ['channels', name];
    if (!ID.test(name)) problem(path, `channel name "${name}" must be lower-case letters, digits, - or _`);
    const c = obj(raw, path, `channel ${name}`);
    if (!c) continue;
    const type = oneOf(c, 'type', path, CHANNEL_TYPES, null);
    const base = {
      name,
      severities: list(c, 'severities', path, SEVERITIES, SEVERITIES),
      retry: retryOf(c, path, defaults.retry),
      timeoutSeconds: duration(c, 'timeout', path, defaults.timeoutSeconds),
      line: lineOf(path),
    };
    const common = ['type', 'severities', 'retry', 'timeout'];
    switch (type) {
      case 'webhook': {
        keys(c, path, [
          ...common,
          'url',
          'urlEnv',
          'urlFile',
          'secret',
          'secretEnv',
          'secretFile',
          'headers',
        ]);
        const headers: Record<string, string> = {};
        if (c.headers !== undefined) {
          const h = obj(c.headers, [...path, 'headers'], 'headers');
          for (const [k, v] of Object.entries(h ?? {})) {
            if (typeof v !== 'string' || !/^[A-Za-z0-9-]+$/.test(k))
              problem([...path, 'headers', k], 'headers must map header names to strings');
            else headers[k] = v;
          }
        }
        channels[name] = {
          ...base,
          type,
          url: httpUrl(c, 'url', path, true),
          secret: secret(c, 'secret', path, { inline: true, required: false }),
          headers,
        };
        break;
      }
      case 'slack':
      case 'discord':
        keys(c, path, [...common, 'url', 'urlEnv', 'urlFile']);
        channels[name] = { ...base, type, url: httpUrl(c, 'url', path, true) };
        break;
      case 'telegram': {
        keys(c, path, [...common, 'botToken', 'botTokenEnv', 'botTokenFile', 'chatId', 'apiUrl']);
        const botToken =
          secret(c, 'botToken', path, {
            inline: false,
            required: true,
            why: 'a bot token in a file that gets copied and committed is a leaked bot',
          }) ?? '';
        const apiUrl = str(
          c,
          'apiUrl',
          path,
          'https://api.telegram.org',
          /^https?:\/\/\S+$/,
          'an http(s) URL',
        )!;
        channels[name] = {
          ...base,
          type,
          botToken,
          chatId: str(c, 'chatId', path, null, /^-?\d+$|^@\w+$/, 'a numeric chat id (or @channelname)') ?? '',
          apiUrl: apiUrl.replace(/\/+$/, ''),
        };
        break;
      }
      case 'email': {
        keys(c, path, [
          ...common,
          'host',
          'port',
          'secure',
          'user',
          'password',
          'passwordEnv',
          'passwordFile',
          'from',
          'to',
        ]);
        const port = number(c, 'port', path, 587, 1, true)!;
        const secure = c.secure === undefined ? port === 465 : c.secure;
        if (typeof secure !== 'boolean') problem([...path, 'secure'], '"secure" must be true or false');
        const to = list(c, 'to', path, null, []);
        if (to.length === 0) problem(path, '"to" is required: one address or a list');
        for (const [i, a] of to.entries())
          if (!/^[^@\s]+@[^@\s]+$/.test(a)) problem([...path, 'to', i], `"${a}" is not an e-mail address`);
        channels[name] = {
          ...base,
          type,
          host: str(c, 'host', path, null, /^[A-Za-z0-9.:-]+$/, 'the SMTP server host name') ?? '',
          port,
          secure: secure === true,
          user: str(c, 'user', path, '') || null,
          password: secret(c, 'password', path, { inline: true, required: false }),
          from: str(c, 'from', path, null, /^[^@\s]+@[^@\s]+$|<[^@\s]+@[^@\s]+>$/, 'a sender address') ?? '',
          to,
        };
        break;
      }
      default:
        break;
    }
  }
  const channelNames = Object.keys(rawChannels);

  // --- rules -----------------------------------------------------------------------------------------
  const condition = (raw: unknown, path: Path): Condition | null => {
    const c = obj(raw, path, 'when');
    if (!c) return null;
    const kind = oneOf(c, 'kind', path, KINDS, null);
    const only = (...allowed: string[]) => keys(c, path, ['kind', ...allowed]);
    switch (kind) {
      case 'cycle_failed':
        only('statuses');
        return {
          kind,
          statuses: list(c, 'statuses', path, ['failed', 'partial', 'refused'] as const, [
            'failed',
            'refused',
          ]),
        };
      case 'cycle_missed':
        only('minMissed');
        return { kind, minMissed: number(c, 'minMissed', path, 1, 1, true)! };
      case 'drift_status':
        only('atLeast');
        return { kind, atLeast: oneOf(c, 'atLeast', path, ['warn', 'alert'] as const, 'alert')! };
      case 'risk_block': {
        only('decisions', 'rules');
        const rules = c.rules === undefined ? null : list(c, 'rules', path, null, []);
        return { kind, decisions: list(c, 'decisions', path, ['block', 'clip'] as const, ['block']), rules };
      }
      case 'position_break':
        only();
        return { kind };
      case 'gateway': {
        only('unreachable', 'warnings');
        const unreachable = c.unreachable ?? false;
        if (typeof unreachable !== 'boolean')
          problem([...path, 'unreachable'], '"unreachable" must be true or false');
        const warnings =
          c.warnings === undefined
            ? unreachable === true
              ? []
              : null
            : list(c, 'warnings', path, GATEWAY_CODES, []);
        return { kind, unreachable: unreachable === true, warnings };
      }
      case 'data_freshness': {
        only('plugin', 'maxAge');
        const maxAge = c.maxAge === undefined ? null : duration(c, 'maxAge', path, 0);
        return {
          kind,
          plugin: str(c, 'plugin', path, null, ID, 'a plugin name (fills, drift, …)') ?? '',
          maxAgeSeconds: maxAge,
        };
      }
      case 'plugin_health':
        only('plugin', 'atLeast');
        return {
          kind,
          plugin: c.plugin === undefined ? null : str(c, 'plugin', path, null, ID, 'a plugin name'),
          atLeast: oneOf(c, 'atLeast', path, ['degraded', 'down'] as const, 'down')!,
        };
      case 'metric': {
        only('metric', 'labels', 'op', 'threshold', 'field');
        const labels: Record<string, string> = {};
        if (c.labels !== undefined)
          for (const [k, v] of Object.entries(obj(c.labels, [...path, 'labels'], 'labels') ?? {}))
            labels[k] = String(v);
        return {
          kind,
          metric:
            str(
              c,
              'metric',
              path,
              null,
              /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
              'a Prometheus metric name as /metrics shows it',
            ) ?? '',
          labels,
          op: oneOf(c, 'op', path, OPS, null) ?? '>',
          threshold: number(c, 'threshold', path, null) ?? 0,
          field: oneOf(c, 'field', path, ['value', 'count', 'sum'] as const, 'value')!,
        };
      }
      default:
        return null;
    }
  };

  const includeBuiltin = top.builtinRules ?? true;
  if (typeof includeBuiltin !== 'boolean') problem(['builtinRules'], '"builtinRules" must be true or false');
  if (top.rules === undefined && includeBuiltin === false)
    problem([], 'there are no rules: add a "rules:" list, or leave builtinRules on');
  const rawRules = top.rules === undefined ? [] : top.rules;
  if (!Array.isArray(rawRules))
    problem(['rules'], '"rules" must be a list of rules (each starting with "- id: …")');
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  const checkNotify = (names: readonly string[], path: Path) =>
    names.forEach((n, i) => {
      if (!channelNames.includes(n))
        problem(
          [...path, i],
          `no channel named "${n}"${suggest(n, channelNames)}; channels: ${channelNames.join(', ') || 'none defined'}`,
        );
    });
  for (const [i, raw] of (Array.isArray(rawRules) ? rawRules : []).entries()) {
    const path = ['rules', i];
    const r = obj(raw, path, `rule ${i + 1}`);
    if (!r) continue;
    keys(r, path, [
      'id',
      'name',
      'when',
      'severity',
      'pendingFor',
      'keepFiringFor',
      'noData',
      'notify',
      'rateLimit',
    ]);
    const id =
      str(
        r,
        'id',
        path,
        null,
        ID,
        'lower-case letters, digits, - or _ (it names the rule in the API and the CLI)',
      ) ?? `rule-${i + 1}`;
    if (seen.has(id)) problem([...path, 'id'], `duplicate rule id "${id}" (also at line ${seen.get(id)})`);
    seen.set(id, lineOf(path));
    if (r.when === undefined)
      problem(path, `"when" is required: the condition, e.g. when: { kind: cycle_failed }`);
    const when = r.when === undefined ? null : condition(r.when, [...path, 'when']);
    const notify = list(r, 'notify', path, null, defaults.notify);
    if (r.notify !== undefined) checkNotify(notify, [...path, 'notify']);
    // Every field is read (and checked) even when the condition is missing, so all problems show at once.
    const rule = {
      id,
      name: str(
        r,
        'name',
        path,
        id.replace(/[-_]+/g, ' ').replace(/^./, (ch) => ch.toUpperCase()),
      )!,
      severity: oneOf(r, 'severity', path, SEVERITIES, defaults.severity)!,
      pendingSeconds: duration(r, 'pendingFor', path, defaults.pendingSeconds),
      keepFiringSeconds: duration(r, 'keepFiringFor', path, defaults.keepFiringSeconds),
      noData: oneOf(r, 'noData', path, NODATA, defaults.noData)!,
      channels: notify,
      rateLimit: rateLimitOf(r, path, defaults.rateLimit),
      line: lineOf(path),
    };
    if (when) rules.push({ ...rule, when });
  }
  checkNotify(defaults.notify, ['defaults', 'notify']);
  if (includeBuiltin === true)
    // Built-in rules the file does not redefine, sent to the default channels.
    for (const b of DEFAULT_RULES)
      if (!seen.has(b.id)) rules.push({ ...b, channels: defaults.notify, rateLimit: defaults.rateLimit });

  if (problems.length > 0) return fail(problems);
  return { file, evaluateEverySeconds, channels, rules };
};

const fail = (problems: AlertsProblem[]): never => {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  throw hydraError(
    'HYDRA_ERR_CONFIG',
    `${lines[0]}${lines.length > 1 ? `\n${lines.slice(1).join('\n')}` : ''}\n(${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the alerts file HYDRA_ALERTS_FILE; its format is in src/plugins/alerts/ALERTS.md)`,
    {
      problems: sorted.map((p) => ({ ...p, env: 'HYDRA_ALERTS_FILE', value: p.file, accepts: p.message })),
    },
  );
};

/** The alerts config for a file, or the built-in rules (dashboard only) when there is none. */
export const loadAlertsConfig = (
  file: string | null,
  env: Env = process.env,
  opts: ParseOptions = {},
): AlertsConfig => {
  if (file === null) return defaultAlertsConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_CONFIG',
      `HYDRA_ALERTS_FILE=${file}: cannot read the alerts file (${(err as NodeJS.ErrnoException).code ?? 'error'}); fix the path or unset it for the built-in rules`,
      { problems: [{ env: 'HYDRA_ALERTS_FILE', value: file, accepts: 'a readable YAML or JSON file' }] },
    );
  }
  return parseAlertsConfig(text, file, env, opts);
};
