import { fork } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../src/paths.js';

export interface ChildSpec {
  mode: 'hydra' | 'raw-http' | 'raw-ws';
  /** hydra: the folder holding hydra.db. */
  dataDir?: string;
  /** raw-http: the database file. */
  dbFile?: string;
  staticDir?: string;
  /** raw-http: the fills store's statement (the floor) or the one written for this filter. @default 'store' */
  sql?: 'store' | 'catch-all';
  maxConnections?: number;
}
type ChildAsk = { type: 'rss' } | { type: 'burst'; n: number } | { type: 'stop' };
export type ChildRequest = { id: number } & ChildAsk;
export type ChildReply = { id: number; type: string; url?: string; rss?: number };

/**
 * Starts bench/server-child.ts in its own Node process (through tsx) and talks to it over IPC: one request at
 * a time per id. `execArgv` adds Node flags, e.g. --cpu-prof to profile the server side.
 */
export const startChild = async (spec: ChildSpec, execArgv: string[] = []) => {
  const child = fork(path.join(packageRoot, 'bench', 'server-child.ts'), [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (r: ChildReply) => void>();
  let nextId = 1;
  child.on('message', (m: ChildReply) => {
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const ready = await Promise.race([
    new Promise<ChildReply>((r) => waiting.set(0, r)),
    exited.then((code) => {
      throw new Error(`bench server (${spec.mode}) exited with ${code} before it was ready`);
    }),
  ]);
  const ask = (req: ChildAsk): Promise<ChildReply> => {
    const id = nextId++;
    return new Promise((r) => {
      waiting.set(id, r);
      child.send({ ...req, id });
    });
  };
  return {
    url: ready.url!,
    rss: async () => (await ask({ type: 'rss' })).rss!,
    burst: async (n: number) => {
      await ask({ type: 'burst', n });
    },
    stop: async () => {
      await ask({ type: 'stop' });
      await exited;
    },
  };
};

export type Child = Awaited<ReturnType<typeof startChild>>;
