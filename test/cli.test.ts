import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/paths.js';
import { CLI, runCli } from './helpers/cli.js';
import { startHttpReceiver } from './helpers/receivers.js';
import { tempDir } from './helpers/temp-dir.js';

const run = runCli;

const waitForLine = (child: ChildProcess, re: RegExp, timeoutMs = 20_000) =>
  new Promise<RegExpMatchArray>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} in: ${buf}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d;
      const m = buf.match(re);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
  });

describe('hydra CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: hydra \[command\]/);
    const c = await run(['help', 'config']);
    expect(c.stdout).toContain('HYDRA_IB_HOST');
  });

  it('gives usage and exit code 2 for an unknown command or flag', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    const f = await run(['serve', '--bogus']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('exits 2 with one clear message for bad configuration', async () => {
    const r = await run(['serve'], { HYDRA_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HYDRA_PORT="eighty": expected an integer 0-65535');
  });

  it('refuses to serve with a bad alerts file, naming the file, line and reason; check shows a good one', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir.dir, 'alerts.yml');
      writeFileSync(file, 'rules:\n  - id: failed\n    when: { kind: cycle_faild }\n');
      const env = { HYDRA_DATA_DIR: dir.dir, HYDRA_PORT: '0', HYDRA_ALERTS_FILE: file };
      const r = await run(['serve'], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `${file}:3:19: kind "cycle_faild" is not known (did you mean "cycle_failed"?)`,
      );
      writeFileSync(
        file,
        'channels:\n  ops: { type: webhook, url: "http://127.0.0.1:9/h" }\ndefaults: { notify: [ops] }\n',
      );
      const c = await run(['check'], env);
      expect(c.stdout).toMatch(/ok\s+alerts\s+\d+ rules from .*alerts\.yml; channels ops \(webhook\)/);
    } finally {
      dir.remove();
    }
  });

  it('alerts test sends one notification through a channel and says what the receiver answered', async () => {
    const dir = tempDir();
    const rx = await startHttpReceiver();
    try {
      const file = path.join(dir.dir, 'alerts.yml');
      writeFileSync(
        file,
        `channels:\n  ops: { type: webhook, url: "${rx.url}/hook", secretEnv: CLI_HOOK_SECRET }\n`,
      );
      const env = { HYDRA_DATA_DIR: dir.dir, HYDRA_ALERTS_FILE: file, CLI_HOOK_SECRET: 'cli-secret-9' };
      const ok = await run(['alerts', 'test', 'ops'], env);
      expect(ok.stdout).toContain('sent a test notification through ops (webhook)');
      expect(ok.code).toBe(0);
      expect(JSON.parse(rx.requests[0]!.body)).toMatchObject({
        ruleId: 'test',
        event: 'firing',
        severity: 'info',
      });
      expect(rx.requests[0]!.headers['x-hydra-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      rx.answer(404, {}, 'no such hook');
      const bad = await run(['alerts', 'test', 'ops'], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('could not send through ops (webhook): webhook (127.0.0.1:');
      expect(bad.stdout).toContain('answered 404');
      const unknown = await run(['alerts', 'test', 'nope'], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('has ops');
    } finally {
      await rx.close();
      dir.remove();
    }
  });

  it('migrate applies migrations, check prints masked config and exits 0', async () => {
    const dir = tempDir();
    try {
      const env = {
        HYDRA_DATA_DIR: dir.dir,
        HYDRA_API_TOKEN: 'a-very-secret-token-1234',
        HYDRA_PORT: '0',
        HYDRA_LOG_FORMAT: 'json',
      };
      expect((await run(['migrate'], env)).code).toBe(0);
      const c = await run(['check'], env);
      expect(c.code).toBe(0);
      expect(c.stdout).toMatch(/HYDRA_API_TOKEN\s+\*{8}/);
      expect(c.stdout).not.toContain('a-very-secret-token-1234');
      expect(c.stdout).toMatch(/ok\s+database\s+.*up to date/);
    } finally {
      dir.remove();
    }
  });

  it('serve starts on port 0 and shuts down cleanly within 5 s of SIGTERM, with a subscriber connected', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
      cwd: packageRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HYDRA_DATA_DIR: dir.dir,
        HYDRA_PORT: '0',
        HYDRA_LOG_FORMAT: 'json',
      },
    });
    try {
      const m = await waitForLine(child, /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/);
      const url = m[1]!;
      const { wsClient, takeEvents } = await import('./helpers/graphql.js');
      const client = wsClient(url);
      await takeEvents(client, 'subscription { systemStatus { status } }', 1).done;
      const sub = client.subscribe(
        { query: 'subscription { systemStatus { status } }' },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
      const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
        const t0 = Date.now();
        child.on('exit', (code) => resolve({ code, ms: Date.now() - t0 }));
      });
      child.kill('SIGTERM');
      const { code, ms } = await exited;
      sub();
      await client.dispose();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(5000);
    } finally {
      child.kill('SIGKILL');
      dir.remove();
    }
  });
});

describe('hydra drift reference', () => {
  it('pins and resets the reference window, each time with an audit event, and refuses bad dates', async () => {
    const dir = tempDir();
    try {
      const env = { HYDRA_DATA_DIR: dir.dir, HYDRA_LOG_FORMAT: 'json' };
      const bad = await run(['drift', 'reference', '--from', '2026-13-01', '--to', '2026-01-01'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/give --from and --to as YYYY-MM-DD/);
      expect(
        (await run(['drift', 'reference', '--from', '2026-01-05', '--to', '2026-03-31'], env)).stdout,
      ).toMatch(/pinned|2026-01-05 … 2026-03-31/);
      expect((await run(['drift', 'reference', '--reset'], env)).code).toBe(0);
      const { openReadOnlyDatabase } = await import('../src/db/open.js');
      const db = openReadOnlyDatabase(path.join(dir.dir, 'hydra.db'));
      const events = db
        .prepare("SELECT message FROM audit_events WHERE kind = 'drift-reference-changed' ORDER BY id")
        .all();
      expect(db.prepare('SELECT COUNT(*) AS n FROM drift_reference').get()).toEqual({ n: 0 });
      db.close();
      expect(events).toEqual([
        { message: 'drift reference pinned to 2026-01-05 … 2026-03-31' },
        { message: 'drift reference reset to the first cycles' },
      ]);
    } finally {
      dir.remove();
    }
  });
});
