import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { type OrderIntentFact, type OrderStatus, TERMINAL_ORDER_STATUSES } from '../../plugins/facts.js';
import { backoffDelay, sleep } from '../broker/backoff.js';
import { ORDER_TERMINAL_CODES } from '../broker/ib-errors.js';
import type { Broker, BrokerEvent, ExecutionReport, InstrumentSpec } from '../broker/types.js';
import type { Journal, JournalIntent, RecordFact } from './types.js';

/** An order this cycle is responsible for: a new intent to send, or one resumed from the journal. */
export interface WorkOrder {
  intent: Pick<OrderIntentFact, 'orderRef' | 'symbol' | 'side' | 'quantity' | 'orderType' | 'limitPrice'>;
  instrument: InstrumentSpec;
  /** Set when the broker already has it (resumed after a crash). */
  brokerOrderId: number | null;
  /** The journal's last known status of a resumed order. */
  status?: OrderStatus;
}

interface Tracked {
  work: WorkOrder;
  orderId: number | null;
  status: OrderStatus;
  filled: number;
  execIds: Set<string>;
  commissioned: Set<string>;
  ackedAt: Date | null;
  doneAt: Date | null;
}

export interface ExecuteOptions {
  broker: Broker;
  record: RecordFact;
  journal: Journal;
  cycleId: string;
  deadline: number;
  /** Grace after an order is filled for its commission reports to arrive. @default 5000 */
  commissionGraceMs?: number;
  maxReconnects: number;
  log: Logger;
  now: () => Date;
}

export interface ExecuteResult {
  fills: number;
  incomplete: string[];
  /** Why the step could not finish normally (lost connection), if it could not. */
  problem: string | null;
}

const TERMINAL = TERMINAL_ORDER_STATUSES;
const IB_STATUS: Record<string, OrderStatus> = {
  PendingSubmit: 'PendingSubmit',
  ApiPending: 'PendingSubmit',
  PreSubmitted: 'PreSubmitted',
  Submitted: 'Submitted',
  Filled: 'Filled',
  Cancelled: 'Cancelled',
  ApiCancelled: 'ApiCancelled',
  PendingCancel: 'Submitted',
  Inactive: 'Inactive',
};

/**
 * Places the work orders and follows them to a terminal state, recording every status, execution and
 * commission report through the plugin hooks. A dropped connection pauses the step: it reconnects with
 * backoff, re-reads open orders and executions (by orderRef) so nothing that happened meanwhile is lost,
 * and carries on; if it cannot reconnect before the deadline the step ends with a problem (cycle partial).
 */
