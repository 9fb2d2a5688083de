import type { EquityRow, FillRow, OrderRow } from './rows.js';

export type Period = 'DAY' | 'WEEK' | 'MONTH';

/** The period a trading date belongs to: the date itself, the Monday of its ISO week, or YYYY-MM. */
export const periodKey = (date: string, period: Period): string => {
  if (period === 'DAY') return date;
  if (period === 'MONTH') return date.slice(0, 7);
  const d = new Date(`${date}T12:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
};

/** P&L per period from the equity series: each cycle's change in net liquidation against the one before. */
export const pnlByPeriod = (
  equity: readonly EquityRow[],
  period: Period,
  startingNetLiquidation: number | null = null,
) => {
  const out = new Map<string, { period: string; pnl: number; cycles: number; endNetLiquidation: number }>();
  let prev = startingNetLiquidation;
  for (const e of equity) {
    const change = prev === null ? 0 : e.netLiquidation - prev;
    prev = e.netLiquidation;
    const k = periodKey(e.tradingDate, period);
    const g = out.get(k) ?? { period: k, pnl: 0, cycles: 0, endNetLiquidation: e.netLiquidation };
    g.pnl += change;
    g.cycles++;
    g.endNetLiquidation = e.netLiquidation;
    out.set(k, g);
  }
  return [...out.values()];
};

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
};

export interface LatencyStats {
  n: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

const stats = (xs: number[]): LatencyStats => {
  const s = xs.filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.at(-1) ?? null,
  };
};

/** GraphQL's Int is 32-bit: a span longer than ~24.8 days is no latency anyway. */
const MAX_SPAN_MS = 2_147_483_647;

/**
 * Milliseconds from a to b, or null when either is missing or the span is not a latency: negative or
 * beyond Int range. That happens when the two clocks differ, e.g. a simulator that stamps executions with
 * its simulated trading day while the decision carries the wall clock.
 */
export const spanMs = (a: Date | null, b: Date | null): number | null => {
  if (!a || !b) return null;
  const d = b.getTime() - a.getTime();
  return d >= 0 && d <= MAX_SPAN_MS ? d : null;
};

/** decision → submit → ack → first fill, in ms, over the orders of a range. */
export const latency = (orders: readonly OrderRow[], firstFill: (orderRef: string) => Date | null) => {
  const ms = (a: Date | null, b: Date | null) => spanMs(a, b) ?? Number.NaN;
  const rows = orders.map((o) => ({ o, fill: firstFill(o.orderRef) }));
  return {
    decisionToSubmitMs: stats(rows.map(({ o }) => ms(o.decidedAt, o.submittedAt))),
    submitToAckMs: stats(rows.map(({ o }) => ms(o.submittedAt, o.ackedAt))),
    ackToFillMs: stats(rows.map(({ o, fill }) => ms(o.ackedAt, fill))),
    decisionToFillMs: stats(rows.map(({ o, fill }) => ms(o.decidedAt, fill))),
  };
};

/** Count, notional, commissions and realized P&L by symbol. */
export const fillSummary = (fills: readonly FillRow[]) => {
  const by = new Map<
    string,
    {
      symbol: string;
      fills: number;
      quantity: number;
      notional: number;
      commissions: number;
      realizedPnl: number;
    }
  >();
  for (const f of fills) {
    const g = by.get(f.symbol) ?? {
      symbol: f.symbol,
      fills: 0,
      quantity: 0,
      notional: 0,
      commissions: 0,
      realizedPnl: 0,
    };
    g.fills++;
    g.quantity += f.quantity;
    g.notional += f.quantity * f.price * f.multiplier;
    g.commissions += f.commission ?? 0;
    g.realizedPnl += f.realizedPnl ?? 0;
    by.set(f.symbol, g);
  }
  const bySymbol = [...by.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
  const sum = (k: 'fills' | 'notional' | 'commissions' | 'realizedPnl') =>
    bySymbol.reduce((a, g) => a + g[k], 0);
  return {
    count: sum('fills'),
    notional: sum('notional'),
    commissions: sum('commissions'),
    realizedPnl: sum('realizedPnl'),
    bySymbol,
  };
};
