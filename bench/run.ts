// `npm run bench` (full) or `npm run bench -- --quick`: each scenario beside its baseline, printed; a full run
// also writes bench/RESULTS.md. Timings here are noisy, so every baseline runs in the same process run and the
// ratios are the figures that count. No assertions: CI runs --quick only to see that every scenario still runs.
// `-- --profile` adds --cpu-prof to hydra's server process in scenarios 1, 4 and 7 (profiles in bench/.data/prof/, summed up by
// `npx tsx bench/profile-summary.ts FILE`); such a run never writes RESULTS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/paths.js';
import { STEP_ORDER } from '../src/plugins/system/store.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { benchApi } from './api.js';
import { benchCycle, SIM_MAX_REQ_PER_SEC } from './cycle.js';
import { BUDGET_GZIP, bundleSize, timeToFirstData } from './dashboard.js';
import { copyDataset, ensureDataset, FULL_FILLS, QUICK_FILLS } from './dataset.js';
import { benchDrift } from './drift.js';
import { benchFanout, type FanoutResult } from './fanout.js';
import { benchParseCache } from './parse-cache.js';
import { benchSlippage } from './slippage.js';
import { mb, ratio } from './stats.js';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const table = (head: string[], rows: (string | number)[][]) => {
  out(`| ${head.join(' | ')} |`);
  out(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) out(`| ${r.join(' | ')} |`);
  out('');
};
const ms = (x: number, digits = 1) => x.toFixed(digits);

