import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { type BackupProgress, backupDatabase, backupFileName, integrityProblems } from './backup.js';
import { openDatabase, openReadOnlyDatabase } from './open.js';

/**
 * A second OS process that commits one row per transaction as fast as it can, until killed: the cycle worker
 * at its worst. It prints "ready" after its first commit.
 */
const WRITER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const insert = db.prepare('INSERT INTO rows (pad) VALUES (randomblob(256))');
for (let n = 1; ; n++) {
  insert.run();
  if (n === 1) process.stdout.write('ready\\n');
}`;

const startWriter = (file: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER, require.resolve('better-sqlite3'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    child.stdout?.once('data', () => resolve(child));
  });

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const maxId = (file: string): number => {
  const db = openReadOnlyDatabase(file);
  try {
    return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM rows').get() as { m: number }).m;
  } finally {
    db.close();
  }
};

/** A WAL database of about `mb` MiB in one table `rows (id INTEGER PRIMARY KEY, pad BLOB)`. */
const seed = (file: string, mb: number) => {
  const db = openDatabase(file);
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (pad) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let i = 0; i < mb * 256; i++) insert.run();
  })();
  db.close();
};

describe('backupDatabase', () => {
  it('copies a database another process keeps writing to: every row committed before it started, intact', async () => {
    const tmp = tempDir();
    let writer: ChildProcess | null = null;
    try {
      const source = path.join(tmp.dir, 'hydra.db');
      seed(source, 16);
      writer = await startWriter(source);
      const committedBefore = maxId(source);
      const progress: BackupProgress[] = [];
      const dest = path.join(tmp.dir, 'backups', 'copy.db');
      // Small steps, so the copy spans many turns of the event loop while the writer commits.
      const result = await backupDatabase(source, dest, {
        pagesPerStep: 64,
        onProgress: (p) => progress.push(p),
      });
      const committedAfter = maxId(source);
      await stop(writer);
      writer = null;

      // The writer really was writing during the backup.
      expect(committedAfter).toBeGreaterThan(committedBefore);
      expect(progress.length).toBeGreaterThan(10);
      expect(progress.at(-1)).toEqual({ totalPages: result.pages, copiedPages: result.pages });
      for (let i = 1; i < progress.length; i++)
        expect(progress[i]!.copiedPages).toBeGreaterThanOrEqual(progress[i - 1]!.copiedPages);

      // Restore as documented: the copy becomes hydra.db in a fresh folder, with no -wal or -shm beside it.
      expect(readdirSync(path.dirname(dest))).toEqual(['copy.db']);
      const restored = path.join(tmp.dir, 'restored', 'hydra.db');
      mkdirSync(path.dirname(restored));
      copyFileSync(dest, restored);
      expect(integrityProblems(restored)).toEqual([]);
      const db = openDatabase(restored);
      try {
        const before = db
          .prepare('SELECT count(*) AS n, sum(id) AS s FROM rows WHERE id <= ?')
          .get(committedBefore) as { n: number; s: number };
        expect(before.n).toBe(committedBefore);
        expect(before.s).toBe((committedBefore * (committedBefore + 1)) / 2);
        // One consistent snapshot: no holes anywhere, not even among rows committed during the copy.
        const all = db.prepare('SELECT count(*) AS n, max(id) AS m FROM rows').get() as {
          n: number;
          m: number;
        };
        expect(all.n).toBe(all.m);
        expect(all.m).toBeLessThanOrEqual(committedAfter);
      } finally {
        db.close();
      }
    } finally {
      if (writer) await stop(writer);
      tmp.remove();
    }
  });

  it('writes a self-contained file (no WAL) and reports its size', async () => {
    const tmp = tempDir();
    try {
      const source = path.join(tmp.dir, 'hydra.db');
      seed(source, 1);
      const dest = path.join(tmp.dir, 'out.db');
      const r = await backupDatabase(source, dest);
      expect(r.bytes).toBe(statSync(dest).size);
      expect(r.pages * 4096).toBe(r.bytes);
      const db = openReadOnlyDatabase(dest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      db.close();
      expect(existsSync(`${dest}-wal`)).toBe(false);
    } finally {
      tmp.remove();
    }
  });

  it('never overwrites, and leaves nothing behind when the source is missing', async () => {
    const tmp = tempDir();
    try {
      const source = path.join(tmp.dir, 'hydra.db');
      seed(source, 1);
      const dest = path.join(tmp.dir, 'taken.db');
      copyFileSync(source, dest);
      const sizeBefore = statSync(dest).size;
      await expect(backupDatabase(source, dest)).rejects.toMatchObject({
        code: 'HYDRA_ERR_INPUT',
        message: expect.stringMatching(/already exists/),
      });
      expect(statSync(dest).size).toBe(sizeBefore);
      const out = path.join(tmp.dir, 'out', 'x.db');
      await expect(backupDatabase(path.join(tmp.dir, 'none.db'), out)).rejects.toMatchObject({
        code: 'HYDRA_ERR_DB_OPEN',
        message: expect.stringMatching(/no database at .*nothing to back up/),
      });
      expect(existsSync(path.dirname(out))).toBe(false);
    } finally {
      tmp.remove();
    }
  });

  it('fails on a damaged source and removes its partial copy', async () => {
    const tmp = tempDir();
    try {
      const source = path.join(tmp.dir, 'hydra.db');
      const db = openDatabase(source);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v)');
      const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 5000; i++) ins.run(`value-${i}`);
      })();
      db.pragma('journal_mode = DELETE');
      db.close();
      // Scribble over the last pages (the index), leaving the header and schema page readable.
      const size = statSync(source).size;
      const fd = openSync(source, 'r+');
      writeSync(fd, Buffer.alloc(3 * 4096, 0x5a), 0, 3 * 4096, size - 3 * 4096);
      closeSync(fd);
      const dir = path.join(tmp.dir, 'backups');
      await expect(backupDatabase(source, path.join(dir, 'b.db'))).rejects.toMatchObject({
        code: 'HYDRA_ERR_DB_OPEN',
        details: expect.objectContaining({ stage: expect.stringMatching(/copy|verify/) }),
      });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      tmp.remove();
    }
  });

  it('names backups by UTC time, sortable and without colons', () => {
    expect(backupFileName(new Date('2026-11-22T13:45:00.123Z'))).toBe('hydra-2026-11-22T13-45-00.123Z.db');
  });
});
