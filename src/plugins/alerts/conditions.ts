import type { Condition } from './config-types.js';
import type { Observation } from './state-machine.js';

/**
 * What the conditions read, narrowed to plain values so the engine never touches another plugin's tables
 * (the composition root builds this from the stores and the runtime; tests can build it from a real app too).
 */
export interface AlertSources {
  now(): Date;
  lastFinishedCycle(): {
    id: string;
    tradingDate: string;
    status: string;
    error: string | null;
    endedAt: Date | null;
  } | null;
  /** Trading dates the schedule expected a cycle and none ran (empty without a schedule). */
  missedCycles(): string[];
  driftStatus(): 'ok' | 'warn' | 'alert' | null;
  /** Risk decisions of one cycle. */
  riskDecisions(cycleId: string): { rule: string; subject: string; decision: string; reason: string }[];
  positionBreaks(cycleId: string, tradingDate: string): { symbol: string; kind: string; detail: string }[];
  /** The IB session warnings (codes as in the system plugin); null when no gateway is configured. */
  gateway(): { reachable: boolean | null; warningCodes: string[]; warnings: string[] } | null;
  health(): { name: string; status: 'ok' | 'degraded' | 'down'; detail: string; lastWriteAt: Date | null }[];
  /** The schedule's freshness budget in ms (how long a plugin may go without a write); null without one. */
  freshnessBudgetMs(): number | null;
  /** One figure of a Prometheus metric in this process; undefined when no such metric or series. */
  metric(
    name: string,
    labels: Readonly<Record<string, string>>,
    field: 'value' | 'count' | 'sum',
  ): Promise<number | undefined>;
}

const obs = (holds: boolean, value: string | null, summary: string): Observation => ({
  status: holds ? 'holds' : 'clear',
  value,
  summary,
});
const nodata = (summary: string): Observation => ({ status: 'nodata', value: null, summary });

const ago = (ms: number): string => {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
};

const SEVERITY_RANK = { ok: 0, warn: 1, alert: 2, degraded: 1, down: 2 } as const;

const compare = (a: number, op: string, b: number): boolean => {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    default:
      return a !== b;
  }
};

