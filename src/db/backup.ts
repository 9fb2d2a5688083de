import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, hydraError, isHydraError } from '../errors.js';
import { isLockError } from './locked.js';
import { BUSY_TIMEOUT_MS, openReadOnlyDatabase } from './open.js';

export interface BackupProgress {
  totalPages: number;
  copiedPages: number;
}

export interface BackupOptions {
  /** Pages copied per step; progress is reported after each step. @default 1024 (4 MiB at 4 KiB pages) */
  pagesPerStep?: number;
  onProgress?: (p: BackupProgress) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  durationMs: number;
}

const DEFAULT_PAGES_PER_STEP = 1024;

/** `hydra-2026-11-22T13-45-00.123Z.db`: sorts by time, and has no ':' (not allowed in file names everywhere). */
export const backupFileName = (at: Date): string => `hydra-${at.toISOString().replace(/:/g, '-')}.db`;

/** Rows of `PRAGMA integrity_check`: ['ok'] for a sound database, otherwise up to 100 problems. */
export const integrityProblems = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check);
    return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
  } finally {
    db.close();
  }
};

const syncDir = (dir: string): void => {
  // The rename is only durable once the directory entry is on disk too.
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * Copies a live SQLite database with SQLite's online backup API, then proves the copy sound.
 *
 * Safe while another connection (the cycle worker, another process) writes: the source connection holds one
 * read transaction for the whole copy, so every step reads the same WAL snapshot. Without it, SQLite restarts
 * a stepwise backup whenever another connection commits, and a steady writer would keep it from ever ending.
 * The copy holds exactly the rows committed when the snapshot was taken.
 *
 * The copy is switched to `journal_mode=DELETE`, so it is one self-contained file (no -wal to forget when it is
 * restored; the service turns WAL back on when it opens it), checked with `PRAGMA integrity_check`, and only
 * then renamed to `destination`. A failed or interrupted backup never leaves a file that looks complete.
 */
export const backupDatabase = async (
  source: string,
  destination: string,
  opts: BackupOptions = {},
): Promise<BackupResult> => {
  const started = Date.now();
  if (!existsSync(source)) {
    throw hydraError('HYDRA_ERR_DB_OPEN', `no database at ${source}: nothing to back up`, { file: source });
  }
  if (existsSync(destination)) {
    throw hydraError(
      'HYDRA_ERR_INPUT',
      `${destination} already exists; a backup never overwrites a file, choose another --out`,
      { file: destination },
    );
  }
  const dir = path.dirname(destination);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw hydraError('HYDRA_ERR_INPUT', `cannot create ${dir}: ${errorMessage(err)}`, { dir }, err);
  }
  const partial = `${destination}.partial-${process.pid}`;
  const removePartial = () => {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`])
      rmSync(f, { force: true });
  };
  const step = Math.max(1, Math.round(opts.pagesPerStep ?? DEFAULT_PAGES_PER_STEP));

  const src = openReadOnlyDatabase(source);
  let pages = 0;
  try {
    // Pin one snapshot: a deferred BEGIN takes its read lock at the first read.
    src.exec('BEGIN');
    src.prepare('SELECT count(*) FROM sqlite_schema').get();
    const done = await src.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        opts.onProgress?.({ totalPages, copiedPages: totalPages - remainingPages });
        return step;
      },
    });
    pages = done.totalPages;
    opts.onProgress?.({ totalPages: pages, copiedPages: pages });
  } catch (err) {
    removePartial();
    if (isHydraError(err)) throw err;
    throw hydraError(
      isLockError(err) ? 'HYDRA_ERR_DB_LOCKED' : 'HYDRA_ERR_DB_OPEN',
      `the backup of ${source} failed while copying: ${errorMessage(err)}`,
      { file: source, stage: 'copy' },
      err,
    );
  } finally {
    if (src.inTransaction) src.exec('COMMIT');
    src.close();
  }

  try {
    const copy = new Database(partial, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const problems = integrityProblems(partial);
    if (problems.length > 0) {
      throw hydraError(
        'HYDRA_ERR_DB_OPEN',
        `the backup copy failed PRAGMA integrity_check (${problems.length} problem(s), first: ${problems[0]}); the source may be damaged, run PRAGMA integrity_check on ${source}`,
        { file: source, stage: 'verify', problems: problems.slice(0, 10) },
      );
    }
    renameSync(partial, destination);
    syncDir(dir);
  } catch (err) {
    removePartial();
    if (isHydraError(err)) throw err;
    throw hydraError(
      'HYDRA_ERR_DB_OPEN',
      `the backup copy ${destination} could not be verified: ${errorMessage(err)}`,
      { file: destination, stage: 'verify' },
      err,
    );
  }
  return { file: destination, bytes: statSync(destination).size, pages, durationMs: Date.now() - started };
};
