import {
  type CommissionPlan,
  createAccount,
  IBKR_PRO_FIXED,
  orderCommission,
  type SimPosition,
} from './account.js';
import { afterClose } from './calendar.js';
import type { SimContractSpec } from './catalog.js';
import type { Market } from './market.js';
import { crosses, impact, marketable, restingLimitFill, type Side, touchFill } from './matching.js';
import { createInstrumentPrices, createOptionPricing, type InstrumentPrices } from './options/pricing.js';
import { hash32, mulberry32, normal } from './rng.js';

export type { SimPosition } from './account.js';
export type { Side } from './matching.js';

/**
 * The paper account's order engine. State lives for the simulator's life, so clients may reconnect.
 * Prices, ids and times come from the simulator clock, the seed and counters, never from wall time or
 * Math.random: the same seed and the same requests give the same fills.
 */
export type OrderStatus = 'ApiPending' | 'PreSubmitted' | 'Submitted' | 'Filled' | 'Cancelled' | 'Inactive';

export type TimeInForce = 'DAY' | 'GTC' | 'IOC';

export interface SimOrder extends OrderInput {
  permId: number;
  status: OrderStatus;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** The trading date it was placed on; DAY orders work through the next session, then expire. */
  placedOn: string;
  /** Extra wait before it fills (the delayFills fault). */
  fillDelayMs: number;
  commissionCharged: number;
  /** Units filled on `fillDay`, for the day's participation cap. */
  filledToday: number;
  fillDay: string;
}

export interface SimExecution {
  execId: string;
  clientId: number;
  orderId: number;
  permId: number;
  spec: SimContractSpec;
  side: Side;
  shares: number;
  price: number;
  cumQty: number;
  avgPrice: number;
  orderRef: string;
  account: string;
  /** Epoch ms on the simulator clock. */
  time: number;
  /** The trading date it happened on (reqExecutions reports the current day's). */
  tradingDate: string;
  commission: number;
  /** Realized P&L net of commissions when the fill closed something, else null. */
  realizedPnl: number | null;
  /** IB's lastLiquidity: 1 added (a resting limit filled), 2 removed (took the touch). */
  liquidity: 1 | 2;
}

export type BrokerEvent =
  | { kind: 'status'; order: SimOrder }
  | { kind: 'open'; order: SimOrder }
  | { kind: 'execution'; order: SimOrder | null; execution: SimExecution }
  | { kind: 'commission'; execution: SimExecution };

export interface BrokerOptions {
  account: string;
  initialCash: number;
  seed: number;
  market: Market;
  catalog: ReadonlyMap<string, SimContractSpec>;
  /** The simulator's trading date. */
  today: () => string;
  /** Largest share of a symbol's average daily volume one execution takes. @default 0.01 */
  maxFillFraction?: number;
  /** Largest share of the day's volume one order takes in a day; the rest waits for the next. @default 0.1 */
  dayParticipation?: number;
  /** Square-root impact coefficient. @default 0.7 */
  impactCoefficient?: number;
  /** Wait between an order's states, its partial fills and its commission reports, in ms. @default 5 */
  fillDelayMs?: number;
  commissions?: Partial<CommissionPlan>;
  /** Quotes, bars and marks per contract (options priced by their model); default: from `market`. */
  prices?: InstrumentPrices;
}

export type CancelResult =
  | { ok: true; order: SimOrder }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'not-cancellable'; order: SimOrder };

export interface OrderInput {
  clientId: number;
  orderId: number;
  spec: SimContractSpec;
  side: Side;
  quantity: number;
  orderType: 'MKT' | 'LMT';
  limitPrice: number | null;
  tif: TimeInForce;
  orderRef: string;
  account: string;
}

const WORKING: ReadonlySet<OrderStatus> = new Set(['ApiPending', 'PreSubmitted', 'Submitted']);
export const isWorking = (o: SimOrder): boolean => WORKING.has(o.status);

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0');

