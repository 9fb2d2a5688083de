import type { HydraConfig } from './config.js';
import type { Logger } from './log.js';
import type { WorkerToMain } from './runner/protocol.js';
import { createScheduler, type Scheduler } from './runner/scheduler.js';
import type { PubSub } from './schema/pubsub.js';
import { openDemoOptionBook } from './sim/demo-book.js';
import { SIM_MAX_REQ_PER_SEC, type Simulator, startSimulator } from './sim/index.js';
import { exchangeToday, nextWeekday, weekdaysBefore } from './trading-dates.js';

export interface Trading {
  scheduler: Scheduler;
  /** The embedded simulator when no gateway is configured. */
  sim: Simulator | null;
  /**
   * Backfills `days` simulated trading days (embedded simulator only), showing progress; with `demoOptions`,
   * then opens the demo's option book.
   */
  backfill(days: number, opts?: { demoOptions?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface TradingOptions {
  config: HydraConfig;
  log: Logger;
  pubsub: PubSub;
  /** Trading date of the newest cycle already recorded, to continue the simulated calendar after it. */
  lastTradingDate: string | null;
}

/**
 * Starts what trades: the embedded gateway simulator when HYDRA_IB_HOST is unset (said loudly: nothing is
 * real), and the Bree scheduler whose workers run the cycles. Worker events are published into the
 * server's pubsub; the server and the runner never import each other.
 */
export const startTrading = async ({
  config,
  log,
  pubsub,
  lastTradingDate,
}: TradingOptions): Promise<Trading> => {
  const simulated = config.ib.host === null;
  let sim: Simulator | null = null;
  if (simulated) {
    const today = exchangeToday(config.cycle.tz);
    sim = await startSimulator({
      host: '127.0.0.1',
      port: config.sim.port,
      seed: config.sim.seed,
      startDate: lastTradingDate ?? weekdaysBefore(today, Math.max(1, config.cycle.backfillDays))[0]!,
      daySeconds: null,
      log: log.child({ unit: 'sim' }),
    });
    log.warn(
      { port: sim.port, seed: config.sim.seed, daySeconds: config.sim.daySeconds },
      'SIMULATED MODE: no HYDRA_IB_HOST is set, so hydra trades against its built-in IB Gateway simulator. Nothing here is real money or a real broker.',
    );
  }
  const ib = sim
    ? { host: sim.host, port: sim.port, maxReqPerSec: SIM_MAX_REQ_PER_SEC }
    : { host: config.ib.host!, port: config.ib.port };
  let backfillDates: string[] = [];
  let progressEvery = 1;

  const dateFor = async (trigger: string, index: number): Promise<string | null> => {
    if (!sim) return exchangeToday(config.cycle.tz);
    if (trigger === 'backfill') {
      const d = backfillDates[index] ?? null;
      if (d) sim.clock.setDate(d);
      return d;
    }
    // Each scheduled (or manual) simulated cycle trades the next simulated trading day.
    const next = nextWeekday(sim.clock.today());
    sim.clock.setDate(next);
    return next;
  };

  const onMessage = (m: WorkerToMain) => {
    if (m.kind === 'events') for (const e of m.events) pubsub.publishEvent(e);
    else if (m.kind === 'progress' && m.total > 1) {
      if (m.done % progressEvery === 0 || m.done === m.total) {
        const pct = Math.round((m.done / m.total) * 100);
        log.info(
          { done: m.done, total: m.total, tradingDate: m.tradingDate },
          `backfill ${'█'.repeat(pct / 5)}${'░'.repeat(20 - pct / 5)} ${pct}% (${m.done}/${m.total} days)`,
        );
      }
    } else if (m.kind === 'outcome' && m.outcome.status !== 'ok') {
      log.warn(
        { cycleId: m.outcome.cycleId, status: m.outcome.status, error: m.outcome.error },
        'cycle did not complete normally',
      );
    }
  };

  const scheduler = createScheduler({ config, log, ib, simulated, dateFor, onMessage });
  return {
    scheduler,
    sim,
    backfill: async (days, opts = {}) => {
      if (!sim) throw new Error('backfill needs the built-in simulator (unset HYDRA_IB_HOST)');
      backfillDates = weekdaysBefore(exchangeToday(config.cycle.tz), days);
      progressEvery = Math.max(1, Math.round(days / 10));
      log.info(
        { days, from: backfillDates[0], to: backfillDates.at(-1) },
        'backfilling simulated trading days',
      );
      const t0 = Date.now();
      await scheduler.run('backfill', days);
      log.info({ days, seconds: Math.round((Date.now() - t0) / 100) / 10 }, 'backfill done');
      backfillDates = [];
      if (opts.demoOptions) {
        const opened = openDemoOptionBook(sim);
        log.info(
          { options: opened },
          'demo: opened a small option book in the simulated account; the next cycle records it with its Greeks',
        );
      }
    },
    stop: async () => {
      await scheduler.stop();
      await sim?.close();
    },
  };
};
