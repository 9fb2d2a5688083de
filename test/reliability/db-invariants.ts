import Database from 'better-sqlite3';

export interface DbState {
  integrity: string;
  executions: Set<string>;
  /** Rows that only a half-written transaction could leave: each query lists the offenders. */
  broken: Record<string, string[]>;
  cycles: { id: string; status: string }[];
}

const BROKEN: Record<string, string> = {
  executionWithoutOrder: `SELECT e.exec_id AS k FROM executions e
    LEFT JOIN orders o ON o.order_ref = e.order_ref WHERE o.seq IS NULL`,
  executionWithoutSlippageRow: `SELECT e.exec_id AS k FROM executions e
    LEFT JOIN recon_fills r ON r.exec_id = e.exec_id WHERE r.exec_id IS NULL`,
  slippageRowWithoutExecution: `SELECT r.exec_id AS k FROM recon_fills r
    LEFT JOIN executions e ON e.exec_id = r.exec_id WHERE e.seq IS NULL`,
  orderWithoutIntent: `SELECT o.order_ref AS k FROM orders o
    LEFT JOIN recon_intents i ON i.order_ref = o.order_ref WHERE i.order_ref IS NULL`,
  intentWithoutOrder: `SELECT i.order_ref AS k FROM recon_intents i
    LEFT JOIN orders o ON o.order_ref = i.order_ref WHERE o.seq IS NULL`,
  orderWithoutCycle: `SELECT o.order_ref AS k FROM orders o
    LEFT JOIN cycles c ON c.id = o.cycle_id WHERE c.seq IS NULL`,
};

/**
 * Opens the file as the next start would (a plain connection, which also recovers a hot WAL), and reads
 * what a storage fault could have damaged: SQLite's own integrity check and hydra's cross-plugin pairs,
 * which are written in one transaction and so must appear together or not at all.
 */
export const readDbState = (file: string): DbState => {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const executions = new Set(
      (db.prepare('SELECT exec_id FROM executions').all() as { exec_id: string }[]).map((r) => r.exec_id),
    );
    const broken = Object.fromEntries(
      Object.entries(BROKEN).map(([name, sql]) => [
        name,
        (db.prepare(sql).all() as { k: string }[]).map((r) => r.k),
      ]),
    );
    const cycles = db.prepare('SELECT id, status FROM cycles ORDER BY seq').all() as DbState['cycles'];
    return { integrity, executions, broken, cycles };
  } finally {
    db.close();
  }
};

/** What `broken` must equal: every pair complete. */
export const NOTHING_BROKEN: Record<string, string[]> = Object.fromEntries(
  Object.keys(BROKEN).map((k) => [k, []]),
);
