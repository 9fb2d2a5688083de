import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logSink } from '../../test/helpers/log-sink.js';
import { loadConfig } from '../config.js';
import { createScheduler } from './scheduler.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createScheduler', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hydra-sched-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const make = () => {
    const config = loadConfig({ HYDRA_DATA_DIR: dir, HYDRA_SIM_DAY_SECONDS: '1' });
    const dateFor = jest.fn(async () => null as string | null);
    const scheduler = createScheduler({
      config,
      log: logSink().log,
      // Nothing listens there: a job that does start only asks for its date and ends.
      ib: { host: '127.0.0.1', port: 9 },
      simulated: true,
      dateFor,
      onMessage: () => {},
    });
    return { scheduler, dateFor };
  };

  it('runs a job in a worker thread that asks the main thread for its trading date', async () => {
    const { scheduler, dateFor } = make();
    await scheduler.run('manual', 1);
    expect(dateFor).toHaveBeenCalledWith('manual', 0);
    expect(scheduler.isRunning()).toBe(false);
    await scheduler.stop();
  }, 30_000);

  it('starts no worker for a job whose run was still being set up when stop() came', async () => {
    const { scheduler, dateFor } = make();
    const run = scheduler.run('backfill', 3);
    await scheduler.stop();
    await run;
    await wait(1500);
    expect(dateFor).not.toHaveBeenCalled();
  }, 30_000);

  it('ignores start() after stop()', async () => {
    const { scheduler, dateFor } = make();
    await scheduler.stop();
    await scheduler.start();
    await wait(2500);
    expect(dateFor).not.toHaveBeenCalled();
  }, 30_000);
});
