import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { percentile } from '../../src/plugins/fills/analytics.js';
import { startTestApp } from '../helpers/app.js';
import { postGraphQL, wsClient } from '../helpers/graphql.js';
import { logSink } from '../helpers/log-sink.js';

/**
 * Soak: the real app trading one simulated day a second against the built-in simulator, N graphql-ws
 * subscribers on fillAdded and a steady query load over HTTP, for a set time. Short by default (npm test);
 * `npm run test:soak` runs the long form (HYDRA_SOAK_SECONDS, HYDRA_SOAK_SUBSCRIBERS).
 */
const SECONDS = Number(process.env.HYDRA_SOAK_SECONDS ?? 20);
const SUBSCRIBERS = Number(process.env.HYDRA_SOAK_SUBSCRIBERS ?? 10);
const QUERY_LOOPS = 4;
// Generous: the short form mostly measures warm-up (JIT, worker threads, SQLite page cache); a leak of a
// few KB per fill or per query over the long form crosses it.
const RSS_GROWTH_LIMIT_MB = 150;
// The live heap after a full GC: what a leak in the main thread grows.
const HEAP_GROWTH_LIMIT_MB = 40;

const QUERIES = [
  '{ fills(first: 50) { edges { node { id symbol side quantity price slippageBps } } } }',
  '{ cycles(first: 10) { edges { node { id status durationMs steps { name status } } } } }',
  '{ system { mode status } runner { state step } lastCycle { id status } }',
  '{ slippage(groupBy: SYMBOL) { key n biasBps rmseBps } fillSummary { count } }',
  '{ equityCurve { tradingDate netLiquidation } }',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** A full GC before each reading, so garbage V8 has not bothered to collect yet is not counted as growth. */
const gc = ((): (() => void) => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
const memory = () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
const pctOf = (xs: number[], p: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p,
  ) ?? Number.NaN;

describe('soak', () => {
  it(
    `trades, serves ${SUBSCRIBERS} subscribers and a query load for ${SECONDS} s without errors, lost events or growth`,
    async () => {
      // Warnings and errors only: a debug sink would keep a line per request in memory and look like a leak.
      const sink = logSink('warn');
      const t = await startTestApp(
        {
          HYDRA_SIM_DAY_SECONDS: '1',
          HYDRA_UNIVERSE: 'AAPL,MSFT,XOM,NVDA,JPM,GOOGL',
          HYDRA_IB_PROBE_SECONDS: '0',
          // The cycle workers log on their own; at info they would print every connect into the test output.
          HYDRA_LOG_LEVEL: 'warn',
        },
        sink.log,
        { trading: true, backfill: false },
      );
      const db = new Database(t.config.dbFile, { readonly: true, fileMustExist: true });
      const fillIds = () =>
        (db.prepare('SELECT exec_id FROM executions').all() as { exec_id: string }[]).map((r) => r.exec_id);
      const clients = Array.from({ length: SUBSCRIBERS }, () => wsClient(t.url));
      const errors: string[] = [];
      const scheduler = t.app.trading!.scheduler;
      const cycleCount = () => (db.prepare('SELECT count(*) AS n FROM cycles').get() as { n: number }).n;
      const betweenCycles = async () => {
        for (const t0 = Date.now(); scheduler.isRunning(); await sleep(5)) {
          if (Date.now() - t0 > 60_000) throw new Error('the running cycle did not finish');
        }
      };
      /** Memory is compared between cycles: a live worker thread alone adds tens of MB to the RSS. */
      const idleMemory = async () => {
        await betweenCycles();
        return memory();
      };
      /** The lowest of three idle readings: a worker thread's memory is returned to the OS with some delay. */
      const settledMemory = async () => {
        const xs: ReturnType<typeof memory>[] = [];
        for (let i = 0; i < 3; i++) {
          if (i > 0) await sleep(300);
          xs.push(await idleMemory());
        }
        return {
          rss: Math.min(...xs.map((m) => m.rss)),
          heapUsed: Math.min(...xs.map((m) => m.heapUsed)),
        };
      };
      try {
        const baseline = t.app.pubsub.subscriberCount('fillAdded');
        const seen = clients.map((client, i) => {
          const ids = new Set<string>();
          client.subscribe<{ fillAdded: { id: string } }>(
            { query: 'subscription { fillAdded { id symbol side quantity price } }' },
            {
              next: (r) => {
                if (r.errors) errors.push(`subscriber ${i}: ${JSON.stringify(r.errors)}`);
                else if (r.data) ids.add(r.data.fillAdded.id);
              },
              error: (e) => errors.push(`subscriber ${i}: ${JSON.stringify(e)}`),
              complete: () => errors.push(`subscriber ${i}: completed early`),
            },
          );
          return ids;
        });
        for (const t0 = Date.now(); t.app.pubsub.subscriberCount('fillAdded') < baseline + SUBSCRIBERS; ) {
          if (Date.now() - t0 > 10_000) throw new Error('subscribers did not all reach the server');
          await sleep(20);
        }
        // Warm-up outside the window: one cycle done and every query compiled once.
        for (const t0 = Date.now(); cycleCount() < 2; await sleep(50)) {
          if (Date.now() - t0 > 60_000) throw new Error('no cycle started');
        }
        for (const q of QUERIES) await postGraphQL(t.url, q);
        const memStart = await settledMemory();
        // The window starts with every subscriber registered: a fill committed from here on is published to
        // all of them, so each must receive it. Fills committed before are not part of the window.
        const before = new Set(fillIds());
        const cyclesBefore = cycleCount();
        const started = Date.now();

        const latencies: number[] = [];
        const loop = async (k: number) => {
          for (let i = k; Date.now() - started < SECONDS * 1000; i++) {
            const q0 = performance.now();
            const res = await postGraphQL(t.url, QUERIES[i % QUERIES.length]!);
            latencies.push(performance.now() - q0);
            if (res.status !== 200 || res.body.errors)
              errors.push(`query ${i % QUERIES.length}: ${res.status} ${JSON.stringify(res.body.errors)}`);
          }
        };
        await Promise.all(Array.from({ length: QUERY_LOOPS }, (_, k) => loop(k)));

        // Stop trading between two cycles, so no fill is committed whose event is still in flight.
        await betweenCycles();
        await scheduler.stop();
        const duration = (Date.now() - started) / 1000;

        const window = fillIds().filter((id) => !before.has(id));
        const lost = () =>
          seen
            .map((ids) => window.filter((id) => !ids.has(id)))
            .reduce((n, missing) => n + missing.length, 0);
        for (const t0 = Date.now(); lost() > 0 && Date.now() - t0 < 10_000; ) await sleep(50);
        const cycles = db
          .prepare('SELECT status, count(*) AS n FROM cycles WHERE seq > ? GROUP BY status')
          .all(cyclesBefore) as { status: string; n: number }[];
        const memEnd = await settledMemory();
        const errorLogs = sink.lines.filter((l) => l.level >= 50).map((l) => l.msg);

        console.log(
          `soak: ${Math.round(duration)} s, ${cycles.reduce((n, c) => n + c.n, 0)} cycles (${cycles.map((c) => `${c.n} ${c.status}`).join(', ')}), ${window.length} fills, ${SUBSCRIBERS} subscribers, ${latencies.length} queries, p50 ${pctOf(latencies, 50).toFixed(1)} ms, p99 ${pctOf(latencies, 99).toFixed(1)} ms, RSS ${mb(memStart.rss)} -> ${mb(memEnd.rss)} MB, heap ${mb(memStart.heapUsed)} -> ${mb(memEnd.heapUsed)} MB after GC, ${errors.length + errorLogs.length} errors, ${lost()} lost events`,
        );
        expect(errors).toEqual([]);
        expect(errorLogs).toEqual([]);
        expect(cycles.length).toBeGreaterThan(0);
        expect(cycles.filter((c) => c.status !== 'ok')).toEqual([]);
        // Something must have flowed, or "nothing lost" proves nothing.
        expect(window.length).toBeGreaterThan(0);
        expect(lost()).toBe(0);
        expect(latencies.length).toBeGreaterThan(SECONDS * 10);
        expect(mb(memEnd.rss - memStart.rss)).toBeLessThan(RSS_GROWTH_LIMIT_MB);
        expect(mb(memEnd.heapUsed - memStart.heapUsed)).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
      } finally {
        await Promise.all(clients.map((c) => c.dispose()));
        db.close();
        await t.stop();
      }
    },
    (SECONDS + 120) * 1000,
  );
});
