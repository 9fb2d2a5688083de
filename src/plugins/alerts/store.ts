import type { Db } from '../../db/open.js';
import type { SystemStore } from '../system/store.js';
import type { Rule, Severity } from './config-types.js';
import { type AlertState, initialState, type RuleState } from './state-machine.js';

/** One episode of a rule: it fired, and later resolved. `hydra alerts ack ID` takes this id. */
export interface AlertRow {
  id: number;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  firedAt: Date;
  resolvedAt: Date | null;
  value: string | null;
  summary: string;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
}

export interface TransitionRow {
  id: number;
  ruleId: string;
  alertId: number | null;
  at: Date;
  from: AlertState;
  to: AlertState;
  value: string | null;
  summary: string | null;
}

export interface RuleStateRow extends RuleState {
  ruleId: string;
  alertId: number | null;
  evaluatedAt: Date;
}

export interface AlertFilter {
  ruleId?: string | null;
  /** true: only unresolved episodes; false: only resolved ones. */
  open?: boolean | null;
}

export interface AlertsStore {
  // writer side: the engine (in the serving process) and `hydra alerts ack`
  saveState(row: RuleStateRow): void;
  openAlert(
    rule: Pick<Rule, 'id' | 'name' | 'severity'>,
    at: Date,
    value: string | null,
    summary: string,
  ): AlertRow;
  resolveAlert(id: number, at: Date): void;
  recordTransition(t: Omit<TransitionRow, 'id'>): TransitionRow;
  /** Acknowledges an episode and records who did it as an audit event; null when no such alert. */
  acknowledge(id: number, by: string, note: string | null, at: Date): AlertRow | null;
  /**
   * A write transaction, IMMEDIATE: it takes the write lock first (waiting out the cycle worker's commits)
   * instead of reading first and failing with SQLITE_BUSY when a commit lands before it upgrades to write.
   */
  transaction<T>(fn: () => T): T;
  // read side
  ruleStates(): Map<string, RuleStateRow>;
  alert(id: number): AlertRow | null;
  alerts(filter: AlertFilter, afterId: number | null, limit: number): AlertRow[];
  transitions(ruleId: string | null, afterId: number | null, limit: number): TransitionRow[];
  /** Moves whenever an acknowledgement lands (from any process): the engine publishes those too. */
  ackVersion(): number;
  lastWriteAt(): Date | null;
}

interface AlertDbRow {
  id: number;
  rule_id: string;
  rule_name: string;
  severity: Severity;
  fired_at: string;
  resolved_at: string | null;
  value: string | null;
  summary: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
}

const date = (s: string | null): Date | null => (s === null ? null : new Date(s));

const toAlert = (r: AlertDbRow): AlertRow => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  severity: r.severity,
  firedAt: new Date(r.fired_at),
  resolvedAt: date(r.resolved_at),
  value: r.value,
  summary: r.summary,
  acknowledgedAt: date(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  ackNote: r.ack_note,
});

interface TransitionDbRow {
  id: number;
  rule_id: string;
  alert_id: number | null;
  at: string;
  from_state: AlertState;
  to_state: AlertState;
  value: string | null;
  summary: string | null;
}
const toTransition = (r: TransitionDbRow): TransitionRow => ({
  id: r.id,
  ruleId: r.rule_id,
  alertId: r.alert_id,
  at: new Date(r.at),
  from: r.from_state,
  to: r.to_state,
  value: r.value,
  summary: r.summary,
});

interface StateDbRow {
  rule_id: string;
  state: AlertState;
  since: string;
  holding_since: string | null;
  clear_since: string | null;
  value: string | null;
  summary: string | null;
  alert_id: number | null;
  evaluated_at: string;
  error: string | null;
}

