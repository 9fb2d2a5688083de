import type { Db } from '../../../db/open.js';
import type { AlertNotification, Channel, Rule } from '../config-types.js';
import type { DeliveriesReader, DeliveryStatus, DeliveryView } from '../plugin-store.js';

/** A delivery as the dispatcher works on it: the view plus the message it carries. */
export interface DeliveryRow extends DeliveryView {
  notification: AlertNotification;
}

export interface DeliveriesStore extends DeliveriesReader {
  list(...args: Parameters<DeliveriesReader['list']>): DeliveryRow[];
  /**
   * One pending row per channel that takes this severity, idempotent per (alert, channel, event). Past the
   * rule's rate limit the row is still written, as rate_limited with the reason: nothing disappears silently.
   * A `resolved` is never rate-limited when its `firing` went out: the trader must learn it is over.
   */
  enqueue(
    n: AlertNotification,
    channels: readonly Channel[],
    rateLimit: Rule['rateLimit'],
    now: Date,
  ): DeliveryRow[];
  /** Pending rows whose time has come, oldest first. */
  due(now: Date, limit: number): DeliveryRow[];
  /** When the next pending row falls due (null: none waiting). */
  nextDueAt(): Date | null;
  get(id: number): DeliveryRow | null;
  markSent(id: number, attempts: number, at: Date): void;
  markRetry(id: number, attempts: number, nextAttemptAt: Date, error: string): void;
  markFailed(id: number, attempts: number, error: string): void;
  /** Deliveries that failed among those created since `since`. */
  failedSince(since: Date): number;
}

interface Raw {
  id: number;
  alert_id: number;
  rule_id: string;
  channel: string;
  channel_type: string;
  event: 'firing' | 'resolved';
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const toRow = (r: Raw): DeliveryRow => ({
  id: r.id,
  alertId: r.alert_id,
  ruleId: r.rule_id,
  channel: r.channel,
  channelType: r.channel_type,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
  notification: JSON.parse(r.payload) as AlertNotification,
});

export const createDeliveriesStore = (db: Db): DeliveriesStore => {
  const insert = db.prepare(
    `INSERT INTO alert_deliveries (alert_id, rule_id, channel, channel_type, event, payload, status, last_error, next_attempt_at, created_at)
     VALUES (@alertId, @ruleId, @channel, @channelType, @event, @payload, @status, @lastError, @nextAttemptAt, @createdAt)
     ON CONFLICT (alert_id, channel, event) DO NOTHING
     RETURNING *`,
  );
  const recent = db
    .prepare(
      `SELECT COUNT(*) FROM alert_deliveries
       WHERE rule_id = ? AND channel = ? AND status != 'rate_limited' AND created_at > ?`,
    )
    .pluck();
  const firingSent = db
    .prepare(
      `SELECT 1 FROM alert_deliveries WHERE alert_id = ? AND channel = ? AND event = 'firing' AND status != 'rate_limited'`,
    )
    .pluck();
  const dueStmt = db.prepare(
    `SELECT * FROM alert_deliveries WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
     ORDER BY id LIMIT ?`,
  );
  const nextDue = db
    .prepare(
      `SELECT MIN(COALESCE(next_attempt_at, created_at)) FROM alert_deliveries WHERE status = 'pending'`,
    )
    .pluck();
  const getStmt = db.prepare('SELECT * FROM alert_deliveries WHERE id = ?');
  const sent = db.prepare(
    `UPDATE alert_deliveries SET status = 'sent', attempts = ?, sent_at = ?, next_attempt_at = NULL WHERE id = ?`,
  );
  const retry = db.prepare(
    'UPDATE alert_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?',
  );
  const failed = db.prepare(
    `UPDATE alert_deliveries SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?`,
  );
  const listStmt = db.prepare(
    `SELECT * FROM alert_deliveries
     WHERE (@ruleId IS NULL OR rule_id = @ruleId) AND (@status IS NULL OR status = @status)
       AND (@alertId IS NULL OR alert_id = @alertId) AND (@afterId IS NULL OR id < @afterId)
     ORDER BY id DESC LIMIT @limit`,
  );
  const failedSinceStmt = db
    .prepare(`SELECT COUNT(*) FROM alert_deliveries WHERE status = 'failed' AND created_at >= ?`)
    .pluck();
  const countsStmt = db.prepare('SELECT status, COUNT(*) AS n FROM alert_deliveries GROUP BY status');

  return {
    enqueue: (n, channels, rateLimit, now) => {
      const out: DeliveryRow[] = [];
      const since = new Date(now.getTime() - rateLimit.perSeconds * 1000).toISOString();
      for (const c of channels) {
        if (!c.severities.includes(n.severity)) continue;
        const exempt = n.event === 'resolved' && firingSent.get(n.alertId, c.name) === 1;
        const limited = !exempt && (recent.get(n.ruleId, c.name, since) as number) >= rateLimit.max;
        const row = insert.get({
          alertId: n.alertId,
          ruleId: n.ruleId,
          channel: c.name,
          channelType: c.type,
          event: n.event,
          payload: JSON.stringify(n),
          status: limited ? 'rate_limited' : 'pending',
          lastError: limited
            ? `not sent: rule ${n.ruleId} already notified ${c.name} ${rateLimit.max} times in the last ${rateLimit.perSeconds} s (rateLimit)`
            : null,
          nextAttemptAt: null,
          createdAt: now.toISOString(),
        }) as Raw | undefined;
        if (row) out.push(toRow(row));
      }
      return out;
    },
    due: (now, limit) => (dueStmt.all(now.toISOString(), limit) as Raw[]).map(toRow),
    nextDueAt: () => {
      const s = nextDue.get() as string | null;
      return s ? new Date(s) : null;
    },
    get: (id) => {
      const r = getStmt.get(id) as Raw | undefined;
      return r ? toRow(r) : null;
    },
    markSent: (id, attempts, at) => void sent.run(attempts, at.toISOString(), id),
    markRetry: (id, attempts, nextAttemptAt, error) =>
      void retry.run(attempts, nextAttemptAt.toISOString(), error, id),
    markFailed: (id, attempts, error) => void failed.run(attempts, error, id),
    list: (f, afterId, limit) =>
      (
        listStmt.all({
          ruleId: f.ruleId ?? null,
          status: f.status ?? null,
          alertId: f.alertId ?? null,
          afterId,
          limit,
        }) as Raw[]
      ).map(toRow),
    failedSince: (since) => failedSinceStmt.get(since.toISOString()) as number,
    counts: () =>
      Object.fromEntries(
        (countsStmt.all() as { status: DeliveryStatus; n: number }[]).map((r) => [r.status, r.n]),
      ),
  };
};
