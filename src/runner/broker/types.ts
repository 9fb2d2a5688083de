import type { SecType, Side } from '../../plugins/facts.js';

/** What the cycle needs of a broker: narrow, promise-based, with IB's details kept inside the adapter. */

export interface ConnectInfo {
  serverVersion: number;
  connectionTime: string;
  accounts: string[];
  nextOrderId: number;
  clientId: number;
}

export interface InstrumentSpec {
  symbol: string;
  secType: SecType;
  exchange: string;
  currency: string;
  multiplier: number;
  conId: number | null;
  /** Futures: the contract month (YYYYMM or YYYYMMDD). */
  expiry: string | null;
}

export interface DailyBar {
  date: string; // YYYY-MM-DD
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface AccountSnapshot {
  account: string;
  netLiquidation: number;
  cash: number;
  currency: string;
}

export interface BrokerPosition {
  account: string;
  symbol: string;
  secType: SecType;
  quantity: number; // signed
  avgCost: number; // per unit, multiplier removed
  multiplier: number;
  conId: number | null;
  /** Options (OPT, FOP): the contract's right, strike and expiry (YYYYMMDD); null for stocks and futures. */
  option: { right: 'C' | 'P'; strike: number; expiry: string } | null;
}

/**
 * What IB sent in tickOptionComputation for one option, per unit as IB reports them: delta and gamma per 1.00
 * of the underlying, vega per vol point, theta per calendar day. A figure IB did not compute is null.
 */
export interface OptionGreeks {
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  impliedVol: number | null;
  /** The model's option price, per unit. */
  optPrice: number | null;
  undPrice: number | null;
}

export interface Quote {
  bid: number | null;
  ask: number | null;
  last: number | null;
  close: number | null;
}

export interface OrderRequest {
  orderId: number;
  orderRef: string;
  instrument: InstrumentSpec;
  side: Side;
  quantity: number;
  orderType: 'MKT' | 'LMT';
  limitPrice: number | null;
}

export interface OpenOrderInfo {
  orderId: number;
  permId: number | null;
  orderRef: string | null;
  symbol: string;
  side: Side;
  quantity: number;
  status: string;
}

export interface ExecutionReport {
  execId: string;
  orderId: number;
  permId: number | null;
  orderRef: string | null;
  symbol: string;
  secType: SecType;
  side: Side;
  quantity: number;
  price: number;
  cumQty: number;
  avgPrice: number;
  time: Date;
  exchange: string;
  clientId: number | null;
}

export interface CommissionReportInfo {
  execId: string;
  commission: number;
  currency: string;
  realizedPnl: number | null;
}

export type ConnectivityState = 'connected' | 'disconnected' | 'connecting' | 'data-lost' | 'restored';

export type BrokerEvent =
  | {
      type: 'orderStatus';
      orderId: number;
      status: string;
      filled: number;
      remaining: number;
      avgFillPrice: number;
      permId: number | null;
      at: Date;
    }
  | { type: 'openOrder'; order: OpenOrderInfo; at: Date }
  | { type: 'execution'; execution: ExecutionReport; at: Date }
  | { type: 'commission'; report: CommissionReportInfo; at: Date }
  | { type: 'orderError'; orderId: number; code: number; message: string; at: Date }
  | { type: 'connectivity'; state: ConnectivityState; code: number | null; message: string; at: Date };

export interface Broker {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  /** Connects and waits for nextValidId (a gateway stuck at login never sends it: then a timeout error). */
  connect(): Promise<ConnectInfo>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  /** Next order id to use: never below the broker's nextValidId nor below `floor` (ids already used). */
  nextOrderId(floor?: number): number;
  accountSnapshot(account: string): Promise<AccountSnapshot>;
  positions(): Promise<BrokerPosition[]>;
  /**
   * The model Greeks IB computes for each option (a snapshot market-data request per contract, by conId).
   * Options IB sent no Greeks for are absent from the map: missing, never zero.
   */
  optionGreeks(options: readonly BrokerPosition[]): Promise<Map<number, OptionGreeks>>;
  instrument(symbol: string): Promise<InstrumentSpec>;
  dailyBars(instrument: InstrumentSpec, endDate: string | null, days: number): Promise<DailyBar[]>;
  quote(instrument: InstrumentSpec): Promise<Quote>;
  placeOrder(order: OrderRequest): void;
  cancelOrder(orderId: number): void;
  openOrders(): Promise<OpenOrderInfo[]>;
  /** Executions (and the commission reports IB sends with them) since `since`, for this client id. */
  executions(
    since: Date | null,
    opts?: { allClients?: boolean },
  ): Promise<{ executions: ExecutionReport[]; commissions: CommissionReportInfo[] }>;
  /** Every order, execution and connectivity event; returns the unsubscribe function. */
  subscribe(listener: (event: BrokerEvent) => void): () => void;
}
