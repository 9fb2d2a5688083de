import { type ChildProcess, spawn } from 'node:child_process';
import { packageRoot } from '../../src/paths.js';

export interface LineChild {
  child: ChildProcess;
  /** Every complete stdout line so far (a line cut by a kill is not one). */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first line (already seen or to come) that `match` accepts. */
  waitFor(match: (line: string) => boolean, timeoutMs: number, what: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a process in the package root and splits its stdout into lines as they arrive. */
export const spawnLines = (
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): LineChild => {
  const child = spawn(command, args, {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  let partial = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    for (let i = partial.indexOf('\n'); i >= 0; i = partial.indexOf('\n')) {
      const line = partial.slice(0, i);
      partial = partial.slice(i + 1);
      lines.push(line);
      for (const w of waiters) w(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (match: (line: string) => boolean, timeoutMs: number, what: string) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find(match);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      const check = (line: string) => {
        if (!match(line)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(line);
      };
      waiters.add(check);
      void exited.then(({ code, signal }) => {
        if (!waiters.has(check)) return;
        clearTimeout(timer);
        waiters.delete(check);
        reject(new Error(`exited (${code ?? signal}) before ${what}; stderr: ${stderr.slice(-2000)}`));
      });
    });
  return { child, lines, stderr: () => stderr, waitFor, exited };
};

/** A pino JSON line as an object, or null for anything else. */
export const jsonLine = (line: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
