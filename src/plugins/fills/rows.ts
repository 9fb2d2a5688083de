import type { OrderStatus, SecType, Side } from '../facts.js';

export interface OrderRow {
  seq: number;
  orderRef: string;
  cycleId: string;
  symbol: string;
  secType: SecType;
  currency: string;
  multiplier: number;
  side: Side;
  quantity: number;
  orderType: string;
  limitPrice: number | null;
  arrivalPrice: number;
  predictedSlippageBps: number;
  decidedAt: Date;
  submittedAt: Date | null;
  ackedAt: Date | null;
  doneAt: Date | null;
  brokerOrderId: number | null;
  permId: number | null;
  status: OrderStatus;
  filledQuantity: number;
  avgFillPrice: number | null;
  rejectReason: string | null;
}

export interface FillRow {
  seq: number;
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
  commission: number | null;
  realizedPnl: number | null;
  multiplier: number;
  arrivalPrice: number;
  predictedSlippageBps: number;
  decidedAt: Date;
  submittedAt: Date | null;
  ackedAt: Date | null;
  /** When hydra received the execution (its clock); null for rows from before it was recorded or read back later. */
  receivedAt: Date | null;
}

/** The fill's moment on hydra's clock, for latency: when it was received, else the broker's stamp. */
export const fillSeenAt = (f: FillRow): Date => f.receivedAt ?? f.time;

export interface EquityRow {
  cycleId: string;
  tradingDate: string;
  at: Date;
  netLiquidation: number;
  cash: number;
  dailyPnl: number | null;
  currency: string;
}

type Raw = Record<string, unknown>;
const d = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);

export const toOrder = (r: Raw): OrderRow => ({
  seq: r.seq as number,
  orderRef: r.order_ref as string,
  cycleId: r.cycle_id as string,
  symbol: r.symbol as string,
  secType: r.sec_type as SecType,
  currency: r.currency as string,
  multiplier: r.multiplier as number,
  side: r.side as Side,
  quantity: r.quantity as number,
  orderType: r.order_type as string,
  limitPrice: r.limit_price as number | null,
  arrivalPrice: r.arrival_price as number,
  predictedSlippageBps: r.predicted_slippage_bps as number,
  decidedAt: new Date(r.decided_at as string),
  submittedAt: d(r.submitted_at),
  ackedAt: d(r.acked_at),
  doneAt: d(r.done_at),
  brokerOrderId: r.broker_order_id as number | null,
  permId: r.perm_id as number | null,
  status: r.status as OrderStatus,
  filledQuantity: r.filled_quantity as number,
  avgFillPrice: r.avg_fill_price as number | null,
  rejectReason: r.reject_reason as string | null,
});

export const toFill = (r: Raw): FillRow => ({
  seq: r.seq as number,
  execId: r.exec_id as string,
  orderRef: r.order_ref as string,
  cycleId: r.cycle_id as string,
  symbol: r.symbol as string,
  side: r.side as Side,
  quantity: r.quantity as number,
  price: r.price as number,
  time: new Date(r.time as string),
  exchange: r.exchange as string,
  brokerOrderId: r.broker_order_id as number | null,
  permId: r.perm_id as number | null,
  commission: r.commission as number | null,
  realizedPnl: r.realized_pnl as number | null,
  multiplier: r.multiplier as number,
  arrivalPrice: r.arrival_price as number,
  predictedSlippageBps: r.predicted_slippage_bps as number,
  decidedAt: new Date(r.decided_at as string),
  submittedAt: d(r.submitted_at),
  ackedAt: d(r.acked_at),
  receivedAt: d(r.received_at),
});

export const toEquity = (r: Raw): EquityRow => ({
  cycleId: r.cycle_id as string,
  tradingDate: r.trading_date as string,
  at: new Date(r.at as string),
  netLiquidation: r.net_liquidation as number,
  cash: r.cash as number,
  dailyPnl: r.daily_pnl as number | null,
  currency: r.currency as string,
});
