import { type HydraError, hydraError } from '../errors.js';

/**
 * SQLite reports "someone else holds the lock" as SQLITE_BUSY or SQLITE_LOCKED, plus extended variants
 * (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, …) that better-sqlite3 passes through as the code.
 */
export const isLockError = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
};

/**
 * The operator's view of a lock that outlasted the busy timeout: which file, how long we waited, and the
 * usual culprit (a second hydra, or a sqlite3 shell left inside a transaction).
 */
export const dbLockedError = (file: string, waitedMs: number, cause: unknown): HydraError =>
  hydraError(
    'HYDRA_ERR_DB_LOCKED',
    `the database ${file} is locked by another process (still locked after ${Math.round(waitedMs / 100) / 10} s): is another hydra running on the same data folder, or a sqlite3 shell holding a transaction? Stop it, then start again`,
    { file, waitedMs },
    cause,
  );
