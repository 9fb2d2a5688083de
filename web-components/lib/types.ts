/** The shapes of the API answers the dashboard reads (a subset of schema.graphql, by hand). */

export type Side = 'BUY' | 'SELL';
export type Mode = 'SIMULATED' | 'PAPER' | 'LIVE';

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const nodes = <T>(c: Connection<T> | null | undefined): T[] => c?.edges.map((e) => e.node) ?? [];

export interface Fill {
  id: string;
  execId: string;
  time: string;
  symbol: string;
  side: Side;
  quantity: number;
  price: number;
  notional: number;
  commission: number | null;
  realizedPnl: number | null;
  arrivalPrice: number;
  slippageBps: number;
  predictedSlippageBps: number;
  cycleId: string;
  orderRef: string;
  exchange: string;
  latency: {
    decisionToSubmitMs: number | null;
    submitToAckMs: number | null;
    ackToFillMs: number | null;
    decisionToFillMs: number | null;
  };
}

export const FILL_FIELDS = `id execId time symbol side quantity price notional commission realizedPnl arrivalPrice
  slippageBps predictedSlippageBps cycleId orderRef exchange
  latency { decisionToSubmitMs submitToAckMs ackToFillMs decisionToFillMs }`;

export interface ModeTruth {
  agrees: boolean;
  problem: string | null;
  configured: string;
  port: string;
  account: string;
}

export interface Gateway {
  state: string;
  connected: boolean;
  host: string | null;
  port: number;
  account: string | null;
  serverVersion: number | null;
  lastChangeAt: string | null;
  lastMessage: string | null;
  modeTruth: ModeTruth | null;
  session: GatewaySession | null;
}

/** The IB session's life (daily restart, weekly 2FA re-authentication, between-cycle probe). */
export interface GatewaySession {
  reachable: boolean | null;
  checkedAt: string | null;
  reachableSince: string | null;
  probeError: string | null;
  lastSeenAt: string | null;
  nextRestartAt: string | null;
  weeklyReauthAt: string | null;
  twoFactorDueAt: string | null;
  loggedInSinceWeeklyReauth: boolean | null;
  resetWindow: string | null;
  warnings: string[];
}

export const GATEWAY_FIELDS = `state connected host port account serverVersion lastChangeAt lastMessage
  modeTruth { agrees problem configured port account }
  session { reachable checkedAt reachableSince probeError lastSeenAt nextRestartAt weeklyReauthAt twoFactorDueAt
    loggedInSinceWeeklyReauth resetWindow warnings }`;

export interface CycleStep {
  name: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  detail: string | null;
}

export interface Cycle {
  id: string;
  status: string;
  tradingDate: string;
  trigger: string;
  mode: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  currentStep: string | null;
  error: string | null;
  steps?: CycleStep[];
}

export const CYCLE_FIELDS =
  'id status tradingDate trigger mode startedAt endedAt durationMs currentStep error';

export interface EquityPoint {
  at: string;
  tradingDate: string;
  netLiquidation: number;
  cash: number;
  dailyPnl: number | null;
  cycleId: string;
}

export interface DriftObservation {
  id: number;
  at: string;
  tradingDate: string;
  cycleId: string;
  kind: string;
  name: string;
  method: string;
  value: number | null;
  pValue: number | null;
  status: string;
  thresholds: Record<string, unknown>;
  params: Record<string, unknown>;
}

/** A detector alarm drawn on a time chart. */
export interface ChartMarker {
  x: number;
  label: string;
  tone: 'alert' | 'warn' | 'info';
}

/** Detector alarms (kind "detector") as chart markers; `stream` picks pnl or slippage-residual alarms. */
export const alarmMarkers = (obs: readonly DriftObservation[], stream?: string): ChartMarker[] =>
  obs
    .filter((o) => o.kind === 'detector' && (!stream || o.name.endsWith(`:${stream}`)))
    .map((o) => ({ x: dayX(o.tradingDate), label: o.name, tone: 'alert' as const }))
    .sort((a, b) => a.x - b.x);

/**
 * Detector alarms for chart markers. The operation must declare `$alarms: Int = 200`: page sizes go in
 * variables (the server's cost limit multiplies a literal `first` into the cost; a variable is counted once).
 */
export const DETECTOR_ALARMS_QUERY = `driftObservations(first: $alarms, filter: { kind: "detector" }) {
  edges { cursor node { id at tradingDate cycleId kind name method value pValue status thresholds params } }
  pageInfo { hasNextPage endCursor } }`;

/** A trading date (YYYY-MM-DD) as chart x: local midnight in seconds, so the time axis labels that day. */
export const dayX = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1).getTime() / 1000;
};
