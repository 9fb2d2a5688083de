import { migrate } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openReadOnlyDatabase } from '../src/db/open.js';
import { silentLogger } from '../src/log.js';
import { resolvePlugins } from '../src/plugins/registry.js';
import { runCycleJob } from '../src/runner/cycle-job.js';
import { SIM_MAX_REQ_PER_SEC, startSimulator } from '../src/sim/index.js';
import { weekdaysBefore } from '../src/trading-dates.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { median } from './stats.js';

/**
 * The daily cycle against the simulator with N symbols: wall time per cycle and per step (median over the
 * runs). Two client throttles: IB's real limit (45 msg/s, what production pays) and the embedded
 * simulator's (what a backfill pays).
 */
export const benchCycle = async (symbols: number, cycles: number, maxReqPerSec: number) => {
  const dir = tempDir('hydra-bench-');
  const sim = await startSimulator({ port: 0, seed: 1, startDate: '2026-01-05' });
  const universe = sim.market
    .symbols()
    .filter((s) => s.secType === 'STK')
    .slice(0, symbols)
    .map((s) => s.symbol);
  const env = { HYDRA_DATA_DIR: dir.dir, HYDRA_UNIVERSE: universe.join(','), HYDRA_CYCLE_TIMEOUT: '600' };
  const config = loadConfig(env);
  migrate(config, await resolvePlugins([]));
  const dates = weekdaysBefore('2026-03-02', cycles);
  const t0 = performance.now();
  await runCycleJob(
    {
      trigger: 'manual',
      count: dates.length,
      env,
      ib: { host: sim.host, port: sim.port, maxReqPerSec },
      simulated: true,
    },
    {
      post: () => {},
      nextDate: async (i) => {
        const d = dates[i] ?? null;
        if (d) sim.clock.setDate(d);
        return d;
      },
    },
    silentLogger(),
  );
  const wall = performance.now() - t0;
  const db = openReadOnlyDatabase(config.dbFile);
  const steps = db
    .prepare(
      `SELECT step, (julianday(ended_at) - julianday(started_at)) * 86400000 AS ms FROM cycle_steps ORDER BY step`,
    )
    .all() as { step: string; ms: number }[];
  const fills = (db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number }).n;
  db.close();
  await sim.close();
  dir.remove();
  const byStep = new Map<string, number[]>();
  for (const s of steps) byStep.set(s.step, [...(byStep.get(s.step) ?? []), s.ms]);
  return {
    symbols,
    cycles,
    maxReqPerSec,
    fills,
    perCycleMs: wall / cycles,
    steps: Object.fromEntries([...byStep].map(([k, v]) => [k, median(v)])),
  };
};

export { SIM_MAX_REQ_PER_SEC };
