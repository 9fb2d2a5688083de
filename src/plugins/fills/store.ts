import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open.js';
import {
  type CommissionFact,
  type CycleReport,
  type ExecutionFact,
  type OrderIntentFact,
  type OrderStatus,
  type OrderUpdateFact,
  TERMINAL_ORDER_STATUSES,
} from '../facts.js';
import { type FillsPageShape, fillsPageWhere, shapeKey } from './fills-query.js';
import { type EquityRow, type FillRow, type OrderRow, toEquity, toFill, toOrder } from './rows.js';

export interface FillFilter {
  symbol?: string | null;
  side?: 'BUY' | 'SELL' | null;
  cycleId?: string | null;
  from?: string | null; // ISO, inclusive
  to?: string | null; // ISO, exclusive
}

export interface OrderFilter {
  symbol?: string | null;
  cycleId?: string | null;
  status?: OrderStatus | null;
}

const TERMINAL = TERMINAL_ORDER_STATUSES;

export interface FillsStore {
  // writer side
  recordIntent(f: OrderIntentFact): OrderRow | null;
  recordOrderUpdate(f: OrderUpdateFact): OrderRow | null;
  /** Null when the execution id is already recorded: a replay changes nothing. */
  recordExecution(f: ExecutionFact): FillRow | null;
  /** The fill it completed, or null when its execution has not arrived yet (kept until it does). */
  recordCommission(f: CommissionFact): FillRow | null;
  recordCycleEnd(r: CycleReport): EquityRow | null;
  // what the runner reads back to stay idempotent
  intentsOfCycle(cycleId: string): OrderRow[];
  hasExecution(execId: string): boolean;
  maxBrokerOrderId(): number | null;
  previousNetLiquidation(tradingDate: string): number | null;
  // read side
  fill(execId: string): FillRow | null;
  fills(f: FillFilter, after: [string, number] | null, limit: number): FillRow[];
  fillsOfOrder(orderRef: string): FillRow[];
  order(orderRef: string): OrderRow | null;
  orders(f: OrderFilter, afterSeq: number | null, limit: number): OrderRow[];
  fillsInRange(from: string, to: string): FillRow[];
  ordersInRange(from: string, to: string): OrderRow[];
  equity(fromDate: string, toDate: string): EquityRow[];
  counts(): { fills: number; lastFillAt: Date | null };
}

const FILL_SELECT = `SELECT e.*, o.multiplier, o.arrival_price, o.predicted_slippage_bps, o.decided_at, o.submitted_at, o.acked_at
  FROM executions e JOIN orders o ON o.order_ref = e.order_ref`;

