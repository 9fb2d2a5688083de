/** Append-only: never edit a shipped entry, add a new one. */
export const alertsMigrations: readonly string[] = [
  `-- One row per rule: where its state machine stands (Grafana's Normal/Pending/Alerting/Recovering/NoData/Error).
   CREATE TABLE alert_rule_state (
     rule_id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     since TEXT NOT NULL,
     -- when the condition last turned true (the pending period counts from here)
     holding_since TEXT,
     -- when the condition last turned false while firing (keepFiring counts from here)
     clear_since TEXT,
     value TEXT,
     summary TEXT,
     -- the open episode while pending/alerting/recovering
     alert_id INTEGER,
     evaluated_at TEXT NOT NULL,
     error TEXT
   ) WITHOUT ROWID;

   -- An episode: a rule fired, and (later) resolved. The id is what hydra alerts ack takes.
   CREATE TABLE alerts (
     id INTEGER PRIMARY KEY,
     rule_id TEXT NOT NULL,
     rule_name TEXT NOT NULL,
     severity TEXT NOT NULL,
     fired_at TEXT NOT NULL,
     resolved_at TEXT,
     value TEXT,
     summary TEXT NOT NULL,
     acknowledged_at TEXT,
     acknowledged_by TEXT,
     ack_note TEXT
   );
   CREATE INDEX alerts_rule ON alerts (rule_id, id);
   CREATE INDEX alerts_open ON alerts (resolved_at) WHERE resolved_at IS NULL;

   -- Every state change of every rule, for alertHistory.
   CREATE TABLE alert_transitions (
     id INTEGER PRIMARY KEY,
     rule_id TEXT NOT NULL,
     alert_id INTEGER,
     at TEXT NOT NULL,
     from_state TEXT NOT NULL,
     to_state TEXT NOT NULL,
     value TEXT,
     summary TEXT
   );
   CREATE INDEX alert_transitions_rule ON alert_transitions (rule_id, id);

   -- The notification outbox: written in the same transaction as the transition that caused it, sent
   -- afterwards, retried with backoff, never deleted. status: pending | sent | failed | rate_limited.
   CREATE TABLE alert_deliveries (
     id INTEGER PRIMARY KEY,
     alert_id INTEGER NOT NULL,
     rule_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     channel_type TEXT NOT NULL,
     event TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     sent_at TEXT,
     UNIQUE (alert_id, channel, event)
   );
   CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
   CREATE INDEX alert_deliveries_rule ON alert_deliveries (rule_id, created_at);`,
];
