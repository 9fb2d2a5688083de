import type { Condition } from './config-types.js';
import { ID, type Path, type Readers } from './rules-readers.js';

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
const GATEWAY_CODES = [
  'unreachable',
  'not_logged_in',
  'two_factor_due',
  'cycle_in_reset_window',
  'cycle_near_restart',
];
const OPS = ['>', '>=', '<', '<=', '==', '!='] as const;

/** A rule's `when`, with every field's default filled in; null when it cannot be read (problems recorded). */
export const parseCondition = (r: Readers, raw: unknown, path: Path): Condition | null => {
  const { problem, keys, obj, str, oneOf, list, duration, number } = r;
  const c = obj(raw, path, 'when');
  if (!c) return null;
  const kind = oneOf(c, 'kind', path, KINDS, null);
  const only = (...allowed: string[]) => keys(c, path, ['kind', ...allowed]);
  switch (kind) {
    case 'cycle_failed':
      only('statuses');
      return {
        kind,
        statuses: list(c, 'statuses', path, ['failed', 'partial', 'refused'] as const, ['failed', 'refused']),
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