export const createSimBroker = (opts: BrokerOptions) => {
  const { market } = opts;
  const prices = opts.prices ?? createInstrumentPrices(market, createOptionPricing(market));
  const sliceFraction = opts.maxFillFraction ?? 0.01;
  const participation = opts.dayParticipation ?? 0.1;
  const impactK = opts.impactCoefficient ?? 0.7;
  const delay = opts.fillDelayMs ?? 5;
  const plan: CommissionPlan = { ...IBKR_PRO_FIXED, ...opts.commissions };
  const acct = createAccount(opts.account, opts.initialCash);
  const execPrefix = hex(hash32(`exec:${opts.seed}`), 8);
  let permSeq = 1_000_000 + (Math.abs(opts.seed) % 1000) * 1000;
  const execSeqByDay = new Map<string, number>();
  const orders = new Map<string, SimOrder>();
  const executions: SimExecution[] = [];
  const listeners = new Set<(e: BrokerEvent) => void>();
  const timers = new Set<NodeJS.Timeout>();
  const deferred = new Set<SimOrder>();
  let halted = false;
  let idleWaiters: (() => void)[] = [];

  const emit = (e: BrokerEvent) => {
    for (const fn of listeners) fn(e);
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
      if (timers.size === 0) {
        const ws = idleWaiters;
        idleWaiters = [];
        for (const w of ws) w();
      }
    }, ms);
    timers.add(t);
  };
  const key = (clientId: number, orderId: number) => `${clientId}:${orderId}`;
  const mark = (spec: SimContractSpec) => prices.mark(spec, opts.today());

  const execute = (
    o: SimOrder | null,
    meta: {
      spec: SimContractSpec;
      side: Side;
      clientId: number;
      orderId: number;
      permId: number;
      orderRef: string;
    },
    shares: number,
    price: number,
    commission: number,
    liquidity: 1 | 2 = 2,
  ): SimExecution => {
    const day = opts.today();
    const seq = (execSeqByDay.get(day) ?? 0) + 1;
    execSeqByDay.set(day, seq);
    const realizedPnl = acct.book(meta.spec, meta.side, shares, price, commission);
    const closeAt = afterClose(day);
    const x: SimExecution = {
      execId: `${execPrefix}.${hex(closeAt / 1000, 8)}.${hex(seq, 2)}.01`,
      clientId: meta.clientId,
      orderId: meta.orderId,
      permId: meta.permId,
      spec: meta.spec,
      side: meta.side,
      shares,
      price,
      cumQty: o ? o.filled : shares,
      avgPrice: o ? o.avgFillPrice : price,
      orderRef: meta.orderRef,
      account: opts.account,
      time: closeAt + seq * 1000,
      tradingDate: day,
      commission,
      realizedPnl,
      liquidity,
    };
    executions.push(x);
    emit({ kind: 'execution', order: o, execution: x });
    later(delay, () => emit({ kind: 'commission', execution: x }));
    return x;
  };

  const fill = (o: SimOrder, shares: number, price: number, liquidity: 1 | 2 = 2) => {
    const value = o.avgFillPrice * o.filled + price * shares;
    o.filled += shares;
    o.avgFillPrice = Number((value / o.filled).toFixed(8));
    o.lastFillPrice = price;
    o.filledToday += shares;
    const owed = orderCommission(plan, o.spec, o.filled, value * o.spec.multiplier);
    const commission = Number((owed - o.commissionCharged).toFixed(4));
    o.commissionCharged = owed;
    execute(o, o, shares, price, commission, liquidity);
    if (o.filled >= o.quantity) o.status = 'Filled';
    emit({ kind: 'status', order: o });
    if (o.status === 'Filled') emit({ kind: 'open', order: o });
  };

  const finish = (o: SimOrder, status: 'Cancelled' | 'Inactive') => {
    o.status = status;
    deferred.delete(o);
    emit({ kind: 'status', order: o });
  };

  /** How much more this order may take on `day`: a slice of ADV, within the day's participation cap. */
  const allowance = (o: SimOrder, day: string): number => {
    if (o.fillDay !== day) {
      o.fillDay = day;
      o.filledToday = 0;
    }
    const volume = prices.bar(o.spec, day)?.volume ?? o.spec.adv;
    const dayCap = Math.max(1, Math.floor(volume * participation)) - o.filledToday;
    const slice = Math.max(1, Math.floor(o.spec.adv * sliceFraction));
    return Math.max(0, Math.min(o.quantity - o.filled, slice, dayCap));
  };

  const drawFor = (o: SimOrder) =>
    normal(mulberry32(opts.seed ^ hash32(`fill:${o.clientId}:${o.orderId}:${o.filled}`)));

  /** One slice at the current quote; the next follows after `delay` until filled or the day's cap is hit. */
  const work = (o: SimOrder) => {
    if (o.status !== 'Submitted') return;
    if (halted) {
      deferred.add(o);
      return;
    }
    const day = opts.today();
    const q = prices.quote(o.spec, day);
    if (!q) return;
    if (o.orderType === 'LMT' && !marketable(o.side, o.limitPrice!, q)) {
      if (o.tif === 'IOC') finish(o, 'Cancelled');
      return;
    }
    const shares = allowance(o, day);
    if (shares > 0) {
      const rel = impact(impactK, prices.dailyVol(o.spec, day), o.filled + shares, o.spec.adv, drawFor(o));
      fill(o, shares, touchFill(o.side, o.side === 'BUY' ? q.ask : q.bid, rel, o.limitPrice, o.spec.minTick));
    }
    if (o.status !== 'Submitted') return;
    if (o.tif === 'IOC') finish(o, 'Cancelled');
    else if (allowance(o, day) > 0) later(delay, () => work(o));
  };

  const submit = (o: SimOrder) => {
    later(delay, () => {
      if (o.status !== 'PreSubmitted') return;
      o.status = 'Submitted';
      emit({ kind: 'status', order: o });
      emit({ kind: 'open', order: o });
      later(delay + o.fillDelayMs, () => work(o));
    });
  };

  /** A new session for orders placed before it: resting limits the range crossed fill, DAY orders expire. */
  const onNewDay = (day: string) => {
    for (const o of orders.values()) {
      if (o.status !== 'Submitted' || o.placedOn >= day) continue;
      if (o.orderType === 'LMT') {
        const bar = prices.bar(o.spec, day);
        if (bar && crosses(o.side, o.limitPrice!, bar)) {
          for (let n = allowance(o, day); n > 0 && o.status === 'Submitted'; n = allowance(o, day)) {
            const rel = impact(impactK, prices.dailyVol(o.spec, day), o.filled + n, o.spec.adv, drawFor(o));
            fill(o, n, restingLimitFill(o.side, o.limitPrice!, bar, rel, o.spec.minTick), 1);
          }
        }
      } else {
        const q = prices.quote(o.spec, day);
        for (let n = allowance(o, day); q && n > 0 && o.status === 'Submitted'; n = allowance(o, day)) {
          const rel = impact(impactK, prices.dailyVol(o.spec, day), o.filled + n, o.spec.adv, drawFor(o));
          fill(o, n, touchFill(o.side, o.side === 'BUY' ? q.ask : q.bid, rel, null, o.spec.minTick));
        }
      }
      if (o.status === 'Submitted' && o.tif !== 'GTC') finish(o, 'Cancelled');
    }
  };

  return {
    account: opts.account,
    commissionPlan: plan,
    cash: () => acct.cash(),
    positions: (): SimPosition[] => acct.positions(),
    netLiquidation: () => acct.netLiquidation(mark),
    realizedPnl: () => acct.realizedPnl(),
    unrealizedPnl: () => acct.unrealizedPnl(mark),
    unrealizedOf: (p: SimPosition) => acct.unrealizedOf(p, mark),
    accountValues: () => acct.values(mark),
    /** The price positions are marked at: today's close. */
    mark,
    orders: () => [...orders.values()],
    openOrders: (clientId?: number) =>
      [...orders.values()].filter((o) => isWorking(o) && (clientId === undefined || o.clientId === clientId)),
    executions: () => [...executions],
    findOrder: (clientId: number, orderId: number) => orders.get(key(clientId, orderId)),
    maxOrderId: (clientId: number) =>
      [...orders.values()].filter((o) => o.clientId === clientId).reduce((m, o) => Math.max(m, o.orderId), 0),
    /**
     * Accepts an order: openOrder and orderStatus PreSubmitted now, Submitted after `delay`, then fills.
     * `transmit: false` holds it at the gateway (ApiPending); `rejecting` records it without any event,
     * for the caller to reject.
     */
    place: (
      input: OrderInput,
      placeOpts: { fillDelayMs?: number; transmit?: boolean; rejecting?: boolean } = {},
    ): SimOrder => {
      const o: SimOrder = {
        ...input,
        permId: permSeq++,
        status: 'PreSubmitted',
        filled: 0,
        avgFillPrice: 0,
        lastFillPrice: 0,
        placedOn: opts.today(),
        fillDelayMs: placeOpts.fillDelayMs ?? 0,
        commissionCharged: 0,
        filledToday: 0,
        fillDay: '',
      };
      orders.set(key(o.clientId, o.orderId), o);
      if (placeOpts.rejecting) return o;
      if (placeOpts.transmit === false) o.status = 'ApiPending';
      emit({ kind: 'open', order: o });
      emit({ kind: 'status', order: o });
      if (o.status === 'PreSubmitted') submit(o);
      return o;
    },
    /** placeOrder with the id of a working order: IB modifies it in place. */
    modify: (
      o: SimOrder,
      changes: Pick<SimOrder, 'quantity' | 'orderType' | 'limitPrice' | 'tif'> & { transmit: boolean },
    ) => {
      o.quantity = changes.quantity;
      o.orderType = changes.orderType;
      o.limitPrice = changes.limitPrice;
      o.tif = changes.tif;
      if (o.status === 'ApiPending' && changes.transmit) {
        o.status = 'PreSubmitted';
        submit(o);
      }
      if (o.filled >= o.quantity) o.status = 'Filled';
      emit({ kind: 'open', order: o });
      emit({ kind: 'status', order: o });
      if (o.status === 'Submitted') later(delay, () => work(o));
    },
    cancel: (clientId: number, orderId: number): CancelResult => {
      const o = orders.get(key(clientId, orderId));
      if (!o) return { ok: false, reason: 'not-found' };
      if (!isWorking(o)) return { ok: false, reason: 'not-cancellable', order: o };
      finish(o, 'Cancelled');
      return { ok: true, order: o };
    },
    reject: (o: SimOrder) => finish(o, 'Inactive'),
    /** Called once for every trading day the clock moves onto. */
    onNewDay,
    /** Connectivity lost (1100): orders are accepted but nothing fills until resume(). */
    halt: () => {
      halted = true;
    },
    resume: () => {
      halted = false;
      for (const o of deferred) later(delay, () => work(o));
      deferred.clear();
    },
    /**
     * An execution the journal never saw (a manual trade in TWS, clientId 0): for reconciliation tests, and
     * to open an option position without an order (pass a spec from `sim.market.optionChain()`).
     */
    injectExecution: (contract: string | SimContractSpec, side: Side, shares: number): SimExecution => {
      const spec = typeof contract === 'string' ? opts.catalog.get(contract) : contract;
      const q = spec ? prices.quote(spec, opts.today()) : null;
      if (!spec || !q)
        throw new Error(
          `no market for ${typeof contract === 'string' ? contract : contract.localSymbol} on ${opts.today()}`,
        );
      const price = side === 'BUY' ? q.ask : q.bid;
      const commission = orderCommission(plan, spec, shares, shares * price * spec.multiplier);
      return execute(
        null,
        { spec, side, clientId: 0, orderId: 0, permId: permSeq++, orderRef: '' },
        shares,
        price,
        commission,
      );
    },
    subscribe: (fn: (e: BrokerEvent) => void) => {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    /** Resolves once every pending timer (states, partial fills, commission reports) has fired. */
    idle: (): Promise<void> =>
      timers.size === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r)),
    close: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const ws = idleWaiters;
      idleWaiters = [];
      for (const w of ws) w();
    },
  };
};
export type SimBroker = ReturnType<typeof createSimBroker>;
