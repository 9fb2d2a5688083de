import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { hydraError } from '../../errors.js';
import type { AlertsConfig, NoDataPolicy, RetryPolicy, Rule, Severity } from './config-types.js';
import {
  DEFAULT_EVALUATE_EVERY_SECONDS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  DEFAULT_RULES,
  defaultAlertsConfig,
} from './defaults.js';
import { parseChannels } from './rules-channels.js';
import { parseCondition } from './rules-conditions.js';
import {
  type AlertsProblem,
  createReaders,
  type Env,
  ID,
  type Obj,
  type Path,
  suggest,
} from './rules-readers.js';

export type { AlertsProblem };

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const NODATA: readonly NoDataPolicy[] = ['nodata', 'ok', 'alerting'];

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

  const r = createReaders({ doc, lc, file, env, resolveSecrets, problems });
  const { problem, lineOf, keys, obj, str, oneOf, list, duration, number } = r;

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
  const rawChannels = top.channels === undefined ? {} : (obj(top.channels, ['channels'], 'channels') ?? {});
  const channels = parseChannels(r, rawChannels, {
    retry: defaults.retry,
    timeoutSeconds: defaults.timeoutSeconds,
    retryOf,
  });
  const channelNames = Object.keys(rawChannels);

  // --- rules -----------------------------------------------------------------------------------------
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
    const o = obj(raw, path, `rule ${i + 1}`);
    if (!o) continue;
    keys(o, path, [
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
        o,
        'id',
        path,
        null,
        ID,
        'lower-case letters, digits, - or _ (it names the rule in the API and the CLI)',
      ) ?? `rule-${i + 1}`;
    if (seen.has(id)) problem([...path, 'id'], `duplicate rule id "${id}" (also at line ${seen.get(id)})`);
    seen.set(id, lineOf(path));
    if (o.when === undefined)
      problem(path, `"when" is required: the condition, e.g. when: { kind: cycle_failed }`);
    const when = o.when === undefined ? null : parseCondition(r, o.when, [...path, 'when']);
    const notify = list(o, 'notify', path, null, defaults.notify);
    if (o.notify !== undefined) checkNotify(notify, [...path, 'notify']);
    // Every field is read (and checked) even when the condition is missing, so all problems show at once.
    const rule = {
      id,
      name: str(
        o,
        'name',
        path,
        id.replace(/[-_]+/g, ' ').replace(/^./, (ch) => ch.toUpperCase()),
      )!,
      severity: oneOf(o, 'severity', path, SEVERITIES, defaults.severity)!,
      pendingSeconds: duration(o, 'pendingFor', path, defaults.pendingSeconds),
      keepFiringSeconds: duration(o, 'keepFiringFor', path, defaults.keepFiringSeconds),
      noData: oneOf(o, 'noData', path, NODATA, defaults.noData)!,
      channels: notify,
      rateLimit: rateLimitOf(o, path, defaults.rateLimit),
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
