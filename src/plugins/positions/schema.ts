import { GraphQLError } from 'graphql';
import type { Builder } from '../../schema/builder.js';
import { rangeBounds, timeRangeInput } from '../../schema/inputs.js';
import { isOptionType } from '../facts.js';
import type { SchemaDeps } from '../types.js';
import { daysToExpiry, GREEKS, type Greek, scaled, surface, totals } from './greeks.js';
import type { BookPositionRow, GreeksPoint, PositionsStore, SnapshotRow } from './store.js';

const isOption = (p: BookPositionRow) => isOptionType(p.secType);

export const positionsSchema = (builder: Builder, deps: SchemaDeps<PositionsStore>): void => {
  const { store } = deps;
  const TimeRange = timeRangeInput(builder);
  const GreekEnum = builder.enumType('Greek', { values: ['DELTA', 'GAMMA', 'VEGA', 'THETA'] as const });
  const SecTypeEnum = builder.enumType('PositionSecType', { values: ['STK', 'FUT', 'OPT', 'FOP'] as const });
  const Right = builder.enumType('OptionRight', { values: ['C', 'P'] as const });

  const Position = builder.objectRef<BookPositionRow>('BookPosition').implement({
    description:
      "A position of the book at the end of a cycle. Greeks per unit are as IB sent them (delta, gamma per 1.00 of the underlying, vega per vol point, theta per calendar day); the plain `delta`…`theta` are the position's: × quantity × multiplier. null = IB sent none: missing, never zero. Stocks and futures have delta 1 per unit and no other Greeks.",
    fields: (t) => ({
      symbol: t.exposeString('symbol', { description: 'The underlying symbol.' }),
      secType: t.field({ type: SecTypeEnum, resolve: (p) => p.secType }),
      conId: t.exposeInt('conId', { nullable: true }),
      right: t.field({ type: Right, nullable: true, resolve: (p) => p.right }),
      strike: t.exposeFloat('strike', { nullable: true }),
      expiry: t.exposeString('expiry', { nullable: true, description: 'YYYYMMDD' }),
      daysToExpiry: t.int({
        nullable: true,
        description: 'Calendar days from the trading date of the snapshot.',
        resolve: (p) => (p.expiry ? daysToExpiry(p.expiry, p.tradingDate) : null),
      }),
      multiplier: t.exposeFloat('multiplier'),
      quantity: t.exposeFloat('quantity'),
      avgCost: t.exposeFloat('avgCost', { description: 'Per unit, multiplier removed.' }),
      marketPrice: t.exposeFloat('marketPrice', { nullable: true }),
      marketValue: t.float({
        nullable: true,
        resolve: (p) => (p.marketPrice === null ? null : p.marketPrice * p.quantity * p.multiplier),
      }),
      unrealizedPnl: t.float({
        nullable: true,
        resolve: (p) =>
          p.marketPrice === null ? null : (p.marketPrice - p.avgCost) * p.quantity * p.multiplier,
      }),
      underlyingPrice: t.exposeFloat('underlyingPrice', { nullable: true }),
      impliedVol: t.exposeFloat('impliedVol', { nullable: true }),
      greeksMissing: t.boolean({
        description: 'True when IB sent no Greeks for this option: it is left out of the totals.',
        resolve: (p) => GREEKS.some((g) => p[g] === null),
      }),
      unitDelta: t.float({ nullable: true, resolve: (p) => p.delta }),
      unitGamma: t.float({ nullable: true, resolve: (p) => p.gamma }),
      unitVega: t.float({ nullable: true, resolve: (p) => p.vega }),
      unitTheta: t.float({ nullable: true, resolve: (p) => p.theta }),
      delta: t.float({
        nullable: true,
        description: 'Shares (units) of underlying exposure.',
        resolve: (p) => scaled(p, 'delta'),
      }),
      gamma: t.float({ nullable: true, resolve: (p) => scaled(p, 'gamma') }),
      vega: t.float({
        nullable: true,
        description: 'Money per vol point.',
        resolve: (p) => scaled(p, 'vega'),
      }),
      theta: t.float({
        nullable: true,
        description: 'Money per calendar day.',
        resolve: (p) => scaled(p, 'theta'),
      }),
      dollarDelta: t.float({
        nullable: true,
        resolve: (p) => {
          const d = scaled(p, 'delta');
          return d === null || p.underlyingPrice === null ? null : d * p.underlyingPrice;
        },
      }),
    }),
  });

  type Totals = ReturnType<typeof totals>;
  const GreekTotals = builder.objectRef<Totals>('GreekTotals').implement({
    description:
      "Sums of the positions' Greeks (× quantity × multiplier) over those IB sent Greeks for; `missing` counts the others, so a partial total says so.",
    fields: (t) => ({
      delta: t.exposeFloat('delta', { description: 'Shares (units) of underlying exposure.' }),
      gamma: t.exposeFloat('gamma'),
      vega: t.exposeFloat('vega', { description: 'Money per vol point.' }),
      theta: t.exposeFloat('theta', { description: 'Money per calendar day.' }),
      dollarDelta: t.exposeFloat('dollarDelta', { nullable: true }),
      positions: t.exposeInt('positions'),
      missing: t.exposeInt('missing', {
        description: 'Positions left out because IB sent no Greeks for them.',
      }),
    }),
  });
  type ByUnderlying = { underlying: string; totals: Totals };
  const UnderlyingGreeks = builder.objectRef<ByUnderlying>('UnderlyingGreeks').implement({
    fields: (t) => ({
      underlying: t.exposeString('underlying'),
      totals: t.field({ type: GreekTotals, resolve: (x) => x.totals }),
    }),
  });
  type Portfolio = SnapshotRow & { totals: Totals; byUnderlying: ByUnderlying[] };
  const PortfolioGreeks = builder.objectRef<Portfolio>('PortfolioGreeks').implement({
    description: "The book's Greeks as of one cycle, in total and by underlying.",
    fields: (t) => ({
      cycleId: t.exposeString('cycleId'),
      tradingDate: t.exposeString('tradingDate'),
      at: t.expose('at', { type: 'DateTime' }),
      totals: t.field({ type: GreekTotals, resolve: (x) => x.totals }),
      byUnderlying: t.field({ type: [UnderlyingGreeks], resolve: (x) => x.byUnderlying }),
    }),
  });
  const Point = builder.objectRef<GreeksPoint>('PortfolioGreeksPoint').implement({
    fields: (t) => ({
      cycleId: t.exposeString('cycleId'),
      tradingDate: t.exposeString('tradingDate'),
      at: t.expose('at', { type: 'DateTime' }),
      delta: t.exposeFloat('delta'),
      gamma: t.exposeFloat('gamma'),
      vega: t.exposeFloat('vega'),
      theta: t.exposeFloat('theta'),
      positions: t.exposeInt('positions'),
      missing: t.exposeInt('missing'),
    }),
  });
  type Cell = ReturnType<typeof surface>[number];
  const SurfaceCell = builder.objectRef<Cell>('GreeksSurfaceCell').implement({
    fields: (t) => ({
      strike: t.exposeFloat('strike'),
      expiry: t.exposeString('expiry'),
      daysToExpiry: t.exposeInt('daysToExpiry'),
      value: t.exposeFloat('value', {
        nullable: true,
        description: 'null: IB sent no Greeks for any position here.',
      }),
      positions: t.exposeInt('positions'),
      missing: t.exposeInt('missing'),
    }),
  });
  type Surface = { underlying: string; greek: Greek; cycleId: string | null; cells: Cell[] };
  const Surface = builder.objectRef<Surface>('GreeksSurface').implement({
    description: "One Greek of one underlying's options on a strike × days-to-expiry grid (the heatmap).",
    fields: (t) => ({
      underlying: t.exposeString('underlying'),
      greek: t.field({ type: GreekEnum, resolve: (s) => s.greek.toUpperCase() as Uppercase<Greek> }),
      cycleId: t.exposeString('cycleId', { nullable: true }),
      strikes: t.floatList({
        resolve: (s) => [...new Set(s.cells.map((c) => c.strike))].sort((a, b) => a - b),
      }),
      daysToExpiry: t.intList({
        resolve: (s) => [...new Set(s.cells.map((c) => c.daysToExpiry))].sort((a, b) => a - b),
      }),
      cells: t.field({ type: [SurfaceCell], resolve: (s) => s.cells }),
    }),
  });
  const Snapshot = builder.objectRef<SnapshotRow>('BookSnapshot').implement({
    fields: (t) => ({
      cycleId: t.exposeString('cycleId'),
      tradingDate: t.exposeString('tradingDate'),
      at: t.expose('at', { type: 'DateTime' }),
      positions: t.exposeInt('positions'),
    }),
  });
  const Filter = builder.inputType('PositionFilter', {
    fields: (t) => ({
      underlying: t.string({ required: false }),
      secType: t.field({ type: SecTypeEnum, required: false }),
      expiry: t.string({ required: false, description: 'YYYYMMDD' }),
    }),
  });

  const book = (asOf: Date | null | undefined) => {
    const s = store.snapshotAt(asOf ?? null);
    return s ? { snapshot: s, positions: store.positions(s.cycleId) } : null;
  };

  builder.queryFields((t) => ({
    positions: t.field({
      type: [Position],
      description:
        'The book at the end of the last cycle at or before `asOf` (default: the latest), with Greeks.',
      args: {
        asOf: t.arg({ type: 'DateTime', required: false }),
        filter: t.arg({ type: Filter, required: false }),
      },
      resolve: (_root, { asOf, filter }) => {
        if (filter?.expiry != null && !/^\d{8}$/.test(filter.expiry))
          throw new GraphQLError(
            `expiry must be YYYYMMDD, got ${JSON.stringify(filter.expiry.slice(0, 20))}`,
            {
              extensions: { code: 'BAD_USER_INPUT' },
            },
          );
        return (book(asOf)?.positions ?? []).filter(
          (p) =>
            (filter?.underlying == null || p.symbol === filter.underlying.toUpperCase()) &&
            (filter?.secType == null || p.secType === filter.secType) &&
            (filter?.expiry == null || p.expiry === filter.expiry),
        );
      },
    }),
    portfolioGreeks: t.field({
      type: PortfolioGreeks,
      nullable: true,
      description:
        'Totals of the book as of `asOf`, and by underlying; null before any cycle reported its book.',
      args: { asOf: t.arg({ type: 'DateTime', required: false }) },
      resolve: (_root, { asOf }) => {
        const b = book(asOf);
        if (!b) return null;
        const groups = new Map<string, BookPositionRow[]>();
        for (const p of b.positions) groups.set(p.symbol, [...(groups.get(p.symbol) ?? []), p]);
        return {
          ...b.snapshot,
          totals: totals(b.positions),
          byUnderlying: [...groups]
            .map(([underlying, ps]) => ({ underlying, totals: totals(ps) }))
            .sort((x, y) => x.underlying.localeCompare(y.underlying)),
        };
      },
    }),
    greeksSurface: t.field({
      type: Surface,
      args: {
        underlying: t.arg.string({ required: true }),
        greek: t.arg({ type: GreekEnum, required: false, defaultValue: 'DELTA' }),
        asOf: t.arg({ type: 'DateTime', required: false }),
      },
      resolve: (_root, args) => {
        const b = book(args.asOf);
        const underlying = args.underlying.toUpperCase();
        const greek = (args.greek ?? 'DELTA').toLowerCase() as Greek;
        const options = (b?.positions ?? []).filter((p) => isOption(p) && p.symbol === underlying);
        return {
          underlying,
          greek,
          cycleId: b?.snapshot.cycleId ?? null,
          cells: b ? surface(options, greek, b.snapshot.tradingDate) : [],
        };
      },
    }),
    portfolioGreeksHistory: t.field({
      type: [Point],
      description: 'Portfolio Greeks per cycle, oldest first.',
      args: { range: t.arg({ type: TimeRange, required: false }) },
      resolve: (_root, { range }) => {
        // ISO strings, open ends as '0000'/'9999': a Date for an open end printed as '+275760-…', which sorts
        // before every date and emptied the default history.
        const { from, to } = rangeBounds(range);
        return store.history(from, to);
      },
    }),
  }));

  builder.subscriptionField('positionsUpdated', (t) =>
    t.field({
      type: Snapshot,
      description: 'A cycle recorded its book: read positions and portfolioGreeks again.',
      subscribe: () => deps.pubsub.subscribe('positionsUpdated'),
      resolve: (s) => s,
    }),
  );
};