const main = async () => {
  const started = performance.now();
  const fills = quick ? QUICK_FILLS : FULL_FILLS;
  // Progress goes to stderr: it is not part of the results.
  const file = ensureDataset(fills, (s) => console.error(s));
  const smallFile = ensureDataset(QUICK_FILLS, (s) => console.error(s));
  const tmp = tempDir('hydra-bench-');
  const small = tempDir('hydra-bench-small-');
  // An interrupted run must not leave a gigabyte copy of the dataset behind.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      tmp.remove();
      small.remove();
      process.exit(130);
    });
  }
  try {
    copyDataset(file, tmp.dir);
    copyDataset(smallFile, small.dir);
    const dbFile = path.join(tmp.dir, 'hydra.db');

    out(`# hydra-monitor benchmarks${quick ? ' (quick)' : ''}`);
    out('');
    out(
      `${new Date().toISOString()} · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.cpus().length} cores · Node ${process.version}`,
    );
    out('');
    out(
      `Dataset (bench/dataset.ts, \`npm run bench:data\`): ${fills} fills over five years (1,260 cycles) and 50 symbols, with their orders, rollups, positions, equity, drift samples and observations and 3 experiments. Ratios are against the baseline measured in the same run.`,
    );
    out('');

    out(
      '## 1. fills(first: 100, filter: {symbol, from, to}) over HTTP vs a raw node:http handler (the same SQL)',
    );
    out('');
    const profDir = path.join(packageRoot, 'bench', '.data', 'prof');
    if (profile) mkdirSync(profDir, { recursive: true });
    const profArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
    const api = await benchApi(tmp.dir, dbFile, quick ? 1_500 : 8_000, profArgs);
    const load = (server: string, c: number) =>
      api.rows.find((r) => r.server === server && r.concurrency === c)!.r;
    table(
      [
        'concurrency',
        'hydra req/s',
        'floor req/s',
        'floor/hydra',
        'hydra p50 ms',
        'floor p50 ms',
        'hydra p99 ms',
        'floor p99 ms',
        'old catch-all SQL, raw req/s (p50 ms)',
        'errors',
      ],
      [1, 32].map((c) => {
        const [h, r, x] = [load('hydra', c), load('raw', c), load('raw-indexed', c)];
        // A figure over failed requests measures nothing: the run fails (CI runs --quick for exactly this).
        if (h.errors + r.errors + x.errors > 0)
          throw new Error(
            `scenario 1 at concurrency ${c}: ${h.errors + r.errors + x.errors} failed requests`,
          );
        return [
          c,
          ms(h.rps, 0),
          ms(r.rps, 0),
          ratio(r.rps, h.rps),
          ms(h.p50),
          ms(r.p50),
          ms(h.p99),
          ms(r.p99),
          `${ms(x.rps, 0)} (${ms(x.p50)})`,
          h.errors + r.errors + x.errors,
        ];
      }),
    );
    out(
      "The floor: node:http running the fills store's own statement with better-sqlite3, then JSON.stringify (answers checked identical to hydra's). The last column runs the catch-all `(@x IS NULL OR …)` statement the store used before it built one per filter shape (it walked executions_time instead of searching executions_symbol_time): what that fix bought, without GraphQL.",
    );
    out(
      'Each server in its own process (the load generator in this one); varied symbols and 1–90-day ranges.',
    );
    if (profile) out(`CPU profiles of the hydra server (scenarios 1, 4 and 7): ${profDir}`);
    out('');

    out("## 2. Execution speed-up: yoga's parse/validation cache (on, as served) vs off");
    out('');
    const pc = await benchParseCache(dbFile, quick ? { fills: 50, wide: 100 } : { fills: 100, wide: 1_000 });
    table(
      ['operation', 'cache on (µs/op)', 'cache off (µs/op)', 'off/on'],
      pc.map((r) => [r.operation, ms(r.cachedUs, 0), ms(r.uncachedUs, 0), ratio(r.uncachedUs, r.cachedUs)]),
    );
    out(
      'graphql-jit was not measured: it is not a dependency (and none is added for a benchmark). In-process yoga.fetch, best of 3 rounds.',
    );
    out('');

    out('## 3. The daily cycle against the simulator (per cycle, median step times)');
    out('');
    const cycleRows: (string | number)[][] = [];
    for (const symbols of [10, 50]) {
      for (const rate of [45, SIM_MAX_REQ_PER_SEC]) {
        const r = await benchCycle(symbols, quick ? 2 : 5, rate);
        const s = (k: string) => (r.steps[k] ?? 0).toFixed(0);
        cycleRows.push([symbols, rate, r.cycles, r.fills, r.perCycleMs.toFixed(0), ...STEP_ORDER.map(s)]);
      }
    }
    table(['symbols', 'throttle (msg/s)', 'cycles', 'fills', 'ms per cycle', ...STEP_ORDER], cycleRows);

    out('## 4. Subscription fan-out: fillAdded to graphql-ws subscribers vs a raw ws broadcast');
    out('');
    const subs = quick ? 200 : 1_000;
    const bursts = quick ? 2 : 10;
    const fan: FanoutResult[] = [];
    for (const server of ['raw', 'hydra'] as const)
      fan.push(await benchFanout(server, tmp.dir, subs, bursts, 50, profArgs));
    const [raw, hydra] = fan as [FanoutResult, FanoutResult];
    table(
      ['server', 'subscribers', 'bursts × fills', 'p50 ms', 'p99 ms', 'max ms', 'lost'],
      fan.map((f) => [
        f.server,
        f.subscribers,
        `${f.bursts} × ${f.fills}`,
        ms(f.p50, 0),
        ms(f.p99, 0),
        ms(f.max, 0),
        f.lost,
      ]),
    );
    out(
      `hydra/raw: p50 ${ratio(hydra.p50, raw.p50)}, p99 ${ratio(hydra.p99, raw.p99)}, max ${ratio(hydra.max, raw.max)}. Time from the burst's start until a subscriber has all of its fills; hydra's fills are written through the plugins' hooks (5 facts each) and published after commit. The clients (this process) parse every message.`,
    );
    out('');

    out('## 5. slippage(range: 1 year, groupBy: SYMBOL): rollups vs the naive scan of fills');
    out('');
    const s = benchSlippage(file, quick ? 5 : 15);
    table(
      ['fills', 'rollup rows', 'rollups (ms, median)', 'naive scan (ms, median)', 'ratio naive/rollups'],
      [[s.fills, s.rollupRows, s.rollupMs.toFixed(2), s.naiveMs.toFixed(2), `${s.ratio.toFixed(1)}×`]],
    );

    out(
      '## 6. The drift step: PSI, KS (with p-value), JS and W1 for every feature, vs sorting the same arrays',
    );
    out('');
    const d = benchDrift(20, quick ? 10_000 : 100_000, 2_000, quick ? 3 : 7);
    table(
      ['features', 'reference rows', 'current rows', 'drift step (ms, median)', 'sort only (ms)', 'ratio'],
      [[d.features, d.rows, d.current, d.ms.toFixed(0), d.sortMs.toFixed(0), `${d.ratio.toFixed(2)}×`]],
    );
    out('## 7. Dashboard: bundle size and time to first data on the Overview (headless Chromium)');
    out('');
    const bundle = bundleSize(path.join(tmp.dir, 'static'));
    const runs = quick ? 2 : 5;
    const ttfdBig = await timeToFirstData(tmp.dir, path.join(tmp.dir, 'static'), runs, profArgs);
    const ttfdSmall = await timeToFirstData(small.dir, path.join(tmp.dir, 'static'), runs);
    table(
      ['figure', 'value', 'baseline', 'ratio'],
      [
        [
          'JS to open the dashboard, gzip (KB)',
          ms(bundle.js / 1024),
          `${BUDGET_GZIP / 1024} (budget)`,
          ratio(bundle.js, BUDGET_GZIP),
        ],
        ['+ css + html gzip (KB)', ms((bundle.css + bundle.html) / 1024), '', ''],
        [
          `time to first data (ms, median of ${runs}), ${fills} fills`,
          ms(ttfdBig, 0),
          `${ms(ttfdSmall, 0)} (${QUICK_FILLS} fills)`,
          ratio(ttfdBig, ttfdSmall),
        ],
      ],
    );
    out(
      "Fresh browser context per load (no cache); the page clock is pinned to the dataset's last day (default 3-month range).",
    );
    out('');

    out('## 8. Server RSS (MB)');
    out('');
    table(
      ['state', 'hydra', 'baseline', 'ratio'],
      [
        [
          'at rest, database open, before any request',
          mb(api.rss.hydra.start),
          `${mb(api.rss.raw.start)} (raw http)`,
          ratio(api.rss.hydra.start, api.rss.raw.start),
        ],
        [
          'at rest after scenario 1',
          mb(api.rss.hydra.after),
          `${mb(api.rss.raw.after)} (raw http)`,
          ratio(api.rss.hydra.after, api.rss.raw.after),
        ],
        [
          `${subs} subscribers connected, idle`,
          mb(hydra.rssIdle),
          `${mb(raw.rssIdle)} (raw ws)`,
          ratio(hydra.rssIdle, raw.rssIdle),
        ],
        [
          'peak under scenario 4',
          mb(hydra.rssPeak),
          `${mb(raw.rssPeak)} (raw ws)`,
          ratio(hydra.rssPeak, raw.rssPeak),
        ],
      ],
    );
    out(
      'Baselines: the raw servers of scenarios 1 and 4 (Node + tsx + better-sqlite3 or ws, same database).',
    );
    out('');

    out(`Wall time of this run: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    tmp.remove();
    small.remove();
  }
  // A profiled run is slower on the server side: its figures never replace the recorded ones.
  if (!quick && !profile)
    writeFileSync(path.join(packageRoot, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
