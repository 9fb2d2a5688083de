import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { migrate, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { BUSY_TIMEOUT_MS } from '../../src/db/open.js';
import { packageRoot } from '../../src/paths.js';
import { pluginsFor } from '../../src/plugins/registry.js';
import { postGraphQL } from '../helpers/graphql.js';
import { logSink } from '../helpers/log-sink.js';
import { tempDir } from '../helpers/temp-dir.js';
import { jsonLine, type LineChild, spawnLines } from './child-lines.js';
import { NOTHING_BROKEN, readDbState } from './db-invariants.js';

/**
 * Faults at the storage layer, on real files and real processes: a database another process holds locked,
 * a disk that fills up in the middle of a cycle, and a writer SIGKILLed again and again mid-transaction.
 */

const CLI = path.join(packageRoot, 'src', 'cli.ts');
const WRITER = path.join(packageRoot, 'test', 'reliability', 'fill-writer.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every child this file starts, so a failing assertion never leaves one running.
const children: LineChild[] = [];
const spawnChild = (...args: Parameters<typeof spawnLines>) => {
  const c = spawnLines(...args);
  children.push(c);
  return c;
};
const killChildren = async () => {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await c.exited;
  }
};

const migratedDataDir = async () => {
  const tmp = tempDir();
  const config = loadConfig({ HYDRA_DATA_DIR: tmp.dir, HYDRA_PORT: '0', HYDRA_HOST: '127.0.0.1' });
  migrate(config, await pluginsFor(config));
  return { tmp, config };
};

describe('the database locked by another process at startup', () => {
  /** Another process takes a lock on the file with `sql`, says "locked" and waits to be killed. */
  const holdLock = async (file: string, sql: string) => {
    const holder = spawnChild(process.execPath, [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); ${sql} console.log('locked'); setInterval(() => {}, 1000);`,
    ]);
    await holder.waitFor((l) => l === 'locked', 10_000, 'lock taken');
    return holder;
  };
  const TAKE_WRITE_LOCK = "db.exec('CREATE TABLE IF NOT EXISTS other_writer (x)');";

  it('fails with HYDRA_ERR_DB_LOCKED naming the file after the busy timeout, in-process and from the CLI', async () => {
    const inProcess = await migratedDataDir();
    const cli = await migratedDataDir();
    try {
      // Another hydra mid-cycle, or a sqlite3 shell left inside a transaction.
      const writer = await holdLock(
        inProcess.config.dbFile,
        `db.exec('BEGIN IMMEDIATE'); ${TAKE_WRITE_LOCK}`,
      );
      // A connection in exclusive locking mode keeps even readers out.
      await holdLock(cli.config.dbFile, `db.pragma('locking_mode = EXCLUSIVE'); ${TAKE_WRITE_LOCK}`);

      // Both wait out the busy timeout at the same time (startApp blocks this thread while it waits).
      const c0 = Date.now();
      const serve = spawnChild(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
        HYDRA_DATA_DIR: cli.tmp.dir,
        HYDRA_PORT: '0',
        HYDRA_LOG_FORMAT: 'json',
      });
      const sink = logSink();
      const t0 = Date.now();
      const started = startApp({
        config: inProcess.config,
        log: sink.log,
        staticDir: inProcess.tmp.dir,
        trading: false,
      });
      await expect(started).rejects.toMatchObject({
        code: 'HYDRA_ERR_DB_LOCKED',
        details: { file: inProcess.config.dbFile },
      });
      const waited = Date.now() - t0;
      const message = await started.catch((e: Error) => e.message);
      expect(message).toContain(inProcess.config.dbFile);
      expect(message).toMatch(/another hydra/);
      // Bounded: it waits the busy timeout once, then gives up; it neither fails at once nor hangs.
      expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 500);
      expect(waited).toBeLessThan(BUSY_TIMEOUT_MS * 3);

      // What an operator sees: one fatal line with the code and the file, exit code 1, within the bound.
      expect((await serve.exited).code).toBe(1);
      const cliWaited = Date.now() - c0;
      const fatal = serve.lines.map(jsonLine).find((l) => l?.code === 'HYDRA_ERR_DB_LOCKED');
      expect(fatal?.level).toBe(60);
      expect(String(fatal?.msg)).toContain(cli.config.dbFile);
      expect(cliWaited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 500);
      expect(cliWaited).toBeLessThan(BUSY_TIMEOUT_MS * 4);

      // The lock was the only problem: with the other process gone, the same start succeeds.
      writer.child.kill('SIGKILL');
      await writer.exited;
      const app = await startApp({
        config: inProcess.config,
        log: sink.log,
        staticDir: inProcess.tmp.dir,
        trading: false,
      });
      expect((await postGraphQL(app.server.url, '{ system { status } }')).status).toBe(200);
      await app.close();
    } finally {
      await killChildren();
      inProcess.tmp.remove();
      cli.tmp.remove();
    }
  }, 30_000);
});

describe('the disk full in the middle of a cycle', () => {
  it('rolls back what could not be written, keeps serving reads, and the cycle closes after recovery', async () => {
    const { tmp, config } = await migratedDataDir();
    const env = {
      HYDRA_DATA_DIR: tmp.dir,
      HYDRA_PORT: '0',
      HYDRA_HOST: '127.0.0.1',
      HYDRA_LOG_FORMAT: 'json',
      HYDRA_SIM_DAY_SECONDS: '1',
      HYDRA_BACKFILL_DAYS: '0',
      HYDRA_IB_PROBE_SECONDS: '0',
      HYDRA_UNIVERSE: 'AAPL,MSFT,XOM',
    };
    const serve = (limit: string) =>
      spawnChild('bash', ['-c', `${limit} exec "$0" --import tsx "$1" serve`, process.execPath, CLI], env);
    const urlOf = async (child: ReturnType<typeof serve>) => {
      const line = await child.waitFor(
        (l) => typeof jsonLine(l)?.url === 'string' && String(jsonLine(l)?.msg).endsWith(' serving'),
        20_000,
        'serving',
      );
      return String(jsonLine(line)!.url).replace(/\/graphql$/, '');
    };
    const cyclesQuery =
      '{ cycles(first: 20) { edges { node { id status } } } fills(first: 100) { edges { node { id } } } }';
    type Cycles = {
      cycles: { edges: { node: { id: string; status: string } }[] };
      fills: { edges: { node: { id: string } }[] };
    };

    try {
      // A file-size limit (RLIMIT_FSIZE, what `ulimit -f` sets; no mount privileges needed) a little above
      // the migrated database: the WAL hits it a few commits into the first cycle. SQLite then gets a short
      // write and EFBIG (SQLITE_IOERR_WRITE) where a full disk gives ENOSPC (SQLITE_FULL); both abort the
      // transaction the same way, in the same code path.
      const kib = Math.ceil(statSync(config.dbFile).size / 1024) + 64;
      const full = serve(`ulimit -f ${kib} &&`);
      const url = await urlOf(full);
      const failure = await full.waitFor(
        (l) => /SQLITE_(FULL|IOERR)|disk I\/O error|database or disk is full/.test(l),
        30_000,
        'a write failure in the cycle',
      );
      expect(jsonLine(failure)?.level).toBe(50);

      // Reads keep working while every cycle fails; ask twice, a second apart, across further failures.
      for (let i = 0; i < 2; i++) {
        const res = await postGraphQL<Cycles>(url, cyclesQuery);
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data?.cycles.edges.length).toBeGreaterThan(0);
        expect((await fetch(`${url}/health/live`)).status).toBe(200);
        await sleep(1000);
      }
      expect(full.child.exitCode).toBeNull();
      full.child.kill('SIGTERM');
      expect((await full.exited).code).toBe(0);

      const during = readDbState(config.dbFile);
      expect(during.integrity).toBe('ok');
      expect(during.broken).toEqual(NOTHING_BROKEN);
      const hit = during.cycles.find((c) => c.status === 'running');
      // The fault struck during a cycle: the cycle could not be closed, and waits to be resumed.
      expect(hit).toBeDefined();

      // Recovery: space again. The interrupted cycle is resumed and closed; nothing stays 'running'.
      const recovered = serve('');
      const url2 = await urlOf(recovered);
      let statuses: Cycles['cycles']['edges'] = [];
      for (const t0 = Date.now(); Date.now() - t0 < 30_000; await sleep(250)) {
        const res = await postGraphQL<Cycles>(url2, cyclesQuery);
        statuses = res.body.data?.cycles.edges ?? [];
        if (statuses.some((e) => e.node.id === hit!.id && e.node.status !== 'RUNNING')) break;
      }
      expect(statuses.find((e) => e.node.id === hit!.id)?.node.status).toMatch(/^(OK|PARTIAL|FAILED)$/);
      recovered.child.kill('SIGTERM');
      expect((await recovered.exited).code).toBe(0);
      const after = readDbState(config.dbFile);
      expect(after.integrity).toBe('ok');
      expect(after.broken).toEqual(NOTHING_BROKEN);
      expect(after.cycles.find((c) => c.id === hit!.id)?.status).not.toBe('running');
      // Whatever was committed before the disk filled is still there.
      for (const id of during.executions) expect(after.executions.has(id)).toBe(true);
    } finally {
      await killChildren();
      tmp.remove();
    }
  }, 90_000);
});

describe('the disk full at each write of the write path', () => {
  it('never leaves half a transaction behind, wherever the space runs out', async () => {
    const { tmp, config } = await migratedDataDir();
    const baseKib = Math.ceil(statSync(config.dbFile).size / 1024);
    const acknowledged: number[] = [];
    const reasons = new Set<string>();
    // Every run writes the same commits from the same database, and each gets 4 KiB (about one WAL frame)
    // more room than the one before: together they run out of space at each write of a whole fill.
    const cut = async (frames: number) => {
      const dir = path.join(tmp.dir, `cut-${frames}`);
      mkdirSync(dir);
      copyFileSync(config.dbFile, path.join(dir, 'hydra.db'));
      const writer = spawnChild('bash', [
        '-c',
        `ulimit -f ${baseKib + 4 * frames} && exec "$0" --import tsx "$1" "$2" 1`,
        process.execPath,
        WRITER,
        dir,
      ]);
      const { code } = await writer.exited;
      // The writer stops at the first write that does not fit, as the cycle worker does.
      expect(code).toBe(1);
      const reason = writer.stderr().match(/SQLITE_(FULL|IOERR\w*)/)?.[0];
      expect(reason).toBeDefined();
      reasons.add(reason!);
      const acked = writer.lines.filter((l) => l.startsWith('fill ')).map((l) => l.slice(5));
      acknowledged.push(acked.length);
      const state = readDbState(path.join(dir, 'hydra.db'));
      expect(state.integrity).toBe('ok');
      expect(state.broken).toEqual(NOTHING_BROKEN);
      expect(acked.filter((id) => !state.executions.has(id))).toEqual([]);
    };
    try {
      // A fill takes about ten frames; thirty cuts span more than two fills wherever the first one lands (the
      // database grows with every plugin's tables, which moves where the WAL runs out).
      const FRAMES = 30;
      // Two at a time: the machine has two cores, and the runs do not share files.
      for (let f = 0; f < FRAMES; f += 2) await Promise.all([cut(f), cut(f + 1)]);
      // The cuts moved past at least one fill's commits; fewer frames would leave writes of a fill uncut.
      expect(Math.max(...acknowledged)).toBeGreaterThan(Math.min(...acknowledged));
      console.log(
        `disk-full sweep: ${FRAMES} cuts one WAL frame apart, ${Math.min(...acknowledged)}-${Math.max(...acknowledged)} fills acknowledged before the cut, failures ${[...reasons].join('/')}, integrity ok and nothing half-written after each`,
      );
    } finally {
      await killChildren();
      tmp.remove();
    }
  }, 45_000);
});

describe('a writer SIGKILLed in a tight write loop, 20 times on the same database', () => {
  it('leaves an intact database holding every acknowledged fill, every time', async () => {
    const tmp = tempDir();
    const acknowledged = new Set<string>();
    const delays: number[] = [];
    try {
      for (let run = 1; run <= 20; run++) {
        const writer = spawnChild(process.execPath, ['--import', 'tsx', WRITER, tmp.dir, String(run)]);
        await writer.waitFor((l) => l.startsWith('fill '), 20_000, `run ${run}: a first fill`);
        const delay = Math.floor(Math.random() * 150);
        delays.push(delay);
        await sleep(delay);
        writer.child.kill('SIGKILL');
        expect((await writer.exited).signal).toBe('SIGKILL');
        for (const l of writer.lines) if (l.startsWith('fill ')) acknowledged.add(l.slice(5));

        const state = readDbState(path.join(tmp.dir, 'hydra.db'));
        expect(state.integrity).toBe('ok');
        expect(state.broken).toEqual(NOTHING_BROKEN);
        const missing = [...acknowledged].filter((id) => !state.executions.has(id));
        expect(missing).toEqual([]);
        if (run === 20) {
          console.log(
            `kill loop: 20 SIGKILLs after ${Math.min(...delays)}-${Math.max(...delays)} ms of writing, ${acknowledged.size} fills acknowledged, ${state.executions.size} present, integrity ok`,
          );
        }
      }
    } finally {
      await killChildren();
      tmp.remove();
    }
  }, 60_000);
});
