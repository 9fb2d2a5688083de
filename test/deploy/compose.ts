import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

export const DEPLOY_DIR = path.join(packageRoot, 'k8s-free-deploy');
export const MAIN_COMPOSE = path.join(packageRoot, 'docker-compose.yml');
export const SIM_COMPOSE = path.join(DEPLOY_DIR, 'compose.sim.yml');
export const VNC_COMPOSE = path.join(DEPLOY_DIR, 'compose.vnc.yml');

/** What `docker-compose config` prints, as data (only the parts the tests read are typed). */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  expose?: (string | number)[];
  volumes?: (string | { type: string; source?: string; target: string; read_only?: boolean })[];
  secrets?: (string | { source: string })[];
  healthcheck?: { test: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  read_only?: boolean;
  user?: string;
  init?: boolean;
  restart?: string;
  tmpfs?: string[] | string;
  profiles?: string[];
  networks?: Record<string, unknown> | string[];
  [key: string]: unknown;
}
export interface ComposeConfig {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file: string }>;
}

/** The `docker-compose` binary on PATH, or null (the compose tests then skip, saying so). */
export const composeBinary = (): string | null => {
  const r = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? 'docker-compose' : null;
};

const emptyEnvFile = (() => {
  let file: string | null = null;
  return () => {
    if (file === null) {
      file = path.join(os.tmpdir(), `hydra-compose-empty-${process.pid}.env`);
      writeFileSync(file, '');
    }
    return file;
  };
})();

export interface ComposeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `docker-compose -f F... <args>` with only the given variables (and an empty --env-file), so a developer's
 * shell or .env cannot change what the tests see.
 */
export const compose = (files: string[], args: string[], env: Record<string, string> = {}): ComposeRun => {
  const r = spawnSync(
    'docker-compose',
    ['--env-file', emptyEnvFile(), ...files.flatMap((f) => ['-f', f]), ...args],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The interpreter docker-compose v1 runs under: it has PyYAML, which v1 depends on. */
const composePython = (): string => {
  const which = spawnSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' }).stdout.trim();
  const first = which ? (readFileSync(which, 'utf8').split('\n', 1)[0] ?? '') : '';
  const m = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first);
  return m ? m[1]! : 'python3';
};

/**
 * The fully resolved configuration as data. Compose v2 prints JSON itself (`config --format json`); v1 (Debian's
 * docker-compose 1.29) prints YAML only, which the YAML library it ships with turns into JSON.
 */
const configs = new Map<string, string>();
export const composeConfig = (files: string[], env: Record<string, string> = {}): ComposeConfig => {
  // Each docker-compose v1 run costs about a second of Python start-up; the answer only depends on the inputs.
  const key = JSON.stringify([files, env]);
  const cached = configs.get(key);
  if (cached !== undefined) return JSON.parse(cached) as ComposeConfig;
  const parsed = readConfig(files, env);
  configs.set(key, JSON.stringify(parsed));
  return parsed;
};

const readConfig = (files: string[], env: Record<string, string>): ComposeConfig => {
  const json = compose(files, ['config', '--format', 'json'], env);
  // v1 answers an unknown option with its usage text and exit code 0, hence the look at the output.
  if (json.status === 0 && json.stdout.trimStart().startsWith('{'))
    return JSON.parse(json.stdout) as ComposeConfig;
  const yaml = compose(files, ['config'], env);
  if (yaml.status !== 0) throw new Error(`docker-compose config failed: ${yaml.stderr}`);
  const conv = spawnSync(
    composePython(),
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: yaml.stdout, encoding: 'utf8' },
  );
  if (conv.status !== 0) throw new Error(`cannot read docker-compose's YAML output: ${conv.stderr}`);
  return JSON.parse(conv.stdout) as ComposeConfig;
};

/**
 * The `environment:` map of one service, read straight from a compose file we wrote (block style, `KEY: value`
 * lines), with `${VAR:-default}` resolved against an empty environment. It lets the container-command test run
 * where docker-compose is not installed; where it is, a test checks it agrees with `docker-compose config`.
 */
export const serviceEnvironment = (file: string, service: string): Record<string, string> => {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf(`  ${service}:`);
  if (start < 0) throw new Error(`no service ${service} in ${file}`);
  const envAt = lines.findIndex((l, i) => i > start && l === '    environment:');
  if (envAt < 0) throw new Error(`no environment block for ${service} in ${file}`);
  const out: Record<string, string> = {};
  for (const line of lines.slice(envAt + 1)) {
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const m = /^ {6}([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (!m) break;
    let value = m[2]!.trim();
    if (/^".*"$/.test(value) || /^'.*'$/.test(value)) value = value.slice(1, -1);
    out[m[1]!] = value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
  }
  return out;
};
