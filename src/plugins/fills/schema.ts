import type { Builder } from '../../schema/builder.js';
import { keysetConnection } from '../../schema/connection.js';
import { rangeBounds, type TimeRange, timeRangeInput } from '../../schema/inputs.js';
import { slippageBps } from '../slippage.js';
import type { SchemaDeps } from '../types.js';
import { fillSummary, type LatencyStats, latency, type Period, pnlByPeriod, spanMs } from './analytics.js';
import { type EquityRow, type FillRow, fillSeenAt, type OrderRow } from './rows.js';
import type { FillsStore } from './store.js';

const dateBounds = (r: TimeRange | null | undefined) => {
  const { from, to } = rangeBounds(r);
  return { from: from.slice(0, 10), to: to.slice(0, 10) };
};

export const fillsSchema = (builder: Builder, deps: SchemaDeps<FillsStore>): void => {
  const store = deps.store;
  const TimeRangeRef = timeRangeInput(builder);
  const Side = builder.enumType('Side', { values: ['BUY', 'SELL'] as const });

  const Latency = builder.objectRef<FillRow>('FillLatency').implement({
    description: 'Where the time went, from the decision to this fill.',
    fields: (t) => ({
      decisionToSubmitMs: t.int({ nullable: true, resolve: (f) => spanMs(f.decidedAt, f.submittedAt) }),
      submitToAckMs: t.int({ nullable: true, resolve: (f) => spanMs(f.submittedAt, f.ackedAt) }),
      ackToFillMs: t.int({ nullable: true, resolve: (f) => spanMs(f.ackedAt, fillSeenAt(f)) }),
      decisionToFillMs: t.int({ nullable: true, resolve: (f) => spanMs(f.decidedAt, fillSeenAt(f)) }),
    }),
  });
  const Fill = builder.objectRef<FillRow>('Fill').implement({
    description: 'One execution. Slippage is in bps against the arrival price, positive = it cost money.',
    fields: (t) => ({
      id: t.exposeString('execId'),
      execId: t.exposeString('execId'),
      orderRef: t.exposeString('orderRef'),
      cycleId: t.exposeString('cycleId'),
      symbol: t.exposeString('symbol'),
      side: t.field({ type: Side, resolve: (f) => f.side }),
      quantity: t.exposeFloat('quantity'),
      price: t.exposeFloat('price'),
      notional: t.float({ resolve: (f) => f.quantity * f.price * f.multiplier }),
      time: t.expose('time', { type: 'DateTime' }),
      exchange: t.exposeString('exchange'),
      commission: t.exposeFloat('commission', {
        nullable: true,
        description: 'Null until IB sends the commission report.',
      }),
      realizedPnl: t.exposeFloat('realizedPnl', { nullable: true, description: 'Null on opening fills.' }),
      arrivalPrice: t.exposeFloat('arrivalPrice'),
      predictedSlippageBps: t.exposeFloat('predictedSlippageBps'),
      slippageBps: t.float({ resolve: (f) => slippageBps(f.side, f.arrivalPrice, f.price) }),
      latency: t.field({ type: Latency, resolve: (f) => f }),
    }),
  });
  const Order = builder.objectRef<OrderRow>('Order').implement({
    description: 'An order intent (committed before it is sent) and what became of it.',
    fields: (t) => ({
      orderRef: t.exposeString('orderRef', { description: 'hydra:<cycleId>:<symbol>: the idempotency key.' }),
      cycleId: t.exposeString('cycleId'),
      symbol: t.exposeString('symbol'),
      secType: t.exposeString('secType'),
      side: t.field({ type: Side, resolve: (o) => o.side }),
      quantity: t.exposeFloat('quantity'),
      orderType: t.exposeString('orderType'),
      limitPrice: t.exposeFloat('limitPrice', { nullable: true }),
      arrivalPrice: t.exposeFloat('arrivalPrice'),
      predictedSlippageBps: t.exposeFloat('predictedSlippageBps'),
      status: t.exposeString('status', {
        description:
          'Intent, PendingSubmit, PreSubmitted, Submitted, Filled, Cancelled, Inactive, Rejected, TimedOut.',
      }),
      brokerOrderId: t.exposeInt('brokerOrderId', { nullable: true }),
      permId: t.exposeInt('permId', { nullable: true }),
      filledQuantity: t.exposeFloat('filledQuantity'),
      avgFillPrice: t.exposeFloat('avgFillPrice', { nullable: true }),
      rejectReason: t.exposeString('rejectReason', { nullable: true }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
      submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
      ackedAt: t.expose('ackedAt', { type: 'DateTime', nullable: true }),
      doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true }),
      fills: t.field({ type: [Fill], resolve: (o) => store.fillsOfOrder(o.orderRef) }),
    }),
  });
  const FillFilter = builder.inputType('FillFilter', {
    fields: (t) => ({
      symbol: t.string({ required: false }),
      side: t.field({ type: Side, required: false }),
      cycle: t.string({ required: false, description: 'A cycle id such as 2026-11-20#1.' }),
      from: t.field({ type: 'DateTime', required: false }),
      to: t.field({ type: 'DateTime', required: false }),
    }),
  });
  const OrderFilter = builder.inputType('OrderFilter', {
    fields: (t) => ({
      symbol: t.string({ required: false }),
      cycle: t.string({ required: false }),
      status: t.string({ required: false }),
    }),
  });
  type SymbolSummary = ReturnType<typeof fillSummary>['bySymbol'][number];
  const SymbolSummaryRef = builder.objectRef<SymbolSummary>('SymbolFillSummary').implement({
    fields: (t) => ({
      symbol: t.exposeString('symbol'),
      fills: t.exposeInt('fills'),
      quantity: t.exposeFloat('quantity'),
      notional: t.exposeFloat('notional'),
      commissions: t.exposeFloat('commissions'),
      realizedPnl: t.exposeFloat('realizedPnl'),
    }),
  });
  const Summary = builder.objectRef<ReturnType<typeof fillSummary>>('FillSummary').implement({
    fields: (t) => ({
      count: t.exposeInt('count'),
      notional: t.exposeFloat('notional'),
      commissions: t.exposeFloat('commissions'),
      realizedPnl: t.exposeFloat('realizedPnl'),
      bySymbol: t.field({ type: [SymbolSummaryRef], resolve: (s) => s.bySymbol }),
    }),
  });
  const EquityPoint = builder.objectRef<EquityRow>('EquityPoint').implement({
    fields: (t) => ({
      cycleId: t.exposeString('cycleId'),
      tradingDate: t.exposeString('tradingDate'),
      at: t.expose('at', { type: 'DateTime' }),
      netLiquidation: t.exposeFloat('netLiquidation'),
      cash: t.exposeFloat('cash'),
      dailyPnl: t.exposeFloat('dailyPnl', {
        nullable: true,
        description: 'Against the previous cycle; null for the first.',
      }),
    }),
  });
  const PeriodRef = builder.enumType('PnlPeriod', { values: ['DAY', 'WEEK', 'MONTH'] as const });
  const PnlRow = builder.objectRef<ReturnType<typeof pnlByPeriod>[number]>('PeriodPnl').implement({
    fields: (t) => ({
      period: t.exposeString('period', {
        description: 'YYYY-MM-DD (day, or the Monday of a week) or YYYY-MM.',
      }),
      pnl: t.exposeFloat('pnl'),
      cycles: t.exposeInt('cycles'),
      endNetLiquidation: t.exposeFloat('endNetLiquidation'),
    }),
  });
  const LatencyStatsRef = builder.objectRef<LatencyStats>('LatencyStats').implement({
    fields: (t) => ({
      n: t.exposeInt('n'),
      p50Ms: t.exposeFloat('p50', { nullable: true }),
      p90Ms: t.exposeFloat('p90', { nullable: true }),
      p99Ms: t.exposeFloat('p99', { nullable: true }),
      maxMs: t.exposeFloat('max', { nullable: true }),
    }),
  });
  const LatencyReport = builder.objectRef<ReturnType<typeof latency>>('LatencyReport').implement({
    fields: (t) => ({
      decisionToSubmit: t.field({ type: LatencyStatsRef, resolve: (l) => l.decisionToSubmitMs }),
      submitToAck: t.field({ type: LatencyStatsRef, resolve: (l) => l.submitToAckMs }),
      ackToFill: t.field({ type: LatencyStatsRef, resolve: (l) => l.ackToFillMs }),
      decisionToFill: t.field({ type: LatencyStatsRef, resolve: (l) => l.decisionToFillMs }),
    }),
  });

  builder.queryFields((t) => ({
    fills: t.connection({
      type: Fill,
      description: 'Executions, newest first; filters combine. Pages are stable while new fills arrive.',
      args: { filter: t.arg({ type: FillFilter, required: false }) },
      resolve: (_r, args) => {
        const f = args.filter ?? {};
        return keysetConnection(
          'fill',
          args,
          (x: FillRow) => [x.time.toISOString(), x.seq],
          2,
          (after, limit) =>
            store.fills(
              {
                symbol: f.symbol ?? null,
                side: f.side ?? null,
                cycleId: f.cycle ?? null,
                from: f.from?.toISOString() ?? null,
                to: f.to?.toISOString() ?? null,
              },
              after ? [after[0] as string, after[1] as number] : null,
              limit,
            ),
        );
      },
    }),
    fill: t.field({
      type: Fill,
      nullable: true,
      args: { id: t.arg.string({ required: true }) },
      resolve: (_r, { id }) => store.fill(id),
    }),
    orders: t.connection({
      type: Order,
      description: 'Orders, newest first.',
      args: { filter: t.arg({ type: OrderFilter, required: false }) },
      resolve: (_r, args) => {
        const f = args.filter ?? {};
        return keysetConnection(
          'order',
          args,
          (o: OrderRow) => [o.seq],
          1,
          (after, limit) =>
            store.orders(
              { symbol: f.symbol ?? null, cycleId: f.cycle ?? null, status: (f.status as never) ?? null },
              (after?.[0] as number) ?? null,
              limit,
            ),
        );
      },
    }),
    order: t.field({
      type: Order,
      nullable: true,
      args: { orderRef: t.arg.string({ required: true }) },
      resolve: (_r, { orderRef }) => store.order(orderRef),
    }),
    fillSummary: t.field({
      type: Summary,
      args: { range: t.arg({ type: TimeRangeRef, required: false }) },
      resolve: (_r, { range }) => {
        const { from, to } = rangeBounds(range);
        return fillSummary(store.fillsInRange(from, to));
      },
    }),
    equityCurve: t.field({
      type: [EquityPoint],
      description: 'Net liquidation after each cycle.',
      args: { range: t.arg({ type: TimeRangeRef, required: false }) },
      resolve: (_r, { range }) => {
        const { from, to } = dateBounds(range);
        return store.equity(from, to);
      },
    }),
    pnl: t.field({
      type: [PnlRow],
      args: {
        period: t.arg({ type: PeriodRef, required: true }),
        range: t.arg({ type: TimeRangeRef, required: false }),
      },
      resolve: (_r, { period, range }) => {
        const { from, to } = dateBounds(range);
        return pnlByPeriod(store.equity(from, to), period as Period, store.previousNetLiquidation(from));
      },
    }),
    latency: t.field({
      type: LatencyReport,
      description: 'decision → submit → ack → first fill percentiles over the orders decided in the range.',
      args: { range: t.arg({ type: TimeRangeRef, required: false }) },
      resolve: (_r, { range }) => {
        const { from, to } = rangeBounds(range);
        return latency(store.ordersInRange(from, to), (ref) => {
          const first = store.fillsOfOrder(ref)[0];
          return first ? fillSeenAt(first) : null;
        });
      },
    }),
  }));

  builder.subscriptionFields((t) => ({
    fillAdded: t.field({
      type: Fill,
      description: 'Each new execution, after it is committed; optionally one symbol only.',
      args: { symbol: t.arg.string({ required: false }) },
      subscribe: (_r, { symbol }) =>
        filterIterable(deps.pubsub.subscribe('fillAdded'), (f) => !symbol || f.symbol === symbol),
      resolve: (f) => f,
    }),
    fillUpdated: t.field({
      type: Fill,
      description: 'A fill whose commission arrived.',
      subscribe: () => deps.pubsub.subscribe('fillUpdated'),
      resolve: (f) => f,
    }),
    orderUpdated: t.field({
      type: Order,
      subscribe: () => deps.pubsub.subscribe('orderUpdated'),
      resolve: (o) => o,
    }),
  }));
};

/** Passes on the items that match, and ends the source when the client leaves. */
const filterIterable = <T>(
  source: AsyncIterableIterator<T>,
  keep: (x: T) => boolean,
): AsyncIterableIterator<T> => {
  const it: AsyncIterableIterator<T> = {
    next: async () => {
      for (;;) {
        const r = await source.next();
        if (r.done || keep(r.value)) return r;
      }
    },
    return: async () => (source.return ? source.return() : { value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
};
