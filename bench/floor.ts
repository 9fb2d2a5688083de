import type { Statement } from 'better-sqlite3';
import { fillsPageWhere } from '../src/plugins/fills/fills-query.js';
import { slippageBps } from '../src/plugins/slippage.js';
import { mulberry32 } from '../src/sim/rng.js';
import { DAYS, SYMBOLS, tradingDays } from './dataset.js';

/** Scenario 1's operation: one page of a symbol's fills in a date range, the fields a blotter shows. */
export const FILLS_QUERY = `query Fills($symbol: String, $from: DateTime, $to: DateTime) {
  fills(first: 100, filter: { symbol: $symbol, from: $from, to: $to }) {
    edges { cursor node { execId symbol side quantity price time commission slippageBps } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Request bodies with varied symbols and ranges (1 to 90 days anywhere in the five years), deterministic,
 * so no cache along the way (SQLite's page cache aside) sees the same request twice in a row.
 */
export const fillsRequests = (n: number): string[] => {
  const rnd = mulberry32(7);
  const days = tradingDays();
  return Array.from({ length: n }, () => {
    const start = Math.floor(rnd() * (DAYS - 90));
    const len = 1 + Math.floor(rnd() * 90);
    const variables = {
      symbol: SYMBOLS[Math.floor(rnd() * SYMBOLS.length)],
      from: `${days[start]}T00:00:00.000Z`,
      to: `${days[start + len]}T00:00:00.000Z`,
    };
    return JSON.stringify({ query: FILLS_QUERY, variables });
  });
};

const FILL_SELECT = `SELECT e.*, o.multiplier, o.arrival_price, o.predicted_slippage_bps, o.decided_at, o.submitted_at, o.acked_at
  FROM executions e JOIN orders o ON o.order_ref = e.order_ref`;

/**
 * The fills store's statement for this request's shape, built by the store's own builder
 * (src/plugins/fills/fills-query.ts): the floor runs exactly the SQL hydra runs.
 */
export const STORE_SQL = `${FILL_SELECT} ${fillsPageWhere({
  symbol: true,
  side: false,
  cycleId: false,
  from: true,
  to: true,
  after: false,
})} ORDER BY e.time DESC, e.seq DESC LIMIT @limit`;

/**
 * The store's statement before it was built per shape: one catch-all `(@x IS NULL OR …)` for every filter,
 * which made SQLite walk executions_time and test every row instead of searching executions_symbol_time.
 * Kept beside the floor to show what that cost.
 */
export const CATCH_ALL_SQL = `${FILL_SELECT}
     WHERE (@symbol IS NULL OR e.symbol = @symbol) AND (@side IS NULL OR e.side = @side) AND (@cycleId IS NULL OR e.cycle_id = @cycleId)
       AND (@from IS NULL OR e.time >= @from) AND (@to IS NULL OR e.time < @to)
       AND (@afterTime IS NULL OR e.time < @afterTime OR (e.time = @afterTime AND e.seq < @afterSeq))
     ORDER BY e.time DESC, e.seq DESC LIMIT @limit`;

/** The same response the API gives, built by hand: what a server with no GraphQL layer at all would do. */
export const fillsPage = (stmt: Statement, v: Record<string, unknown>) => {
  // All the catch-all's parameters; better-sqlite3 ignores those a statement does not name.
  const rows = stmt.all({
    symbol: v.symbol,
    side: null,
    cycleId: null,
    from: v.from,
    to: v.to,
    afterTime: null,
    afterSeq: null,
    limit: 101,
  }) as Record<string, unknown>[];
  const edges = rows.slice(0, 100).map((r) => {
    const side = r.side as 'BUY' | 'SELL';
    const arrival = r.arrival_price as number;
    const price = r.price as number;
    return {
      cursor: Buffer.from(JSON.stringify(['fill', r.time, r.seq])).toString('base64url'),
      node: {
        execId: r.exec_id,
        symbol: r.symbol,
        side,
        quantity: r.quantity,
        price,
        time: new Date(r.time as string).toISOString(),
        commission: r.commission,
        slippageBps: slippageBps(side, arrival, price),
      },
    };
  });
  return {
    data: {
      fills: { edges, pageInfo: { hasNextPage: rows.length > 100, endCursor: edges.at(-1)?.cursor ?? null } },
    },
  };
};
