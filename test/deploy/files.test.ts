import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../../src/config.js';
import { packageRoot } from '../../src/paths.js';
import { DEPLOY_DIR, MAIN_COMPOSE, SIM_COMPOSE, VNC_COMPOSE } from './compose.js';

const read = (file: string) => readFileSync(file, 'utf8');

/** Every file this deployment ships (the secrets folder holds only its .gitignore in the repository). */
const deployFiles = (): string[] => {
  const out: string[] = [MAIN_COMPOSE];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (full !== path.join(DEPLOY_DIR, 'secrets')) walk(full);
      } else out.push(full);
    }
  };
  walk(DEPLOY_DIR);
  return out;
};

describe('deployment files', () => {
  it('hold no credentials: secrets are only ever referenced as files', () => {
    const files = deployFiles();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const rel = path.relative(packageRoot, file);
      read(file)
        .split('\n')
        .forEach((line, i) => {
          const where = `${rel}:${i + 1}`;
          // KEY: value or KEY=value where the key names a secret: the value must be a file path, a ${...}
          // reference, or nothing at all.
          const m =
            /^[\s#-]*([A-Z][A-Z0-9_]*(?:PASSWORD|PASSPHRASE|TOKEN(?!S)|SECRET)[A-Z0-9_]*)\s*[:=]\s*(\S.*)?$/.exec(
              line,
            );
          if (m?.[2]) {
            expect({ where, value: m[2] }).toEqual({
              where,
              value: expect.stringMatching(/^(\/run\/secrets\/|%d\/|\/etc\/hydra\/|\$\{|"?\/|never|from |<)/),
            });
          }
          // Nothing that looks like a generated token or key.
          expect({ where, hex: /\b[0-9a-f]{32,}\b/i.test(line) }).toEqual({ where, hex: false });
          expect({ where, key: /PRIVATE KEY-----/.test(line) }).toEqual({ where, key: false });
        });
    }
  });

  it('keep the secrets folder out of git and out of the image', () => {
    for (const f of ['hydra_api_token', 'tws_password', 'vnc_password', 'grafana_admin_password']) {
      const r = spawnSync('git', ['check-ignore', '-q', path.join('k8s-free-deploy', 'secrets', f)], {
        cwd: packageRoot,
      });
      expect({ f, ignored: r.status === 0 }).toEqual({ f, ignored: true });
    }
    const ignore = read(path.join(DEPLOY_DIR, 'Dockerfile.dockerignore')).split('\n');
    expect(ignore).toEqual(
      expect.arrayContaining(['k8s-free-deploy/secrets', '.env', 'node_modules', '.git']),
    );
  });

  it('.env.example lists every HYDRA_* setting and every variable the compose files read, with no values', () => {
    const example = read(path.join(DEPLOY_DIR, '.env.example'));
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
    for (const s of SETTINGS)
      expect({ setting: s.env, listed: listed.has(s.env) }).toEqual({ setting: s.env, listed: true });
    for (const file of [MAIN_COMPOSE, SIM_COMPOSE, VNC_COMPOSE]) {
      for (const m of read(file).matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)) {
        expect({ file: path.basename(file), variable: m[1], listed: listed.has(m[1]!) }).toEqual({
          file: path.basename(file),
          variable: m[1],
          listed: true,
        });
      }
    }
    // Uncommented lines are bare `NAME=`: copying the example never sets anything by accident.
    const assignments = example.split('\n').filter((l) => /^[A-Z]/.test(l));
    expect(assignments).toEqual(['TWS_USERID=']);
  });

  it('the Dockerfile: multi-stage on a pinned Node 22 Debian slim, production deps, non-root, the serve command', () => {
    const text = read(path.join(DEPLOY_DIR, 'Dockerfile'));
    expect(text).toMatch(/^ARG NODE_IMAGE=node:22\.\d+\.\d+-bookworm-slim$/m);
    const froms = [...text.matchAll(/^FROM (\S+)(?: AS (\w+))?$/gm)].map((m) => [m[1], m[2]]);
    expect(froms).toEqual([
      [`\${NODE_IMAGE}`, 'build'],
      [`\${NODE_IMAGE}`, 'runtime'],
    ]);
    const [build, runtime] = text.split(/^FROM .* AS runtime$/m) as [string, string];
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/node_modules \.\/node_modules$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "\/app\/healthcheck\.mjs"\]$/m);
    const cmd = /^CMD (.*)$/m.exec(runtime)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', 'dist/cli.js', 'serve']);
    // Everything it copies from the context exists.
    for (const m of text.matchAll(/^COPY (?!--from)(.+) (\S+)$/gm)) {
      for (const src of m[1]!.split(/\s+/))
        expect({ src, exists: existsSync(path.join(packageRoot, src)) }).toEqual({ src, exists: true });
    }
  });

  it('the Grafana dashboard charts only metrics the service exports', () => {
    const dashboard = JSON.parse(read(path.join(DEPLOY_DIR, 'monitoring/grafana/dashboards/hydra.json'))) as {
      uid: string;
      panels: { type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
    };
    const exported = new Set(
      readdirSync(path.join(packageRoot, 'src/server'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .flatMap((f) => [...read(path.join(packageRoot, 'src/server', f)).matchAll(/name: '(hydra_\w+)'/g)])
        .map((m) => m[1]!),
    );
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(12);
    const datasource = read(
      path.join(DEPLOY_DIR, 'monitoring/grafana/provisioning/datasources/prometheus.yml'),
    );
    const uid = /^\s+uid: (\S+)$/m.exec(datasource)?.[1];
    for (const p of panels) {
      expect(p.datasource?.uid).toBe(uid);
      for (const t of p.targets ?? []) {
        for (const [name] of t.expr.matchAll(/\bhydra_[a-z_]+/g)) {
          const base = name.replace(/_(bucket|sum|count)$/, '');
          expect({ name: base, known: exported.has(base) }).toEqual({
            name: base,
            known: true,
          });
        }
      }
    }
    const charted = JSON.stringify(dashboard);
    for (const name of [...exported, 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds'])
      expect({ name, charted: charted.includes(name) }).toEqual({ name, charted: true });
  });

  it('Prometheus scrapes hydra over the compose network with the token file', () => {
    const prom = read(path.join(DEPLOY_DIR, 'monitoring/prometheus.yml'));
    expect(prom).toMatch(/targets: \["hydra:8080"\]/);
    expect(prom).toMatch(/credentials_file: \/run\/secrets\/hydra_api_token/);
    expect(prom).toMatch(/metrics_path: \/metrics/);
  });

  it('the systemd unit runs the container command, with the token as a systemd credential', () => {
    const unit = read(path.join(DEPLOY_DIR, 'systemd/hydra.service'));
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node dist\/cli\.js serve$/m);
    expect(unit).toMatch(/^LoadCredential=hydra_api_token:\/etc\/hydra\/api_token$/m);
    expect(unit).toMatch(/^Environment=HYDRA_API_TOKEN_FILE=%d\/hydra_api_token$/m);
    expect(unit).not.toMatch(/HYDRA_API_TOKEN=/);
    expect(unit).not.toMatch(/HYDRA_HOST=/);
    const backup = read(path.join(DEPLOY_DIR, 'systemd/hydra-backup.service'));
    expect(backup).toMatch(/^ExecStart=\/usr\/bin\/node dist\/cli\.js backup$/m);
  });

  it('the README has a Deployment section, before Development, with both paths and the port map', () => {
    const readme = read(path.join(packageRoot, 'README.md'));
    const at = readme.indexOf('\n## Deployment\n');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(readme.indexOf('\n## Development\n'));
    const section = readme.slice(at, readme.indexOf('\n## ', at + 1));
    for (const s of [
      'docker compose up',
      'compose.sim.yml',
      '127.0.0.1:8080',
      '4004',
      'hydra backup',
      'hydra.db-wal',
    ])
      expect({ s, present: section.includes(s) }).toEqual({ s, present: true });
  });
});