export const createAlertsStore = (db: Db, deps: { system?: SystemStore } = {}): AlertsStore => {
  const upsertState = db.prepare(
    `INSERT INTO alert_rule_state (rule_id, state, since, holding_since, clear_since, value, summary, alert_id, evaluated_at, error)
     VALUES (@ruleId, @state, @since, @holdingSince, @clearSince, @value, @summary, @alertId, @evaluatedAt, @error)
     ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, since = excluded.since,
       holding_since = excluded.holding_since, clear_since = excluded.clear_since, value = excluded.value,
       summary = excluded.summary, alert_id = excluded.alert_id, evaluated_at = excluded.evaluated_at,
       error = excluded.error`,
  );
  const insertAlert = db.prepare(
    `INSERT INTO alerts (rule_id, rule_name, severity, fired_at, value, summary)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const resolveStmt = db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL');
  const insertTransition = db.prepare(
    `INSERT INTO alert_transitions (rule_id, alert_id, at, from_state, to_state, value, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const ackStmt = db.prepare(
    `UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, ack_note = ?
     WHERE id = ? AND acknowledged_at IS NULL`,
  );
  const statesStmt = db.prepare('SELECT * FROM alert_rule_state');
  const alertStmt = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const alertsStmt = db.prepare(
    `SELECT * FROM alerts
     WHERE (@ruleId IS NULL OR rule_id = @ruleId)
       AND (@open IS NULL OR (@open = 1 AND resolved_at IS NULL) OR (@open = 0 AND resolved_at IS NOT NULL))
       AND (@afterId IS NULL OR id < @afterId)
     ORDER BY id DESC LIMIT @limit`,
  );
  const transitionsStmt = db.prepare(
    `SELECT * FROM alert_transitions
     WHERE (@ruleId IS NULL OR rule_id = @ruleId) AND (@afterId IS NULL OR id < @afterId)
     ORDER BY id DESC LIMIT @limit`,
  );
  const ackVersionStmt = db
    .prepare('SELECT COUNT(*) AS n FROM alerts WHERE acknowledged_at IS NOT NULL')
    .pluck();
  const lastWriteStmt = db.prepare('SELECT MAX(evaluated_at) FROM alert_rule_state').pluck();

  const alert = (id: number) => {
    const r = alertStmt.get(id) as AlertDbRow | undefined;
    return r ? toAlert(r) : null;
  };

  return {
    saveState: (r) =>
      void upsertState.run({
        ruleId: r.ruleId,
        state: r.state,
        since: r.since.toISOString(),
        holdingSince: r.holdingSince?.toISOString() ?? null,
        clearSince: r.clearSince?.toISOString() ?? null,
        value: r.value,
        summary: r.summary,
        alertId: r.alertId,
        evaluatedAt: r.evaluatedAt.toISOString(),
        error: r.error,
      }),
    openAlert: (rule, at, value, summary) =>
      toAlert(
        insertAlert.get(rule.id, rule.name, rule.severity, at.toISOString(), value, summary) as AlertDbRow,
      ),
    resolveAlert: (id, at) => void resolveStmt.run(at.toISOString(), id),
    recordTransition: (t) => {
      const { id } = insertTransition.get(
        t.ruleId,
        t.alertId,
        t.at.toISOString(),
        t.from,
        t.to,
        t.value,
        t.summary,
      ) as { id: number };
      return { id, ...t };
    },
    acknowledge: (id, by, note, at) =>
      db
        .transaction(() => {
          const before = alert(id);
          if (!before) return null;
          if (before.acknowledgedAt) return before;
          ackStmt.run(at.toISOString(), by, note, id);
          deps.system?.recordEvent({
            at,
            kind: 'alert-acknowledged',
            severity: 'info',
            source: 'cli',
            message: `${by} acknowledged alert ${id} (${before.ruleName})${note ? `: ${note}` : ''}`,
            data: { alertId: id, ruleId: before.ruleId, by, note },
          });
          return alert(id);
        })
        .immediate(),
    transaction: (fn) => db.transaction(fn).immediate(),
    ruleStates: () =>
      new Map(
        (statesStmt.all() as StateDbRow[]).map((r) => [
          r.rule_id,
          {
            ...initialState(new Date(r.since)),
            ruleId: r.rule_id,
            state: r.state,
            holdingSince: date(r.holding_since),
            clearSince: date(r.clear_since),
            value: r.value,
            summary: r.summary,
            error: r.error,
            alertId: r.alert_id,
            evaluatedAt: new Date(r.evaluated_at),
          },
        ]),
      ),
    alert,
    alerts: (f, afterId, limit) =>
      (
        alertsStmt.all({
          ruleId: f.ruleId ?? null,
          open: f.open == null ? null : f.open ? 1 : 0,
          afterId,
          limit,
        }) as AlertDbRow[]
      ).map(toAlert),
    transitions: (ruleId, afterId, limit) =>
      (transitionsStmt.all({ ruleId, afterId, limit }) as TransitionDbRow[]).map(toTransition),
    ackVersion: () => ackVersionStmt.get() as number,
    lastWriteAt: () => date(lastWriteStmt.get() as string | null),
  };
};
