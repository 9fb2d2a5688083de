import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { isLockError } from './locked.js';
import { runMigrations } from './migrate.js';
import { openDatabase } from './open.js';

const TRACKS = [{ name: 'a', migrations: ['CREATE TABLE a1 (x)'] }];

describe('lock detection', () => {
  it('recognises SQLite lock codes, extended ones included, and nothing else', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED_SHAREDCACHE'])
      expect(isLockError({ code })).toBe(true);
    for (const e of [{ code: 'SQLITE_FULL' }, { code: 'SQLITE_BUSYX' }, new Error('busy'), null, undefined])
      expect(isLockError(e)).toBe(false);
  });

  it('turns a write lock held elsewhere into HYDRA_ERR_DB_LOCKED naming the file, after the busy timeout', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir.dir, 'hydra.db');
      const first = openDatabase(file);
      runMigrations(first, TRACKS);
      first.exec('BEGIN IMMEDIATE');
      // A second connection with a short busy timeout, so the test waits 200 ms instead of 5 s.
      const second = new Database(file, { timeout: 200 });
      const t0 = Date.now();
      let caught: unknown;
      try {
        runMigrations(second, TRACKS);
      } catch (err) {
        caught = err;
      }
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
      expect(caught).toMatchObject({ code: 'HYDRA_ERR_DB_LOCKED', details: { file, waitedMs: 200 } });
      expect((caught as Error).message).toContain(file);
      expect((caught as Error).message).toMatch(/another hydra/);
      first.exec('ROLLBACK');
      // Once the other writer is gone, the same call succeeds.
      expect(runMigrations(second, TRACKS).applied).toEqual([]);
      second.close();
      first.close();
    } finally {
      dir.remove();
    }
  });
});
