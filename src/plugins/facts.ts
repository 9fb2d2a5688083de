import type { SystemMode } from '../config.js';

/**
 * The facts the runner feeds to plugin cycle hooks. Plain data that survives structured cloning (the runner
 * lives in a worker thread) and carries no behaviour. Prices are in the instrument's currency; quantities
 * are unsigned with a side, except positions which are signed.
 */

export type Side = 'BUY' | 'SELL';
export type SecType = 'STK' | 'FUT' | 'OPT' | 'FOP';

/** Options on stocks (OPT) or futures (FOP): held beside the strategy's book, shown by their Greeks. */
export const isOptionType = (s: string): boolean => s === 'OPT' || s === 'FOP';
export type CycleStatus = 'running' | 'ok' | 'partial' | 'failed' | 'refused';
export type StepName = 'connect' | 'account' | 'data' | 'signal' | 'risk' | 'intents' | 'execute' | 'close';
export type StepStatus = 'running' | 'ok' | 'failed' | 'skipped';

export interface CycleStartFact {
  cycleId: string; // `${tradingDate}#${attempt}`
  tradingDate: string; // YYYY-MM-DD in the exchange time zone
  attempt: number;
  mode: SystemMode;
  account: string | null;
  startedAt: Date;
  trigger: 'schedule' | 'manual' | 'backfill';
}

export interface CycleStepFact {
  cycleId: string;
  step: StepName;
  status: StepStatus;
  startedAt: Date;
  endedAt: Date | null;
  detail: string | null;
}

export type RiskVerdict = 'allow' | 'clip' | 'block';
export interface RiskDecisionFact {
  cycleId: string;
  rule: string;
  subject: string; // a symbol, or 'portfolio'
  value: number;
  limit: number;
  decision: RiskVerdict;
  reason: string;
  at: Date;
}

export interface OrderIntentFact {
  orderRef: string; // hydra:<cycleId>:<symbol>
  cycleId: string;
  symbol: string;
  secType: SecType;
  currency: string;
  multiplier: number;
  side: Side;
  quantity: number;
  orderType: 'MKT' | 'LMT';
  limitPrice: number | null;
  arrivalPrice: number;
  predictedSlippageBps: number;
  decidedAt: Date;
}

/** IB's order states, plus the runner's own terminal states for what IB never confirmed. */
export type OrderStatus =
  | 'Intent'
  | 'PendingSubmit'
  | 'PreSubmitted'
  | 'Submitted'
  | 'Filled'
  | 'PartiallyFilled'
  | 'Cancelled'
  | 'ApiCancelled'
  | 'Inactive'
  | 'Rejected'
  | 'TimedOut';

/** States an order does not leave: the journal marks them done, the runner stops following them. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'Filled',
  'Cancelled',
  'ApiCancelled',
  'Inactive',
  'Rejected',
  'TimedOut',
]);

export interface OrderUpdateFact {
  orderRef: string;
  status: OrderStatus;
  brokerOrderId: number | null;
  permId: number | null;
  filledQuantity: number;
  remainingQuantity: number;
  avgFillPrice: number | null;
  at: Date;
  submittedAt?: Date | null;
  ackedAt?: Date | null;
  rejectReason?: string | null;
}

export interface ExecutionFact {
  execId: string;
  orderRef: string;
  cycleId: string;
  symbol: string;
  side: Side;
  quantity: number;
  price: number;
  time: Date;
  exchange: string;
  brokerOrderId: number | null;
  permId: number | null;
  /**
   * When hydra received the report, on its own clock; null when it was read back later (after a reconnect).
   * Latency is measured on it: `time` is the broker's stamp, which a simulator sets to its simulated day.
   */
  receivedAt?: Date | null;
}

export interface CommissionFact {
  execId: string;
  commission: number;
  currency: string;
  realizedPnl: number | null;
  at: Date;
}

export type GatewayState = 'connected' | 'disconnected' | 'connecting' | 'data-lost' | 'restored';
export interface GatewayStatusFact {
  state: GatewayState;
  at: Date;
  host: string;
  port: number;
  serverVersion: number | null;
  account: string | null;
  code: number | null; // the IB message code behind the change (1100, 1101, 1102, 2110, ...)
  message: string | null;
}

export interface AuditEventFact {
  at: Date;
  kind: string;
  severity: 'info' | 'warn' | 'error';
  source: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface PositionFact {
  symbol: string;
  secType: SecType;
  quantity: number;
  avgCost: number;
  multiplier: number;
  marketPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
}

/**
 * One position of the book at the end of a cycle, as the broker reports it, with the option's Greeks when IB
 * sent them. Greeks are per unit as IB reports them (delta/gamma per 1.00 of the underlying, vega per vol
 * point, theta per calendar day); null when IB did not send them, never zero.
 */
export interface BookPositionFact {
  symbol: string;
  secType: SecType;
  conId: number | null;
  right: 'C' | 'P' | null;
  strike: number | null;
  /** YYYYMMDD for options and futures, else null. */
  expiry: string | null;
  multiplier: number;
  quantity: number;
  /** Per unit, multiplier removed. */
  avgCost: number;
  marketPrice: number | null;
  underlyingPrice: number | null;
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  impliedVol: number | null;
}

export interface PositionsSnapshotFact {
  cycleId: string;
  tradingDate: string;
  at: Date;
  positions: readonly BookPositionFact[];
}

export interface SignalFact {
  symbol: string;
  targetPosition: number;
  probabilityUp: number;
  features: Record<string, number>;
  price: number;
}

export interface CycleReport {
  cycleId: string;
  tradingDate: string;
  status: Exclude<CycleStatus, 'running'>;
  error: string | null;
  endedAt: Date;
  account: { netLiquidation: number; cash: number; dailyPnl: number | null; currency: string } | null;
  positions: readonly PositionFact[];
  strategy: { name: string; version: string; params: Record<string, unknown> } | null;
  signals: readonly SignalFact[];
  /**
   * Executions the broker reports for this cycle's session (any orderRef), for reconciliation against the
   * journal; empty when the broker could not be asked (lost connection).
   */
  brokerExecutions?: readonly {
    execId: string;
    orderRef: string | null;
    symbol: string;
    side: Side;
    quantity: number;
    price: number;
  }[];
  /** Challenger variants evaluated in shadow: no orders, for the experiments plugin. */
  shadow: readonly { variant: string; params: Record<string, unknown>; signals: readonly SignalFact[] }[];
}
