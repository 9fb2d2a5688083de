import type { Db } from '../../db/open.js';
import type {
  AuditEventFact,
  CycleReport,
  CycleStartFact,
  CycleStatus,
  CycleStepFact,
  GatewayStatusFact,
  RiskDecisionFact,
  StepName,
} from '../facts.js';
import {
  type AuditEventRow,
  type CycleRow,
  type GatewayStatusRow,
  type RiskDecisionRow,
  type StepRow,
  toCycle,
  toEvent,
  toGateway,
  toRiskDecision,
  toStep,
} from './rows.js';

export const STEP_ORDER: readonly StepName[] = [
  'connect',
  'account',
  'data',
  'signal',
  'risk',
  'intents',
  'execute',
  'close',
];

export interface CycleFilter {
  status?: CycleStatus | null;
  fromDate?: string | null; // trading dates, inclusive
  toDate?: string | null;
}
export interface EventFilter {
  kind?: string | null;
  severity?: 'info' | 'warn' | 'error' | null;
  source?: string | null;
  from?: string | null;
  to?: string | null;
}
export interface RiskFilter {
  cycleId?: string | null;
  decision?: 'allow' | 'clip' | 'block' | null;
  subject?: string | null;
}

export interface SystemStore {
  readable(): boolean;
  // writer side (called from hooks, inside the hook runner's transaction)
  startCycle(fact: CycleStartFact): CycleRow;
  recordStep(fact: CycleStepFact): CycleRow | null;
  endCycle(report: CycleReport): CycleRow | null;
  recordRiskDecisions(facts: readonly RiskDecisionFact[]): RiskDecisionRow[];
  recordGatewayStatus(fact: GatewayStatusFact): GatewayStatusRow;
  recordEvent(fact: AuditEventFact): AuditEventRow;
  // read side
  cycle(id: string): CycleRow | null;
  cycles(filter: CycleFilter, afterSeq: number | null, limit: number): CycleRow[];
  steps(cycleId: string): StepRow[];
  lastCycle(): CycleRow | null;
  lastFinishedCycle(): CycleRow | null;
  /** Cycles left `running` (a crash): the runner closes them before starting a new one. */
  runningCycles(): CycleRow[];
  /** The attempt number a new cycle for this trading date gets. */
  nextAttempt(tradingDate: string): number;
  tradingDatesWithCycles(fromDate: string, toDate: string): Set<string>;
  firstCycleStartedAt(): Date | null;
  events(filter: EventFilter, afterId: number | null, limit: number): AuditEventRow[];
  riskDecisions(filter: RiskFilter, afterId: number | null, limit: number): RiskDecisionRow[];
  gatewayLatest(): GatewayStatusRow | null;
  /** The last time a cycle found the gateway connected (or restored). */
  gatewayLastConnectedAt(): Date | null;
  /** Distinct IB codes seen in gateway status changes since `since`, with counts and last time. */
  gatewayCodes(since: string): { code: number; count: number; lastAt: Date }[];
  lastWriteAt(): Date | null;
}

