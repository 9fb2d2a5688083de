import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import Bree from 'bree';
import type { HydraConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { CycleJobParams, MainToWorker, WorkerToMain } from './protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Under tsx and jest this file is TypeScript and so are the jobs; compiled, both are .js.
const EXT = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export interface SchedulerOptions {
  config: HydraConfig;
  log: Logger;
  ib: { host: string; port: number };
  simulated: boolean;
  /** The trading date of the index-th cycle of a job (null: skip/stop). */
  dateFor(trigger: CycleJobParams['trigger'], index: number): Promise<string | null>;
  onMessage(message: WorkerToMain): void;
}

export interface Scheduler {
  /** Starts the schedule: the cron in the exchange's zone, or one cycle per simulated day. */
  start(): Promise<void>;
  /** Runs a job now (count cycles) and resolves when its worker has exited. */
  run(trigger: CycleJobParams['trigger'], count?: number): Promise<void>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/**
 * Bree runs each cycle in a worker thread: one cycle at a time, stopped when it exceeds the cycle timeout
 * (plus a margin: the cycle enforces the timeout itself first and records the failure; the hard stop only
 * catches a worker that hangs).
 */
export const createScheduler = (opts: SchedulerOptions): Scheduler => {
  const { config, log } = opts;
  const jobPath = path.join(here, 'jobs', `cycle.${EXT}`);
  const params = (trigger: CycleJobParams['trigger'], count: number): CycleJobParams => ({
    trigger,
    count,
    // The worker loads exactly the configuration the main thread runs with (not whatever process.env holds).
    env: { ...config.sourceEnv, HYDRA_DATA_DIR: config.dataDir },
    ib: opts.ib,
    simulated: opts.simulated,
  });
  let running: string | null = null;
  let stopping = false;
  const waiters = new Map<string, () => void>();
  const schedule = opts.simulated
    ? { interval: config.sim.daySeconds * 1000 }
    : { cron: config.cycle.cron, timezone: config.cycle.tz };
  const hardStopMs = config.cycle.timeoutSeconds * 1000 + 30_000;

  const bree = new Bree({
    root: false,
    logger: false,
    defaultExtension: EXT,
    acceptedExtensions: ['.js', '.mjs', '.ts'],
    jobs: [],
    workerMessageHandler: ({ name, message }: { name: string; message: WorkerToMain }) => {
      if (message.kind === 'next-date') {
        const trigger = name.startsWith('backfill')
          ? 'backfill'
          : name.startsWith('manual')
            ? 'manual'
            : 'schedule';
        // One cycle at a time: a scheduled run that finds another job running is skipped.
        const date =
          running !== null && running !== name ? Promise.resolve(null) : opts.dateFor(trigger, message.index);
        void date.then((d) => {
          const reply: MainToWorker = { kind: 'date', requestId: message.requestId, date: d };
          bree.workers.get(name)?.postMessage(reply);
        });
        return;
      }
      opts.onMessage(message);
    },
    errorHandler: (err: Error, meta: { name?: string }) => {
      if (stopping)
        log.info({ job: meta?.name }, 'cycle job stopped by shutdown; it resumes at the next start');
      else log.error({ err, job: meta?.name }, 'cycle job error');
    },
  } as ConstructorParameters<typeof Bree>[0]);
  if (EXT === 'ts') {
    bree.createWorker = (filename: string, options: Partial<WorkerOptions>) =>
      new Worker(new URL('./jobs/ts-worker-shim.mjs', pathToFileURL(`${here}/`)), {
        ...options,
        workerData: { ...(options.workerData as object), __tsJob: pathToFileURL(filename).href },
      });
  }
  bree.on('worker created', (name: string) => {
    running ??= name;
  });
  bree.on('worker deleted', (name: string) => {
    if (running === name) running = null;
    waiters.get(name)?.();
    waiters.delete(name);
  });

  let seq = 0;
  const add = async (
    name: string,
    trigger: CycleJobParams['trigger'],
    count: number,
    extra: Record<string, unknown> = {},
  ) => {
    await bree.add({
      name,
      path: jobPath,
      closeWorkerAfterMs: hardStopMs * count,
      worker: { workerData: { params: params(trigger, count) } },
      ...extra,
    });
  };

  return {
    start: async () => {
      if (stopping) return;
      await add('cycle', 'schedule', 1, schedule);
      await bree.start('cycle');
      log.info(
        opts.simulated
          ? { everySeconds: config.sim.daySeconds }
          : { cron: config.cycle.cron, tz: config.cycle.tz },
        'cycle schedule started',
      );
    },
    run: async (trigger, count = 1) => {
      if (stopping) return;
      const name = `${trigger === 'backfill' ? 'backfill' : 'manual'}-${++seq}`;
      await add(name, trigger, count);
      // stop() may have come while the job was being added: its worker must not outlive the shutdown.
      if (stopping) return;
      const done = new Promise<void>((resolve) => waiters.set(name, resolve));
      running ??= name;
      await bree.run(name);
      if (stopping) {
        await bree.workers.get(name)?.terminate();
        return;
      }
      await done;
      await bree.remove(name);
    },
    isRunning: () => running !== null,
    stop: async () => {
      // A running cycle is cut off, not awaited: shutdown must finish within the grace period. Its open
      // transaction rolls back with the thread, and the next start resumes the cycle by its orderRefs.
      stopping = true;
      const running = [...bree.workers.values()];
      await Promise.all(running.map((w) => w.terminate()));
      await bree.stop();
    },
  };
};