export const createFillsStore = (db: Db): FillsStore => {
  const insertOrder = db.prepare(
    `INSERT INTO orders (order_ref, cycle_id, symbol, sec_type, currency, multiplier, side, quantity, order_type, limit_price, arrival_price, predicted_slippage_bps, decided_at, status)
     VALUES (@orderRef, @cycleId, @symbol, @secType, @currency, @multiplier, @side, @quantity, @orderType, @limitPrice, @arrivalPrice, @predictedSlippageBps, @decidedAt, 'Intent')
     ON CONFLICT (order_ref) DO NOTHING`,
  );
  const getOrder = db.prepare('SELECT * FROM orders WHERE order_ref = ?');
  const updateOrder = db.prepare(
    `UPDATE orders SET status = @status,
       broker_order_id = COALESCE(@brokerOrderId, broker_order_id), perm_id = COALESCE(@permId, perm_id),
       filled_quantity = MAX(filled_quantity, @filled), avg_fill_price = COALESCE(@avgFillPrice, avg_fill_price),
       submitted_at = COALESCE(submitted_at, @submittedAt), acked_at = COALESCE(acked_at, @ackedAt),
       done_at = CASE WHEN @terminal = 1 THEN COALESCE(done_at, @at) ELSE done_at END,
       reject_reason = COALESCE(@rejectReason, reject_reason)
     WHERE order_ref = @orderRef`,
  );
  const insertExec = db.prepare(
    `INSERT INTO executions (exec_id, order_ref, cycle_id, symbol, side, quantity, price, time, exchange, broker_order_id, perm_id, received_at)
     VALUES (@execId, @orderRef, @cycleId, @symbol, @side, @quantity, @price, @time, @exchange, @brokerOrderId, @permId, @receivedAt)
     ON CONFLICT (exec_id) DO NOTHING`,
  );
  const setCommission = db.prepare(
    'UPDATE executions SET commission = ?, commission_currency = ?, realized_pnl = ?, commission_at = ? WHERE exec_id = ?',
  );
  const pendingGet = db.prepare('SELECT * FROM pending_commissions WHERE exec_id = ?');
  const pendingPut = db.prepare(
    'INSERT OR REPLACE INTO pending_commissions (exec_id, commission, currency, realized_pnl, at) VALUES (?, ?, ?, ?, ?)',
  );
  const pendingDel = db.prepare('DELETE FROM pending_commissions WHERE exec_id = ?');
  const getFill = db.prepare(`${FILL_SELECT} WHERE e.exec_id = ?`);
  const hasExec = db.prepare('SELECT 1 FROM executions WHERE exec_id = ?');
  const intents = db.prepare('SELECT * FROM orders WHERE cycle_id = ? ORDER BY seq');
  const maxId = db.prepare('SELECT MAX(broker_order_id) AS m FROM orders');
  const prevNlv = db.prepare(
    'SELECT net_liquidation AS v FROM equity WHERE trading_date < ? ORDER BY trading_date DESC, at DESC LIMIT 1',
  );
  const fillsPages = new Map<string, Statement>();
  const fillsPage = (shape: FillsPageShape): Statement => {
    const key = shapeKey(shape);
    let st = fillsPages.get(key);
    if (!st) {
      st = db.prepare(
        `${FILL_SELECT} ${fillsPageWhere(shape)} ORDER BY e.time DESC, e.seq DESC LIMIT @limit`,
      );
      fillsPages.set(key, st);
    }
    return st;
  };
  const orderFills = db.prepare(`${FILL_SELECT} WHERE e.order_ref = ? ORDER BY e.time, e.seq`);
  const ordersPage = db.prepare(
    `SELECT * FROM orders WHERE (@symbol IS NULL OR symbol = @symbol) AND (@cycleId IS NULL OR cycle_id = @cycleId) AND (@status IS NULL OR status = @status)
       AND (@after IS NULL OR seq < @after) ORDER BY seq DESC LIMIT @limit`,
  );
  const fillsRange = db.prepare(`${FILL_SELECT} WHERE e.time >= ? AND e.time < ? ORDER BY e.time, e.seq`);
  const ordersRange = db.prepare(
    'SELECT * FROM orders WHERE decided_at >= ? AND decided_at < ? ORDER BY seq',
  );
  const insertPosition = db.prepare(
    `INSERT OR REPLACE INTO positions (cycle_id, trading_date, symbol, sec_type, quantity, avg_cost, multiplier, market_price, market_value, unrealized_pnl)
     VALUES (@cycleId, @tradingDate, @symbol, @secType, @quantity, @avgCost, @multiplier, @marketPrice, @marketValue, @unrealizedPnl)`,
  );
  const insertEquity = db.prepare(
    `INSERT OR REPLACE INTO equity (cycle_id, trading_date, at, net_liquidation, cash, daily_pnl, currency)
     VALUES (@cycleId, @tradingDate, @at, @netLiquidation, @cash, @dailyPnl, @currency) RETURNING *`,
  );
  const equityRange = db.prepare(
    'SELECT * FROM equity WHERE trading_date >= ? AND trading_date < ? ORDER BY trading_date, at',
  );
  const counts = db.prepare('SELECT COUNT(*) AS n, MAX(time) AS last FROM executions');

  const order = (ref: string) => {
    const r = getOrder.get(ref) as Record<string, unknown> | undefined;
    return r ? toOrder(r) : null;
  };
  const fill = (id: string) => {
    const r = getFill.get(id) as Record<string, unknown> | undefined;
    return r ? toFill(r) : null;
  };
  const applyCommission = (f: {
    execId: string;
    commission: number;
    currency: string;
    realizedPnl: number | null;
    at: Date;
  }) => setCommission.run(f.commission, f.currency, f.realizedPnl, f.at.toISOString(), f.execId).changes > 0;

  return {
    recordIntent: (f) => {
      insertOrder.run({ ...f, decidedAt: f.decidedAt.toISOString() });
      return order(f.orderRef);
    },
    recordOrderUpdate: (f) => {
      const iso = (x: Date | null | undefined) => (x ? x.toISOString() : null);
      updateOrder.run({
        orderRef: f.orderRef,
        status: f.status,
        brokerOrderId: f.brokerOrderId,
        permId: f.permId,
        filled: f.filledQuantity,
        avgFillPrice: f.avgFillPrice,
        submittedAt: iso(f.submittedAt) ?? (f.status === 'PendingSubmit' ? f.at.toISOString() : null),
        ackedAt: iso(f.ackedAt),
        at: f.at.toISOString(),
        terminal: TERMINAL.has(f.status) ? 1 : 0,
        rejectReason: f.rejectReason ?? null,
      });
      return order(f.orderRef);
    },
    recordExecution: (f) => {
      if (!order(f.orderRef)) return null;
      const inserted = insertExec.run({
        ...f,
        time: f.time.toISOString(),
        receivedAt: f.receivedAt?.toISOString() ?? null,
      });
      if (inserted.changes === 0) return null;
      const early = pendingGet.get(f.execId) as
        | { commission: number; currency: string; realized_pnl: number | null; at: string }
        | undefined;
      if (early) {
        applyCommission({
          execId: f.execId,
          commission: early.commission,
          currency: early.currency,
          realizedPnl: early.realized_pnl,
          at: new Date(early.at),
        });
        pendingDel.run(f.execId);
      }
      return fill(f.execId);
    },
    recordCommission: (f) => {
      if (applyCommission(f)) return fill(f.execId);
      pendingPut.run(f.execId, f.commission, f.currency, f.realizedPnl, f.at.toISOString());
      return null;
    },
    recordCycleEnd: (r) => {
      for (const p of r.positions)
        insertPosition.run({ cycleId: r.cycleId, tradingDate: r.tradingDate, ...p });
      if (!r.account) return null;
      return toEquity(
        insertEquity.get({
          cycleId: r.cycleId,
          tradingDate: r.tradingDate,
          at: r.endedAt.toISOString(),
          ...r.account,
        }) as Record<string, unknown>,
      );
    },
    intentsOfCycle: (id) => (intents.all(id) as Record<string, unknown>[]).map(toOrder),
    hasExecution: (id) => hasExec.get(id) !== undefined,
    maxBrokerOrderId: () => (maxId.get() as { m: number | null }).m,
    previousNetLiquidation: (date) => (prevNlv.get(date) as { v: number } | undefined)?.v ?? null,
    fill,
    fills: (f, after, limit) => {
      const params = {
        symbol: f.symbol ?? null,
        side: f.side ?? null,
        cycleId: f.cycleId ?? null,
        from: f.from ?? null,
        to: f.to ?? null,
        afterTime: after?.[0] ?? null,
        afterSeq: after?.[1] ?? null,
        limit,
      };
      // The statement names only the parameters that are set; better-sqlite3 ignores the others.
      const st = fillsPage({
        symbol: params.symbol !== null,
        side: params.side !== null,
        cycleId: params.cycleId !== null,
        from: params.from !== null,
        to: params.to !== null,
        after: params.afterTime !== null,
      });
      return (st.all(params) as Record<string, unknown>[]).map(toFill);
    },
    fillsOfOrder: (ref) => (orderFills.all(ref) as Record<string, unknown>[]).map(toFill),
    order,
    orders: (f, after, limit) =>
      (
        ordersPage.all({
          symbol: f.symbol ?? null,
          cycleId: f.cycleId ?? null,
          status: f.status ?? null,
          after,
          limit,
        }) as Record<string, unknown>[]
      ).map(toOrder),
    fillsInRange: (from, to) => (fillsRange.all(from, to) as Record<string, unknown>[]).map(toFill),
    ordersInRange: (from, to) => (ordersRange.all(from, to) as Record<string, unknown>[]).map(toOrder),
    equity: (from, to) => (equityRange.all(from, to) as Record<string, unknown>[]).map(toEquity),
    counts: () => {
      const r = counts.get() as { n: number; last: string | null };
      return { fills: r.n, lastFillAt: r.last ? new Date(r.last) : null };
    },
  };
};