/** Evaluates one condition; throws only when a source fails (the engine records that as the Error state). */
export const evaluate = async (c: Condition, src: AlertSources): Promise<Observation> => {
  switch (c.kind) {
    case 'cycle_failed': {
      const last = src.lastFinishedCycle();
      if (!last) return nodata('no cycle has finished yet');
      const bad = (c.statuses as readonly string[]).includes(last.status);
      return obs(
        bad,
        last.status,
        bad
          ? `cycle ${last.id} (${last.tradingDate}) ended ${last.status}${last.error ? `: ${last.error}` : ''}`
          : `the last cycle, ${last.id} (${last.tradingDate}), ended ${last.status}`,
      );
    }
    case 'cycle_missed': {
      const missed = src.missedCycles();
      const holds = missed.length >= c.minMissed;
      return obs(
        holds,
        String(missed.length),
        missed.length === 0
          ? 'no scheduled cycle was missed'
          : `${missed.length} scheduled cycle${missed.length === 1 ? '' : 's'} did not run: ${missed.slice(-5).join(', ')}${missed.length > 5 ? ', …' : ''}`,
      );
    }
    case 'drift_status': {
      const s = src.driftStatus();
      if (s === null) return nodata('no drift summary yet');
      return obs(SEVERITY_RANK[s] >= SEVERITY_RANK[c.atLeast], s, `drift status is ${s}`);
    }
    case 'risk_block': {
      const last = src.lastFinishedCycle();
      if (!last) return nodata('no cycle has finished yet');
      const hits = src
        .riskDecisions(last.id)
        .filter(
          (d) =>
            (c.decisions as readonly string[]).includes(d.decision) &&
            (c.rules === null || c.rules.includes(d.rule)),
        );
      return obs(
        hits.length > 0,
        String(hits.length),
        hits.length === 0
          ? `the risk gate blocked nothing in cycle ${last.id}`
          : `the risk gate ${hits.map((h) => `${h.decision === 'clip' ? 'clipped' : 'blocked'} ${h.subject} (${h.rule})`).join(', ')} in cycle ${last.id}`,
      );
    }
    case 'position_break': {
      const last = src.lastFinishedCycle();
      if (!last) return nodata('no cycle has finished yet');
      const breaks = src.positionBreaks(last.id, last.tradingDate);
      return obs(
        breaks.length > 0,
        String(breaks.length),
        breaks.length === 0
          ? `broker and journal agree after cycle ${last.id}`
          : `${breaks.length} position break${breaks.length === 1 ? '' : 's'} after cycle ${last.id}: ${breaks
              .slice(0, 5)
              .map((b) => `${b.symbol} (${b.detail})`)
              .join('; ')}`,
      );
    }
    case 'gateway': {
      const g = src.gateway();
      if (!g) return nodata('the gateway is not watched');
      // Unreachable is matched by its session warning, which already forgives the daily restart and IB's
      // reset windows: a raw failed probe at 00:30 ET is expected, not an alert.
      const reasons = g.warnings.filter((_, i) => {
        const code = g.warningCodes[i] ?? '';
        return c.warnings === null || c.warnings.includes(code) || (c.unreachable && code === 'unreachable');
      });
      return obs(
        reasons.length > 0,
        reasons.length > 0 ? g.warningCodes.join(',') : 'ok',
        reasons.join(' ') || 'the gateway needs nothing from you',
      );
    }
    case 'data_freshness': {
      const h = src.health().find((p) => p.name === c.plugin);
      if (!h) throw new Error(`no plugin named ${c.plugin} is loaded`);
      if (!h.lastWriteAt) return nodata(`${c.plugin} has recorded nothing yet`);
      const age = src.now().getTime() - h.lastWriteAt.getTime();
      const budget = c.maxAgeSeconds !== null ? c.maxAgeSeconds * 1000 : src.freshnessBudgetMs();
      if (budget === null) return nodata('no schedule to judge freshness by; set maxAge');
      return obs(
        age > budget,
        String(Math.round(age / 1000)),
        `${c.plugin} last recorded something ${ago(age)} ago (allowed ${ago(budget)})`,
      );
    }
    case 'plugin_health': {
      const all = src.health().filter((p) => c.plugin === null || p.name === c.plugin);
      if (c.plugin !== null && all.length === 0) throw new Error(`no plugin named ${c.plugin} is loaded`);
      const bad = all.filter((p) => SEVERITY_RANK[p.status] >= SEVERITY_RANK[c.atLeast]);
      return obs(
        bad.length > 0,
        bad.length > 0 ? bad.map((p) => `${p.name}:${p.status}`).join(',') : 'ok',
        bad.length > 0
          ? bad.map((p) => `${p.name} is ${p.status}: ${p.detail}`).join('; ')
          : `${c.plugin ?? 'every plugin'} is healthy`,
      );
    }
    case 'metric': {
      const v = await src.metric(c.metric, c.labels, c.field);
      if (v === undefined) return nodata(`metric ${c.metric} has no such series yet`);
      const shown = Number.isInteger(v) ? String(v) : v.toPrecision(6);
      const holds = compare(v, c.op, c.threshold);
      return obs(
        holds,
        shown,
        `${c.metric}${c.field === 'value' ? '' : ` ${c.field}`} is ${shown} (${holds ? '' : 'not '}${c.op} ${c.threshold})`,
      );
    }
  }
};

/** A one-line description of a condition, for the API and the dashboard. */
export const describeCondition = (c: Condition): string => {
  switch (c.kind) {
    case 'cycle_failed':
      return `the last cycle ended ${c.statuses.join(' or ')}`;
    case 'cycle_missed':
      return `at least ${c.minMissed} scheduled cycle${c.minMissed === 1 ? '' : 's'} missed`;
    case 'drift_status':
      return `drift status at least ${c.atLeast}`;
    case 'risk_block':
      return `the risk gate ${c.decisions.join(' or ')}s an order${c.rules ? ` (rules ${c.rules.join(', ')})` : ''}`;
    case 'position_break':
      return 'broker and journal positions disagree';
    case 'gateway':
      return [
        c.unreachable ? 'the gateway is unreachable' : null,
        c.warnings === null
          ? 'any gateway session warning'
          : c.warnings.length > 0
            ? `gateway warning ${c.warnings.join(' or ')}`
            : null,
      ]
        .filter(Boolean)
        .join(', or ');
    case 'data_freshness':
      return `${c.plugin} has written nothing for ${c.maxAgeSeconds === null ? 'longer than the schedule allows' : `${c.maxAgeSeconds} s`}`;
    case 'plugin_health':
      return `${c.plugin ?? 'a plugin'} is ${c.atLeast === 'down' ? 'down' : 'degraded or down'}`;
    case 'metric':
      return `${c.metric}${
        Object.keys(c.labels).length
          ? `{${Object.entries(c.labels)
              .map(([k, v]) => `${k}="${v}"`)
              .join(',')}}`
          : ''
      }${c.field === 'value' ? '' : ` ${c.field}`} ${c.op} ${c.threshold}`;
  }
};