export const executeOrders = async (
  work: readonly WorkOrder[],
  opts: ExecuteOptions,
): Promise<ExecuteResult> => {
  const { broker, record, log, now } = opts;
  const graceMs = opts.commissionGraceMs ?? 5_000;
  const byRef = new Map<string, Tracked>();
  const byOrderId = new Map<number, Tracked>();
  const orphanCommissions = new Map<string, BrokerEvent & { type: 'commission' }>();
  let fills = 0;
  let problem: string | null = null;
  const queue: BrokerEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = broker.subscribe((e) => {
    queue.push(e);
    wake?.();
  });

  const update = (
    t: Tracked,
    status: OrderStatus,
    extra: { avgFillPrice?: number | null; permId?: number | null; rejectReason?: string | null } = {},
  ) => {
    const at = now();
    if (status !== 'PendingSubmit' && !t.ackedAt) t.ackedAt = at;
    if (TERMINAL.has(status) && !t.doneAt) t.doneAt = at;
    t.status = status;
    record('onOrderUpdate', {
      orderRef: t.work.intent.orderRef,
      status,
      brokerOrderId: t.orderId,
      permId: extra.permId ?? null,
      filledQuantity: t.filled,
      remainingQuantity: Math.max(0, t.work.intent.quantity - t.filled),
      avgFillPrice: extra.avgFillPrice ?? null,
      at,
      ackedAt: t.ackedAt,
      rejectReason: extra.rejectReason ?? null,
    });
  };

  const onExecution = (x: ExecutionReport, live = true) => {
    const t = (x.orderRef && byRef.get(x.orderRef)) || byOrderId.get(x.orderId);
    if (!t || t.execIds.has(x.execId)) return;
    t.execIds.add(x.execId);
    t.filled += x.quantity;
    // Already journaled before a crash: it counts toward the order's fill, but is not recorded again.
    if (opts.journal.hasExecution(x.execId)) return;
    fills++;
    record('onExecution', {
      execId: x.execId,
      orderRef: t.work.intent.orderRef,
      cycleId: opts.cycleId,
      symbol: t.work.intent.symbol,
      side: t.work.intent.side,
      quantity: x.quantity,
      price: x.price,
      time: Number.isNaN(x.time.getTime()) ? now() : x.time,
      exchange: x.exchange,
      brokerOrderId: x.orderId || t.orderId,
      permId: x.permId,
      receivedAt: live ? now() : null,
    });
    const early = orphanCommissions.get(x.execId);
    if (early) {
      orphanCommissions.delete(x.execId);
      onCommission(early);
    }
  };

  const onCommission = (e: BrokerEvent & { type: 'commission' }) => {
    const t = [...byRef.values()].find((x) => x.execIds.has(e.report.execId));
    if (!t) {
      // IB can deliver the commission report before the execution it belongs to: hold it briefly.
      orphanCommissions.set(e.report.execId, e);
      return;
    }
    if (t.commissioned.has(e.report.execId)) return;
    t.commissioned.add(e.report.execId);
    record('onCommissionReport', { ...e.report, at: e.at });
  };

  const handle = (e: BrokerEvent) => {
    switch (e.type) {
      case 'orderStatus': {
        const t = byOrderId.get(e.orderId);
        if (!t) return;
        const status = IB_STATUS[e.status] ?? t.status;
        if (status === t.status && e.filled === t.filled) return;
        if (TERMINAL.has(t.status) && t.status !== 'Filled') return;
        update(t, status, { avgFillPrice: e.avgFillPrice || null, permId: e.permId });
        return;
      }
      case 'execution':
        onExecution(e.execution);
        return;
      case 'commission':
        onCommission(e);
        return;
      case 'orderError': {
        const t = byOrderId.get(e.orderId);
        if (!t || TERMINAL.has(t.status)) return;
        if (ORDER_TERMINAL_CODES.has(e.code)) {
          update(t, e.code === 202 ? 'Cancelled' : 'Rejected', {
            rejectReason: `IB ${e.code}: ${e.message}`,
          });
          record('onAuditEvent', {
            at: now(),
            kind: 'order-rejected',
            severity: 'warn',
            source: 'runner',
            message: `${t.work.intent.orderRef} rejected: IB ${e.code}: ${e.message}`,
            data: { orderRef: t.work.intent.orderRef, code: e.code },
          });
        }
        return;
      }
      case 'openOrder':
      case 'connectivity':
        return;
    }
  };

  const place = (t: Tracked) => {
    const floor = (opts.journal.maxBrokerOrderId() ?? 0) + 1;
    t.orderId = broker.nextOrderId(floor);
    byOrderId.set(t.orderId, t);
    // The id is committed before the order leaves: after a crash we know exactly what was sent.
    update(t, 'PendingSubmit');
    broker.placeOrder({ orderId: t.orderId, ...t.work.intent, instrument: t.work.instrument });
  };

  /** Re-reads the broker's view after a (re)connect: executions we missed and where each order stands. */
  const resync = async () => {
    const [{ executions, commissions }, open] = await Promise.all([
      broker.executions(null),
      broker.openOrders(),
    ]);
    for (const x of executions) {
      const t = x.orderRef ? byRef.get(x.orderRef) : undefined;
      if (t && t.orderId === null) {
        t.orderId = x.orderId;
        byOrderId.set(x.orderId, t);
      }
      onExecution(x, false);
    }
    for (const c of commissions) onCommission({ type: 'commission', report: c, at: now() });
    for (const o of open) {
      const t = o.orderRef ? byRef.get(o.orderRef) : undefined;
      if (!t) continue;
      if (t.orderId === null) {
        t.orderId = o.orderId;
        byOrderId.set(o.orderId, t);
      }
      const status = IB_STATUS[o.status];
      if (status && status !== t.status) update(t, status);
    }
    for (const t of byRef.values()) {
      if (t.status !== 'Filled' && t.filled >= t.work.intent.quantity) update(t, 'Filled');
    }
    return new Set(open.map((o) => o.orderRef).filter((r): r is string => r !== null));
  };

  /**
   * After a (re)connect: learn what the broker has, then settle every order it does not know. One that was
   * never acknowledged (Intent, PendingSubmit) never reached it, so it is sent now: that is not sending it
   * twice. One it acknowledged but no longer has, with no execution, was cancelled there.
   */
  const reconcile = async () => {
    const open = await resync();
    for (const t of byRef.values()) {
      if (TERMINAL.has(t.status) || open.has(t.work.intent.orderRef) || t.execIds.size > 0) continue;
      if (t.status === 'Intent' || t.status === 'PendingSubmit') place(t);
      else
        update(t, 'Cancelled', {
          rejectReason: 'no longer open at the broker after a reconnect, and never filled',
        });
    }
  };

  const reconnect = async (): Promise<boolean> => {
    for (let attempt = 0; attempt < opts.maxReconnects; attempt++) {
      const wait = backoffDelay(attempt, { baseMs: 250, capMs: 5_000 });
      if (Date.now() + wait >= opts.deadline) break;
      await sleep(wait);
      try {
        await broker.connect();
        record('onAuditEvent', {
          at: now(),
          kind: 'gateway-reconnected',
          severity: 'info',
          source: 'runner',
          message: `reconnected after ${attempt + 1} attempt(s)`,
        });
        await reconcile();
        return true;
      } catch (err) {
        log.warn({ err: errorMessage(err), attempt }, 'reconnect failed');
      }
    }
    return false;
  };

  try {
    for (const w of work) {
      const t: Tracked = {
        work: w,
        orderId: w.brokerOrderId,
        status: w.status ?? 'Intent',
        filled: 0,
        execIds: new Set(),
        commissioned: new Set(),
        ackedAt: null,
        doneAt: null,
      };
      byRef.set(w.intent.orderRef, t);
      if (t.orderId !== null) byOrderId.set(t.orderId, t);
    }
    if ([...byRef.values()].some((t) => t.orderId !== null)) await reconcile();
    for (const t of byRef.values()) if (t.status === 'Intent') place(t);

    const settled = () =>
      [...byRef.values()].every(
        (t) =>
          TERMINAL.has(t.status) &&
          (t.status !== 'Filled' ||
            t.commissioned.size >= t.execIds.size ||
            (t.doneAt !== null && now().getTime() - t.doneAt.getTime() > graceMs)),
      );
    while (!settled()) {
      const remaining = opts.deadline - Date.now();
      if (remaining <= 0) break;
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(remaining, 250));
        });
        wake = null;
      }
      while (queue.length > 0) {
        const e = queue.shift()!;
        if (e.type === 'connectivity' && e.state === 'disconnected' && !broker.isConnected()) {
          log.warn({ code: e.code }, 'gateway connection lost during execution; reconnecting');
          if (!(await reconnect())) {
            problem = `lost the gateway connection during execution and could not reconnect: ${e.message}`;
            break;
          }
        } else handle(e);
      }
      if (problem) break;
    }
  } finally {
    unsubscribe();
  }

  const incomplete = [...byRef.values()].filter((t) => !TERMINAL.has(t.status));
  for (const t of incomplete) {
    if (t.orderId !== null) broker.cancelOrder(t.orderId);
    update(t, 'TimedOut', { rejectReason: problem ?? 'not filled before the cycle deadline' });
  }
  return { fills, incomplete: incomplete.map((t) => t.work.intent.orderRef), problem };
};

/** Turns journal intents of a resumed cycle into work orders (instrument resolved by the caller). */
export const resumedWork = (
  intents: readonly JournalIntent[],
  instruments: ReadonlyMap<string, InstrumentSpec>,
): WorkOrder[] =>
  intents
    .filter((i) => !TERMINAL.has(i.status) && instruments.has(i.symbol))
    .map((i) => ({
      intent: {
        orderRef: i.orderRef,
        symbol: i.symbol,
        side: i.side,
        quantity: i.quantity,
        orderType: 'MKT' as const,
        limitPrice: null,
      },
      instrument: instruments.get(i.symbol)!,
      brokerOrderId: i.brokerOrderId,
      status: i.status,
    }));