export const createSystemStore = (db: Db): SystemStore => {
  const probe = db.prepare('SELECT 1 AS ok');
  const insertCycle = db.prepare(
    `INSERT INTO cycles (id, trading_date, attempt, mode, account, trigger, status, started_at)
     VALUES (@cycleId, @tradingDate, @attempt, @mode, @account, @trigger, 'running', @startedAt)
     ON CONFLICT (id) DO UPDATE SET status = 'running', started_at = excluded.started_at, ended_at = NULL, error = NULL`,
  );
  const getCycle = db.prepare('SELECT * FROM cycles WHERE id = ?');
  const upsertStep = db.prepare(
    `INSERT INTO cycle_steps (cycle_id, step, ord, status, started_at, ended_at, detail)
     VALUES (@cycleId, @step, @ord, @status, @startedAt, @endedAt, @detail)
     ON CONFLICT (cycle_id, step) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at, detail = excluded.detail`,
  );
  const setCurrentStep = db.prepare("UPDATE cycles SET current_step = ? WHERE id = ? AND status = 'running'");
  const finishCycle = db.prepare(
    'UPDATE cycles SET status = ?, ended_at = ?, error = ?, current_step = NULL WHERE id = ?',
  );
  const insertRisk = db.prepare(
    `INSERT INTO risk_decisions (cycle_id, at, rule, subject, value, limit_value, decision, reason)
     VALUES (@cycleId, @at, @rule, @subject, @value, @limit, @decision, @reason) RETURNING *`,
  );
  const insertGateway = db.prepare(
    `INSERT INTO gateway_status (at, state, host, port, server_version, account, code, message)
     VALUES (@at, @state, @host, @port, @serverVersion, @account, @code, @message) RETURNING *`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO audit_events (at, kind, severity, source, message, data) VALUES (@at, @kind, @severity, @source, @message, @data) RETURNING *',
  );
  const listCycles = db.prepare(
    `SELECT * FROM cycles
     WHERE (@status IS NULL OR status = @status)
       AND (@fromDate IS NULL OR trading_date >= @fromDate)
       AND (@toDate IS NULL OR trading_date <= @toDate)
       AND (@after IS NULL OR seq < @after)
     ORDER BY seq DESC LIMIT @limit`,
  );
  const listSteps = db.prepare('SELECT * FROM cycle_steps WHERE cycle_id = ? ORDER BY ord');
  const lastCycle = db.prepare('SELECT * FROM cycles ORDER BY seq DESC LIMIT 1');
  const lastFinished = db.prepare("SELECT * FROM cycles WHERE status <> 'running' ORDER BY seq DESC LIMIT 1");
  const running = db.prepare("SELECT * FROM cycles WHERE status = 'running' ORDER BY seq");
  const maxAttempt = db.prepare('SELECT MAX(attempt) AS a FROM cycles WHERE trading_date = ?');
  const datesWithCycles = db.prepare(
    'SELECT DISTINCT trading_date AS d FROM cycles WHERE trading_date BETWEEN ? AND ?',
  );
  const firstStart = db.prepare('SELECT MIN(started_at) AS t FROM cycles');
  const listEvents = db.prepare(
    `SELECT * FROM audit_events
     WHERE (@kind IS NULL OR kind = @kind)
       AND (@severity IS NULL OR severity = @severity)
       AND (@source IS NULL OR source = @source)
       AND (@from IS NULL OR at >= @from)
       AND (@to IS NULL OR at < @to)
       AND (@after IS NULL OR id < @after)
     ORDER BY id DESC LIMIT @limit`,
  );
  const listRisk = db.prepare(
    `SELECT * FROM risk_decisions
     WHERE (@cycleId IS NULL OR cycle_id = @cycleId)
       AND (@decision IS NULL OR decision = @decision)
       AND (@subject IS NULL OR subject = @subject)
       AND (@after IS NULL OR id < @after)
     ORDER BY id DESC LIMIT @limit`,
  );
  const gatewayLatest = db.prepare('SELECT * FROM gateway_status ORDER BY id DESC LIMIT 1');
  const gatewayLastConnected = db.prepare(
    "SELECT MAX(at) AS at FROM gateway_status WHERE state IN ('connected', 'restored')",
  );
  const gatewayCodes = db.prepare(
    'SELECT code, COUNT(*) AS n, MAX(at) AS last FROM gateway_status WHERE code IS NOT NULL AND at >= ? GROUP BY code ORDER BY code',
  );
  const lastWrite = db.prepare(
    `SELECT MAX(t) AS t FROM (
       SELECT MAX(COALESCE(ended_at, started_at)) AS t FROM cycles
       UNION ALL SELECT MAX(at) FROM audit_events
       UNION ALL SELECT MAX(at) FROM gateway_status)`,
  );

  const cycle = (id: string): CycleRow | null => {
    const r = getCycle.get(id) as Record<string, unknown> | undefined;
    return r ? toCycle(r) : null;
  };

  return {
    readable: () => {
      try {
        return (probe.get() as { ok: number }).ok === 1;
      } catch {
        return false;
      }
    },
    startCycle: (f) => {
      insertCycle.run({ ...f, startedAt: f.startedAt.toISOString() });
      return cycle(f.cycleId)!;
    },
    recordStep: (f) => {
      upsertStep.run({
        cycleId: f.cycleId,
        step: f.step,
        ord: STEP_ORDER.indexOf(f.step),
        status: f.status,
        startedAt: f.startedAt.toISOString(),
        endedAt: f.endedAt?.toISOString() ?? null,
        detail: f.detail,
      });
      if (f.status === 'running') setCurrentStep.run(f.step, f.cycleId);
      return cycle(f.cycleId);
    },
    endCycle: (r) => {
      finishCycle.run(r.status, r.endedAt.toISOString(), r.error, r.cycleId);
      return cycle(r.cycleId);
    },
    recordRiskDecisions: (facts) =>
      facts.map((f) =>
        toRiskDecision(insertRisk.get({ ...f, at: f.at.toISOString() }) as Record<string, unknown>),
      ),
    recordGatewayStatus: (f) =>
      toGateway(insertGateway.get({ ...f, at: f.at.toISOString() }) as Record<string, unknown>),
    recordEvent: (f) =>
      toEvent(
        insertEvent.get({
          at: f.at.toISOString(),
          kind: f.kind,
          severity: f.severity,
          source: f.source,
          message: f.message,
          data: f.data === undefined ? null : JSON.stringify(f.data),
        }) as Record<string, unknown>,
      ),
    cycle,
    cycles: (f, after, limit) =>
      (
        listCycles.all({
          status: f.status ?? null,
          fromDate: f.fromDate ?? null,
          toDate: f.toDate ?? null,
          after,
          limit,
        }) as Record<string, unknown>[]
      ).map(toCycle),
    steps: (id) => (listSteps.all(id) as Record<string, unknown>[]).map(toStep),
    lastCycle: () => {
      const r = lastCycle.get() as Record<string, unknown> | undefined;
      return r ? toCycle(r) : null;
    },
    lastFinishedCycle: () => {
      const r = lastFinished.get() as Record<string, unknown> | undefined;
      return r ? toCycle(r) : null;
    },
    runningCycles: () => (running.all() as Record<string, unknown>[]).map(toCycle),
    nextAttempt: (d) => ((maxAttempt.get(d) as { a: number | null }).a ?? 0) + 1,
    tradingDatesWithCycles: (from, to) =>
      new Set((datesWithCycles.all(from, to) as { d: string }[]).map((r) => r.d)),
    firstCycleStartedAt: () => {
      const t = (firstStart.get() as { t: string | null }).t;
      return t ? new Date(t) : null;
    },
    events: (f, after, limit) =>
      (
        listEvents.all({
          kind: f.kind ?? null,
          severity: f.severity ?? null,
          source: f.source ?? null,
          from: f.from ?? null,
          to: f.to ?? null,
          after,
          limit,
        }) as Record<string, unknown>[]
      ).map(toEvent),
    riskDecisions: (f, after, limit) =>
      (
        listRisk.all({
          cycleId: f.cycleId ?? null,
          decision: f.decision ?? null,
          subject: f.subject ?? null,
          after,
          limit,
        }) as Record<string, unknown>[]
      ).map(toRiskDecision),
    gatewayLatest: () => {
      const r = gatewayLatest.get() as Record<string, unknown> | undefined;
      return r ? toGateway(r) : null;
    },
    gatewayLastConnectedAt: () => {
      const at = (gatewayLastConnected.get() as { at: string | null }).at;
      return at ? new Date(at) : null;
    },
    gatewayCodes: (since) =>
      (gatewayCodes.all(since) as { code: number; n: number; last: string }[]).map((r) => ({
        code: r.code,
        count: r.n,
        lastAt: new Date(r.last),
      })),
    lastWriteAt: () => {
      const t = (lastWrite.get() as { t: string | null }).t;
      return t ? new Date(t) : null;
    },
  };
};
