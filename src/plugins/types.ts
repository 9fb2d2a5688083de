import type { SystemMode } from '../config.js';
import type { Db } from '../db/open.js';
import type { RestartTime } from '../gateway/restart-time.js';
import type { GatewayProbeState } from '../gateway/watch.js';
import type { Logger } from '../log.js';
import type { Builder } from '../schema/builder.js';
import type { PubSub, TopicEvent } from '../schema/pubsub.js';
import type {
  AuditEventFact,
  CommissionFact,
  CycleReport,
  CycleStartFact,
  CycleStepFact,
  ExecutionFact,
  GatewayStatusFact,
  OrderIntentFact,
  OrderUpdateFact,
  PositionsSnapshotFact,
  RiskDecisionFact,
} from './facts.js';

export type HealthStatus = 'ok' | 'degraded' | 'down';
export interface HealthResult {
  status: HealthStatus;
  detail: string;
  /** When the plugin last recorded a fact: the system plugin judges freshness against the schedule. */
  lastWriteAt?: Date | null;
}
export interface PluginHealth extends HealthResult {
  name: string;
}

/** Stores of the plugins a plugin declared in `dependsOn`, by plugin name. */
export type Stores = Readonly<Record<string, unknown>>;

/** When cycles are expected: a cron in the exchange's zone, or every N seconds (the simulator's days). */
export type CycleSchedule =
  | { kind: 'cron'; cron: string; tz: string; timeoutSeconds: number }
  | { kind: 'interval'; seconds: number; tz: string; timeoutSeconds: number };

export interface KillSwitchState {
  on: boolean;
  source: 'env' | 'file' | null;
  since: Date | null;
  reason: string | null;
}

/** What the operator configured for the gateway: the "configured" side of mode truth. */
export interface GatewayConfig {
  host: string | null;
  port: number;
  tradingMode: 'paper' | 'live';
  /** The gateway's daily auto-restart in the schedule's zone; null = none configured. */
  restartTime?: RestartTime | null;
}

/** Process-level facts the system plugin shows; the composition root provides them. */
export interface RuntimeInfo {
  version: string;
  startedAt: Date;
  mode: SystemMode;
  heartbeatMs: number;
  now(): Date;
  health(): PluginHealth[];
  schedule?: CycleSchedule;
  killSwitch?: () => KillSwitchState;
  gateway?: GatewayConfig;
  /** The between-cycles handshake probe of the gateway; absent when probing is off. */
  gatewayProbe?: () => GatewayProbeState | null;
  /** Settings as `hydra check` shows them (secrets masked), for the dashboard's config summary. */
  configSummary?: () => { env: string; value: string; source: string }[];
}

export interface SchemaDeps<S> {
  store: S;
  stores: Stores;
  pubsub: PubSub;
  log: Logger;
  runtime: RuntimeInfo;
}

/** What a hook may return: events published after its transaction commits. */
export type HookEvents = readonly TopicEvent[] | undefined;
// biome-ignore lint/suspicious/noConfusingVoidType: hooks that emit nothing simply return
type HookReturn = HookEvents | void;

/**
 * Writer side, called by the runner in the worker thread, in plugin order, each call inside a transaction
 * (envelop-style: every hook optional). A hook that throws rolls back that fact for every plugin.
 */
export interface CycleHooks<S> {
  onCycleStart?(store: S, fact: CycleStartFact): HookReturn;
  onCycleStep?(store: S, fact: CycleStepFact): HookReturn;
  onRiskDecisions?(store: S, facts: readonly RiskDecisionFact[]): HookReturn;
  onOrderIntent?(store: S, fact: OrderIntentFact): HookReturn;
  onOrderUpdate?(store: S, fact: OrderUpdateFact): HookReturn;
  onExecution?(store: S, fact: ExecutionFact): HookReturn;
  onCommissionReport?(store: S, fact: CommissionFact): HookReturn;
  onGatewayStatus?(store: S, fact: GatewayStatusFact): HookReturn;
  onAuditEvent?(store: S, fact: AuditEventFact): HookReturn;
  /** The book at the end of the cycle, options with their Greeks (before onCycleEnd). */
  onPositionsSnapshot?(store: S, fact: PositionsSnapshotFact): HookReturn;
  onCycleEnd?(store: S, report: CycleReport): HookReturn;
}
export type HookName = keyof CycleHooks<unknown>;
export type HookFact<K extends HookName> = Parameters<NonNullable<CycleHooks<unknown>[K]>>[1];

/**
 * A data source. A plain object made by a factory; listed in one ordered array (src/plugins/index.ts).
 * Order = migration order = schema order = hook order.
 */
export interface MonitorPlugin<S = unknown> {
  readonly name: string;
  /** Plugins whose stores this one may read; each must come earlier in the list. */
  readonly dependsOn?: readonly string[];
  /** Append-only SQL; version N is the N-th entry. */
  readonly migrations: readonly string[];
  /** Prepares statements once; the same code serves the server's reader and the worker's writer. */
  store(db: Db, deps: Stores): S;
  schema?(builder: Builder, deps: SchemaDeps<S>): void;
  readonly cycle?: CycleHooks<S>;
  health?(store: S, now: Date): HealthResult;
}

/** Erases the store type for lists of heterogeneous plugins. */
// biome-ignore lint/suspicious/noExplicitAny: a list holds plugins with different store types
export type AnyPlugin = MonitorPlugin<any>;

export const definePlugin = <S>(plugin: MonitorPlugin<S>): MonitorPlugin<S> => plugin;
