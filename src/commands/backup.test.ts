import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logSink } from '../../test/helpers/log-sink.js';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { migrate, startApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, openReadOnlyDatabase } from '../db/open.js';
import { pluginsFor } from '../plugins/registry.js';
import { backupCommand } from './backup.js';

const setup = () => {
  const tmp = tempDir();
  const config = loadConfig({ HYDRA_DATA_DIR: tmp.dir, HYDRA_PORT: '0', HYDRA_HOST: '127.0.0.1' });
  return { tmp, config };
};

const messages = (sink: ReturnType<typeof logSink>) => sink.lines.map((l) => l.msg);

/** Another process commits a row and dies without closing: hydra.db-wal keeps a commit the backup lacks. */
const commitAndCrash = (file: string, value: string) =>
  new Promise<void>((resolve, reject) => {
    const script = `
      const Database = require(process.argv[1]);
      const db = new Database(process.argv[2]);
      db.prepare('INSERT INTO restore_marker (v) VALUES (?)').run(process.argv[3]);
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawn(process.execPath, ['-e', script, require.resolve('better-sqlite3'), file, value], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error('the writer did not crash as planned')),
    );
  });

describe('hydra backup', () => {
  it('backs up to $HYDRA_DATA_DIR/backups by default; the documented restore brings the service back ready', async () => {
    const { tmp, config } = setup();
    try {
      migrate(config, await pluginsFor(config));
      const w = openDatabase(config.dbFile);
      w.exec("CREATE TABLE restore_marker (v TEXT); INSERT INTO restore_marker VALUES ('before')");
      w.close();

      const sink = logSink();
      expect(await backupCommand([], config, sink.log)).toBe(0);
      const backups = readdirSync(path.join(config.dataDir, 'backups'));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(/^hydra-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.db$/);
      const backup = path.join(config.dataDir, 'backups', backups[0]!);
      expect(messages(sink).at(-1)).toBe(`backup written and verified (integrity_check ok): ${backup}`);
      // A small database: no progress lines.
      expect(messages(sink).some((m) => /^backup \d+%/.test(m))).toBe(false);

      // The service crashed after one more commit: the live files hold a row the backup does not.
      await commitAndCrash(config.dbFile, 'after');
      expect(existsSync(`${config.dbFile}-wal`)).toBe(true);

      // Restore, as the README says: (service stopped) copy the backup over hydra.db, remove -wal/-shm, start.
      copyFileSync(backup, config.dbFile);
      rmSync(`${config.dbFile}-wal`, { force: true });
      rmSync(`${config.dbFile}-shm`, { force: true });
      const app = await startApp({ config, log: logSink().log, staticDir: tmp.dir, trading: false });
      try {
        const ready = await fetch(`${app.server.url}/health/ready`);
        expect(ready.status).toBe(200);
        const r = openReadOnlyDatabase(config.dbFile);
        expect(r.prepare('SELECT v FROM restore_marker').all()).toEqual([{ v: 'before' }]);
        expect(r.pragma('journal_mode', { simple: true })).toBe('wal');
        r.close();
      } finally {
        await app.close();
      }
    } finally {
      tmp.remove();
    }
  });

  it('shows progress for a large database', async () => {
    const { tmp, config } = setup();
    try {
      const db = openDatabase(config.dbFile);
      db.exec('CREATE TABLE blobs (b BLOB)');
      const ins = db.prepare('INSERT INTO blobs VALUES (randomblob(4000))');
      db.transaction(() => {
        for (let i = 0; i < 20 * 256; i++) ins.run();
      })();
      db.close();
      const sink = logSink();
      const out = path.join(tmp.dir, 'elsewhere', 'big.db');
      expect(await backupCommand(['--out', out], config, sink.log)).toBe(0);
      const pct = messages(sink)
        .map((m) => /^backup (\d+)% \(\d+\/\d+ pages\)$/.exec(m)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number);
      expect(pct[0]).toBe(0);
      expect(pct.at(-1)).toBe(100);
      expect(pct.length).toBeGreaterThanOrEqual(5);
      expect([...pct].sort((a, b) => a - b)).toEqual(pct);
      expect(existsSync(out)).toBe(true);
    } finally {
      tmp.remove();
    }
  });

  it('exits 1 with a clear message when there is nothing to back up or the target exists', async () => {
    const { tmp, config } = setup();
    try {
      const sink = logSink();
      expect(await backupCommand([], config, sink.log)).toBe(1);
      expect(messages(sink).at(-1)).toBe(
        `backup failed: no database at ${config.dbFile}: nothing to back up`,
      );

      openDatabase(config.dbFile).close();
      const taken = path.join(tmp.dir, 'taken.db');
      writeFileSync(taken, 'not mine to overwrite');
      expect(await backupCommand(['--out', taken], config, sink.log)).toBe(1);
      expect(messages(sink).at(-1)).toMatch(/^backup failed: .*taken\.db already exists/);
      expect(readdirSync(tmp.dir).sort()).toEqual(['hydra.db', 'taken.db']);
    } finally {
      tmp.remove();
    }
  });

  it('exits 2 on a bad flag', async () => {
    const { tmp, config } = setup();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await backupCommand(['--bogus'], config, logSink().log)).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/hydra backup: Unknown option '--bogus'/);
    } finally {
      stderr.mockRestore();
      tmp.remove();
    }
  });
});
