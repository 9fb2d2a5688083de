import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isLoopback, loadConfig } from '../../src/config.js';
import { packageRoot } from '../../src/paths.js';
import { tempDir } from '../helpers/temp-dir.js';
import { DEPLOY_DIR, SIM_COMPOSE, serviceEnvironment } from './compose.js';

/**
 * The container's exact command (`node dist/cli.js serve`, the Dockerfile's CMD, from the image's /app layout)
 * with compose.sim.yml's environment. Only what the container gets from its mounts changes: the data folder is a
 * temporary one, the token file is a temporary secret, the port is any free one and, as tests here do, the
 * server binds 127.0.0.1.
 */
const CLI = path.join(packageRoot, 'dist', 'cli.js');

/** Newest modification time of the sources dist/ is compiled from. */
const newestSource = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return Math.max(newest, newestSource(full));
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
      ? Math.max(newest, statSync(full).mtimeMs)
      : newest;
  }, 0);

/** Builds dist/ when it is missing or older than the sources (CI runs jest without `npm run build`). */
const ensureBuilt = () => {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSource(path.join(packageRoot, 'src'))) return;
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (!existsSync(CLI))
    throw new Error(`npx tsc -p tsconfig.json did not produce dist/cli.js: ${r.stdout}${r.stderr}`);
};

interface Running {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
}

const run = (args: string[], env: Record<string, string>): Running => {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let out = '';
  let resolveUrl: (u: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const onData = (d: Buffer) => {
    out += d.toString('utf8');
    // JSON log lines (HYDRA_LOG_FORMAT=json): the "serving" line carries the URL.
    const m = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out);
    if (m) resolveUrl(m[1]!);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, url, exited };
};

const within = <T>(p: Promise<T>, ms: number, what: string, output: () => string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} within ${ms} ms; output:\n${output()}`)), ms).unref(),
    ),
  ]);

const healthcheck = (port: number) =>
  spawnSync(process.execPath, [path.join(DEPLOY_DIR, 'healthcheck.mjs')], {
    env: { PATH: process.env.PATH ?? '', HYDRA_PORT: String(port) },
    encoding: 'utf8',
    timeout: 10_000,
  });

describe('the container command with compose.sim.yml', () => {
  beforeAll(ensureBuilt, 120_000);

  it('serves /health/live and /health/ready, reads the token from its _FILE and never logs it', async () => {
    const tmp = tempDir();
    const token = randomBytes(24).toString('base64url');
    const tokenFile = path.join(tmp.dir, 'hydra_api_token');
    // As `echo token > file` would write it: the trailing newline is not part of the token.
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o444 });
    const composeEnv = serviceEnvironment(SIM_COMPOSE, 'hydra');
    expect(composeEnv).toMatchObject({
      HYDRA_HOST: '0.0.0.0',
      HYDRA_API_TOKEN_FILE: '/run/secrets/hydra_api_token',
    });
    expect(composeEnv).not.toHaveProperty('HYDRA_IB_HOST');
    const env = {
      ...composeEnv,
      HYDRA_DATA_DIR: path.join(tmp.dir, 'data'),
      HYDRA_API_TOKEN_FILE: tokenFile,
      HYDRA_PORT: '0',
      HYDRA_HOST: '127.0.0.1',
      // The most verbose level: the token must not appear even there.
      HYDRA_LOG_LEVEL: 'trace',
    };
    const auth = { authorization: `Bearer ${token}` };
    const serve = run(['serve'], env);
    try {
      // The compose environment as such (0.0.0.0 and a token file) passes the service's non-loopback guard.
      const asCompose = loadConfig({ ...composeEnv, HYDRA_API_TOKEN_FILE: tokenFile }, tmp.dir);
      expect(asCompose.host).toBe('0.0.0.0');
      expect(isLoopback(asCompose.host)).toBe(false);
      expect(asCompose.apiToken).toBe(token);
      expect(asCompose.allowInsecure).toBe(false);

      const url = await within(serve.url, 30_000, 'no "serving" log line', serve.output);
      const port = Number(new URL(url).port);

      const live = await fetch(`${url}/health/live`);
      expect(live.status).toBe(200);
      // The compose healthcheck, as the container runs it.
      const hc = healthcheck(port);
      expect({ status: hc.status, out: hc.stdout.trim() }).toEqual({ status: 0, out: 'healthy' });

      // The token came from the file: without it /health/ready is refused, with it the service is ready.
      expect((await fetch(`${url}/health/ready`)).status).toBe(401);
      let ready = await fetch(`${url}/health/ready`, { headers: auth });
      for (let i = 0; i < 50 && ready.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        ready = await fetch(`${url}/health/ready`, { headers: auth });
      }
      expect(ready.status).toBe(200);

      // Every metric the Grafana dashboard charts and the service claims to export is really on /metrics.
      const metrics = await (await fetch(`${url}/metrics`, { headers: auth })).text();
      const dashboard = readFileSync(
        path.join(DEPLOY_DIR, 'monitoring/grafana/dashboards/hydra.json'),
        'utf8',
      );
      const charted = new Set(
        [...dashboard.matchAll(/\b((?:hydra|process|nodejs)_[a-z0-9_]+)/g)]
          .map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''))
          .filter((n) => n !== 'hydra_api_token'),
      );
      expect(charted.size).toBeGreaterThan(8);
      for (const name of charted)
        expect({ name, exported: metrics.includes(`# TYPE ${name} `) }).toEqual({ name, exported: true });

      serve.child.kill('SIGTERM');
      expect(await within(serve.exited, 15_000, 'no exit after SIGTERM', serve.output)).toBe(0);
      expect(healthcheck(port).status).toBe(1);

      // `hydra check` with the same environment shows the token masked, read from the file.
      const check = spawnSync(process.execPath, [CLI, 'check'], {
        cwd: packageRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(check.stdout).toMatch(/HYDRA_API_TOKEN\s+\*{8}\s+\(HYDRA_API_TOKEN_FILE\)/);
      expect(check.status).toBe(0);

      const everything = `${serve.output()}\n${check.stdout}\n${check.stderr}`;
      expect(serve.output()).toMatch(/"level":20/); // debug lines were written: there was a chance to leak
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.slice(0, 12));
    } finally {
      if (serve.child.exitCode === null && serve.child.signalCode === null) {
        serve.child.kill('SIGKILL');
        await serve.exited;
      }
      tmp.remove();
    }
  }, 60_000);
});
