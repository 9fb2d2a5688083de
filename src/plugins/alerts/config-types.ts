// The validated shape of the alerts file (HYDRA_ALERTS_FILE). rules-file.ts turns YAML/JSON into these;
// everything downstream (engine, dispatcher, schema) reads only these types.

export type Severity = 'info' | 'warning' | 'critical';

/** What a rule watches. Each kind reads one thing the plugins or the runtime already expose. */
export type Condition =
  /** The last finished cycle ended with one of these statuses (default: failed, refused). */
  | { kind: 'cycle_failed'; statuses: readonly ('failed' | 'partial' | 'refused')[] }
  /** The schedule expected cycles that never ran (trading dates since the first cycle). */
  | { kind: 'cycle_missed'; minMissed: number }
  /** The latest drift summary is at least this bad. */
  | { kind: 'drift_status'; atLeast: 'warn' | 'alert' }
  /** The last finished cycle's risk gate blocked (or clipped) an order; optional rule names. */
  | { kind: 'risk_block'; decisions: readonly ('block' | 'clip')[]; rules: readonly string[] | null }
  /** The last finished cycle found broker and journal positions disagreeing. */
  | { kind: 'position_break' }
  /**
   * The gateway: `unreachable` (the handshake probe fails) and/or a session warning by code:
   * unreachable | not_logged_in | two_factor_due | cycle_in_reset_window | cycle_near_restart
   * (two_factor_due = the coming restart will wait for the 2FA approval after Sunday's re-authentication).
   * `warnings` null = any warning code.
   */
  | { kind: 'gateway'; unreachable: boolean; warnings: readonly string[] | null }
  /** A plugin's last write is older than maxAgeSeconds (or, with no maxAge, its health says stale/down). */
  | { kind: 'data_freshness'; plugin: string; maxAgeSeconds: number | null }
  /** A plugin's health is at least this bad. */
  | { kind: 'plugin_health'; plugin: string | null; atLeast: 'degraded' | 'down' }
  /** A Prometheus metric from /metrics, optionally one labelled series, compared to a threshold. */
  | {
      kind: 'metric';
      metric: string;
      labels: Readonly<Record<string, string>>;
      op: '>' | '>=' | '<' | '<=' | '==' | '!=';
      threshold: number;
      /** For histograms/summaries: which figure (count, sum, or a quantile/bucket is not supported). */
      field: 'value' | 'count' | 'sum';
    };

export type ConditionKind = Condition['kind'];

/** What a rule's state becomes when its condition has no data (nothing recorded yet). */
export type NoDataPolicy = 'nodata' | 'ok' | 'alerting';

export interface Rule {
  id: string;
  name: string;
  severity: Severity;
  when: Condition;
  /** The condition must hold this long before the rule fires (Grafana's pending period). */
  pendingSeconds: number;
  /** After the condition clears, keep firing this long before resolving (against flapping back). */
  keepFiringSeconds: number;
  noData: NoDataPolicy;
  /** Channel names (keys of AlertsConfig.channels). Empty = shown on the dashboard only. */
  channels: readonly string[];
  /** Notifications for this rule at most `max` per `perSeconds` (the rest are recorded as rate-limited). */
  rateLimit: { max: number; perSeconds: number };
  /** 1-based line in the file where the rule starts; null for built-in defaults. */
  line: number | null;
}

/** Where a secret comes from; the value is resolved at startup and never logged. */
export type SecretRef = { env: string } | { file: string } | { value: string };

export interface RetryPolicy {
  /** First retry after this many seconds, doubling each attempt up to maxDelaySeconds, with jitter. */
  initialDelaySeconds: number;
  maxDelaySeconds: number;
  /** Attempts before a delivery is marked failed (it stays recorded and visible). */
  maxAttempts: number;
}

interface ChannelBase {
  name: string;
  /** Only notify for these severities; default all. */
  severities: readonly Severity[];
  retry: RetryPolicy;
  timeoutSeconds: number;
  line: number | null;
}

export type Channel =
  | (ChannelBase & {
      type: 'webhook';
      url: string;
      secret: string | null;
      headers: Readonly<Record<string, string>>;
    })
  | (ChannelBase & { type: 'slack'; url: string })
  | (ChannelBase & { type: 'discord'; url: string })
  | (ChannelBase & { type: 'telegram'; botToken: string; chatId: string; apiUrl: string })
  | (ChannelBase & {
      type: 'email';
      host: string;
      port: number;
      /** true = TLS from the start (465); false = STARTTLS when offered (587/25). */
      secure: boolean;
      user: string | null;
      password: string | null;
      from: string;
      to: readonly string[];
    });

export type ChannelType = Channel['type'];

export interface AlertsConfig {
  /** The file the config came from; null = the built-in defaults. */
  file: string | null;
  /** How often rules are evaluated (they are also evaluated on every relevant live event). */
  evaluateEverySeconds: number;
  channels: Readonly<Record<string, Channel>>;
  rules: readonly Rule[];
}

/** A notification as the dispatcher sends it: one alert episode firing or resolving. */
export interface AlertNotification {
  alertId: number;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  event: 'firing' | 'resolved';
  summary: string;
  /** The condition's value when it changed (number or text), for the message. */
  value: string | null;
  /** When the alert fired (and, for resolved, when it resolved). */
  firedAt: string;
  resolvedAt: string | null;
  /** Link to the dashboard's alerts page, when HYDRA_PUBLIC_URL is set. */
  url: string | null;
}
