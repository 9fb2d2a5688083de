import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hydraError } from '../errors.js';
import { dbLockedError, isLockError } from './locked.js';

export type { Database as Db } from 'better-sqlite3';

type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;

/**
 * The writer connection (migrations, the cycle worker). synchronous=FULL because fills and intents must
 * survive a power loss, not only a process crash; the cycle writes a few hundred rows a day, so the fsync
 * cost is irrelevant. Each thread opens its own connection: a Database object must never cross threads.
 */
export const openDatabase = (file: string): Db => {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_DB_OPEN',
      `cannot open the database ${file}: ${(err as Error).message}`,
      { file },
      err,
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    if (isLockError(err)) throw dbLockedError(file, BUSY_TIMEOUT_MS, err);
    throw hydraError(
      'HYDRA_ERR_DB_OPEN',
      `cannot prepare the database ${file}: ${(err as Error).message}`,
      { file },
      err,
    );
  }
  return db;
};

/**
 * The server's connection: read-only twice over (the file handle and query_only), so no GraphQL resolver
 * can write even by mistake. The file must exist: the server opens it after migrations ran.
 */
export const openReadOnlyDatabase = (file: string): Db => {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_DB_OPEN',
      `cannot open the database ${file} read-only: ${(err as Error).message}`,
      { file },
      err,
    );
  }
  db.pragma('query_only = ON');
  return db;
};
