import type { Db } from '../../db/open.js';
import type { BookPositionFact, PositionsSnapshotFact, SecType } from '../facts.js';

export interface BookPositionRow extends BookPositionFact {
  cycleId: string;
  tradingDate: string;
  at: Date;
}

export interface SnapshotRow {
  cycleId: string;
  tradingDate: string;
  at: Date;
  positions: number;
}

/** Portfolio Greeks of one cycle's book (positions with all four Greeks only; `missing` counts the rest). */
export interface GreeksPoint extends SnapshotRow {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  missing: number;
}

export interface PositionsStore {
  record(fact: PositionsSnapshotFact): void;
  /** The last snapshot at or before `asOf` (null: the latest). */
  snapshotAt(asOf: Date | null): SnapshotRow | null;
  positions(cycleId: string): BookPositionRow[];
  /** Cycles whose book was recorded in [from, to) (ISO strings; '0000' and '9999' for open ends). */
  history(from: string, to: string): GreeksPoint[];
  lastWriteAt(): Date | null;
}

interface Raw {
  cycle_id: string;
  trading_date: string;
  at: string;
  symbol: string;
  sec_type: SecType;
  con_id: number | null;
  right: 'C' | 'P' | null;
  strike: number | null;
  expiry: string | null;
  multiplier: number;
  quantity: number;
  avg_cost: number;
  market_price: number | null;
  underlying_price: number | null;
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  implied_vol: number | null;
}

const toRow = (r: Raw): BookPositionRow => ({
  cycleId: r.cycle_id,
  tradingDate: r.trading_date,
  at: new Date(r.at),
  symbol: r.symbol,
  secType: r.sec_type,
  conId: r.con_id,
  right: r.right,
  strike: r.strike,
  expiry: r.expiry,
  multiplier: r.multiplier,
  quantity: r.quantity,
  avgCost: r.avg_cost,
  marketPrice: r.market_price,
  underlyingPrice: r.underlying_price,
  delta: r.delta,
  gamma: r.gamma,
  vega: r.vega,
  theta: r.theta,
  impliedVol: r.implied_vol,
});

const COMPLETE = 'p.delta IS NOT NULL AND p.gamma IS NOT NULL AND p.vega IS NOT NULL AND p.theta IS NOT NULL';

export const createPositionsStore = (db: Db): PositionsStore => {
  const insertSnapshot = db.prepare(
    `INSERT INTO book_snapshots (cycle_id, trading_date, at, positions) VALUES (?, ?, ?, ?)
     ON CONFLICT (cycle_id) DO UPDATE SET at = excluded.at, positions = excluded.positions`,
  );
  const clear = db.prepare('DELETE FROM book_positions WHERE cycle_id = ?');
  const insert = db.prepare(
    `INSERT INTO book_positions (cycle_id, trading_date, at, position_key, symbol, sec_type, con_id, right, strike,
       expiry, multiplier, quantity, avg_cost, market_price, underlying_price, delta, gamma, vega, theta, implied_vol)
     VALUES (@cycleId, @tradingDate, @at, @key, @symbol, @secType, @conId, @right, @strike, @expiry, @multiplier,
       @quantity, @avgCost, @marketPrice, @underlyingPrice, @delta, @gamma, @vega, @theta, @impliedVol)`,
  );
  const snapshotLatest = db.prepare('SELECT * FROM book_snapshots ORDER BY at DESC LIMIT 1');
  const snapshotAtStmt = db.prepare('SELECT * FROM book_snapshots WHERE at <= ? ORDER BY at DESC LIMIT 1');
  const positionsStmt = db.prepare(
    'SELECT * FROM book_positions WHERE cycle_id = ? ORDER BY symbol, sec_type, expiry, strike, right',
  );
  const historyStmt = db.prepare(
    `SELECT s.cycle_id, s.trading_date, s.at, s.positions,
       SUM(CASE WHEN ${COMPLETE} THEN 0 WHEN p.position_key IS NULL THEN 0 ELSE 1 END) AS missing,
       TOTAL(CASE WHEN ${COMPLETE} THEN p.delta * p.quantity * p.multiplier END) AS delta,
       TOTAL(CASE WHEN ${COMPLETE} THEN p.gamma * p.quantity * p.multiplier END) AS gamma,
       TOTAL(CASE WHEN ${COMPLETE} THEN p.vega * p.quantity * p.multiplier END) AS vega,
       TOTAL(CASE WHEN ${COMPLETE} THEN p.theta * p.quantity * p.multiplier END) AS theta
     FROM book_snapshots s LEFT JOIN book_positions p ON p.cycle_id = s.cycle_id
     WHERE s.at >= ? AND s.at < ?
     GROUP BY s.cycle_id ORDER BY s.at`,
  );
  const lastWrite = db.prepare('SELECT MAX(at) FROM book_snapshots').pluck();

  const snap = (r: { cycle_id: string; trading_date: string; at: string; positions: number } | undefined) =>
    r
      ? { cycleId: r.cycle_id, tradingDate: r.trading_date, at: new Date(r.at), positions: r.positions }
      : null;

  return {
    record: (f) => {
      const at = f.at.toISOString();
      insertSnapshot.run(f.cycleId, f.tradingDate, at, f.positions.length);
      // A resumed cycle reports its book again: the later report replaces the earlier one.
      clear.run(f.cycleId);
      for (const p of f.positions)
        insert.run({
          ...p,
          cycleId: f.cycleId,
          tradingDate: f.tradingDate,
          at,
          key: p.conId !== null ? String(p.conId) : `${p.secType}:${p.symbol}`,
        });
    },
    snapshotAt: (asOf) =>
      snap(
        (asOf === null ? snapshotLatest.get() : snapshotAtStmt.get(asOf.toISOString())) as
          | { cycle_id: string; trading_date: string; at: string; positions: number }
          | undefined,
      ),
    positions: (cycleId) => (positionsStmt.all(cycleId) as Raw[]).map(toRow),
    history: (from, to) =>
      (
        historyStmt.all(from, to) as {
          cycle_id: string;
          trading_date: string;
          at: string;
          positions: number;
          missing: number;
          delta: number;
          gamma: number;
          vega: number;
          theta: number;
        }[]
      ).map((r) => ({
        ...snap(r)!,
        missing: r.missing,
        delta: r.delta,
        gamma: r.gamma,
        vega: r.vega,
        theta: r.theta,
      })),
    lastWriteAt: () => {
      const s = lastWrite.get() as string | null;
      return s ? new Date(s) : null;
    },
  };
};
