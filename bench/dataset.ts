import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { packageRoot } from '../src/paths.js';
import { builtinPlugins } from '../src/plugins/index.js';
import type { ReconStores } from '../src/plugins/reconciliation/hooks.js';
import { createStores } from '../src/plugins/registry.js';
import { mulberry32 } from '../src/sim/rng.js';

/**
 * The benchmark database: `fills` fills over five years (1,260 weekdays) and 50 symbols, with the cycles and
 * their steps, equity and positions, slippage rollups, drift samples and observations and experiments that go
 * with them, in the real migrated schema. Deterministic (one seed), and cached under bench/.data/ keyed by the
 * generator version and size: building a million fills takes a minute or two, a bench run only copies it.
 */
export const DATASET_VERSION = 1;
export const FULL_FILLS = 1_000_000;
export const QUICK_FILLS = 20_000;
export const SYMBOLS = Array.from({ length: 50 }, (_, i) => `S${String(i).padStart(2, '0')}`);
export const DAYS = 1260;

const dataDir = path.join(packageRoot, 'bench', '.data');
export const datasetFile = (fills: number) => path.join(dataDir, `hydra-v${DATASET_VERSION}-${fills}.db`);

export const tradingDays = (n = DAYS): string[] => {
  const days: string[] = [];
  for (let d = new Date('2021-01-04T12:00:00Z'); days.length < n; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
};

const STEPS = ['connect', 'account', 'data', 'signal', 'risk', 'intents', 'execute', 'close'] as const;
const FEATURES = ['mom20', 'vol20', 'zscore'] as const;
const METHODS = ['psi', 'ks', 'jensen-shannon', 'wasserstein-normalized'] as const;
const EXPERIMENTS = ['momentum-fast', 'momentum-hot', 'momentum-slow'] as const;

/** Returns the cached file, building it first when missing (into a temp name, so a killed run leaves none). */
export const ensureDataset = (fills: number, log: (s: string) => void = () => {}): string => {
  const file = datasetFile(fills);
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  generate(tmp, fills);
  renameSync(tmp, file);
  log(`dataset: ${fills} fills generated in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
  return file;
};

/** A private copy for one run: the server and the fan-out writes must never touch the cached file. */
export const copyDataset = (file: string, dir: string): string => {
  const to = path.join(dir, 'hydra.db');
  copyFileSync(file, to);
  return to;
};

const generate = (file: string, fills: number) => {
  const db = openDatabase(file);
  const plugins = builtinPlugins();
  runMigrations(db, plugins);
  // A throwaway build: durability is not needed, speed is.
  db.pragma('synchronous = OFF');
  // The slippage rollups go through the reconciliation plugin's own store (the code its hook runs), so they
  // are exactly what the plugin would have computed fill by fill.
  const recon = (createStores(plugins, db).get('reconciliation') as ReconStores).recon;
  const rnd = mulberry32(42);
  const days = tradingDays();
  const perDay = (i: number) =>
    Math.floor(((i + 1) * fills) / days.length) - Math.floor((i * fills) / days.length);
  const ins = {
    cycle: db.prepare(
      `INSERT INTO cycles (id, trading_date, attempt, mode, account, trigger, status, current_step, started_at, ended_at, error)
       VALUES (?, ?, 1, 'SIMULATED', 'DU1234567', 'schedule', 'ok', NULL, ?, ?, NULL)`,
    ),
    step: db.prepare(
      `INSERT INTO cycle_steps (cycle_id, step, ord, status, started_at, ended_at, detail) VALUES (?, ?, ?, 'ok', ?, ?, ?)`,
    ),
    order: db.prepare(
      `INSERT INTO orders (order_ref, cycle_id, symbol, sec_type, currency, multiplier, side, quantity, order_type, limit_price,
         arrival_price, predicted_slippage_bps, decided_at, submitted_at, acked_at, done_at, broker_order_id, perm_id, status,
         filled_quantity, avg_fill_price, reject_reason)
       VALUES (?, ?, ?, 'STK', 'USD', 1, ?, ?, 'MKT', NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'Filled', ?, ?, NULL)`,
    ),
    exec: db.prepare(
      `INSERT INTO executions (exec_id, order_ref, cycle_id, symbol, side, quantity, price, time, exchange, broker_order_id, perm_id,
         commission, commission_currency, realized_pnl, commission_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SIM', ?, ?, ?, 'USD', NULL, ?)`,
    ),
    equity: db.prepare(
      `INSERT INTO equity (cycle_id, trading_date, at, net_liquidation, cash, daily_pnl, currency) VALUES (?, ?, ?, ?, ?, ?, 'USD')`,
    ),
    position: db.prepare(
      `INSERT INTO positions (cycle_id, trading_date, symbol, sec_type, quantity, avg_cost, multiplier, market_price, market_value, unrealized_pnl)
       VALUES (?, ?, ?, 'STK', ?, ?, 1, ?, ?, ?)`,
    ),
    sample: db.prepare('INSERT INTO drift_samples VALUES (?, ?, ?, ?, ?)'),
    prediction: db.prepare('INSERT INTO drift_predictions VALUES (?, ?, ?, ?, ?)'),
    driftEquity: db.prepare('INSERT INTO drift_equity VALUES (?, ?, ?)'),
    observation: db.prepare(
      `INSERT INTO drift_observations (cycle_id, trading_date, at, kind, name, method, params, thresholds, value, p_value, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    expCycle: db.prepare('INSERT INTO experiment_cycles VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
  };
  const prices = SYMBOLS.map((_, i) => 20 + 10 * i);
  let nlv = 1_000_000;
  let seq = 0;
  const thresholds = JSON.stringify({ warn: 0.1, alert: 0.25 });
  db.transaction(() => {
    const at = new Date('2021-01-01T00:00:00Z').toISOString();
    for (const [i, name] of EXPERIMENTS.entries()) {
      db.prepare(
        `INSERT INTO experiments (name, kind, hypothesis, config, status, proposal, proposal_reason, p_value, source, champion, metrics, last_snapshot, created_at, updated_at)
         VALUES (?, 'CHAMPION_CHALLENGER', ?, ?, 'RUNNING', NULL, NULL, NULL, 'shadow', 'momentum', NULL, NULL, ?, ?)`,
      ).run(
        name,
        `${name} beats the champion`,
        JSON.stringify({ variant: name, lookback: 10 + 5 * i }),
        at,
        at,
      );
    }
    db.prepare(`INSERT INTO champion VALUES (1, 'momentum', ?, ?, NULL, NULL)`).run(
      JSON.stringify({ lookback: 20, scale: 8 }),
      at,
    );
  })();
  for (const [d, day] of days.entries()) {
    db.transaction(() => {
      const cycleId = `${day}#1`;
      const start = Date.parse(`${day}T20:30:00.000Z`);
      const iso = (ms: number) => new Date(start + ms).toISOString();
      ins.cycle.run(cycleId, day, iso(0), iso(8000));
      for (const [k, s] of STEPS.entries())
        ins.step.run(cycleId, s, k, iso(k * 1000), iso(k * 1000 + 900), `${s} done`);
      for (const [k, sym] of SYMBOLS.entries()) {
        prices[k] = Math.round(prices[k]! * Math.exp(0.0003 + 0.015 * (rnd() - 0.5)) * 100) / 100;
        for (const [f, feature] of FEATURES.entries())
          ins.sample.run(cycleId, day, sym, feature, rnd() * (f + 1));
        ins.prediction.run(cycleId, day, sym, rnd(), prices[k]!);
      }
      const n = perDay(d);
      for (let j = 0; j < n; j++) {
        const k = Math.floor(rnd() * SYMBOLS.length);
        const sym = SYMBOLS[k]!;
        const side = rnd() < 0.5 ? 'BUY' : 'SELL';
        const quantity = 10 + Math.floor(rnd() * 2000);
        const arrival = prices[k]!;
        const predicted = 1 + rnd() * 6;
        const actual = predicted + (rnd() - 0.4) * 8;
        const price =
          Math.round(arrival * (1 + ((side === 'BUY' ? 1 : -1) * actual) / 10_000) * 10_000) / 10_000;
        // Executions spread over the trading session, so time ranges cut through days.
        const time = new Date(Date.parse(`${day}T14:30:00.000Z`) + Math.floor((j / n) * 6.5 * 3600_000));
        seq++;
        const execId = `0000e${String(seq).padStart(8, '0')}.01.01`;
        const orderRef = `hydra:${cycleId}:${sym}:${seq}`;
        const decided = new Date(time.getTime() - 2000).toISOString();
        const fact = { orderRef, cycleId, symbol: sym, side, quantity, arrivalPrice: arrival } as const;
        ins.order.run(
          orderRef,
          cycleId,
          sym,
          side,
          quantity,
          arrival,
          predicted,
          decided,
          decided,
          decided,
          time.toISOString(),
          seq,
          9000 + seq,
          quantity,
          price,
        );
        ins.exec.run(
          execId,
          orderRef,
          cycleId,
          sym,
          side,
          quantity,
          price,
          time.toISOString(),
          seq,
          9000 + seq,
          Math.max(1, quantity * 0.005),
          new Date(time.getTime() + 50).toISOString(),
        );
        recon.recordIntent(
          {
            ...fact,
            secType: 'STK',
            currency: 'USD',
            multiplier: 1,
            orderType: 'MKT',
            limitPrice: null,
            predictedSlippageBps: predicted,
            decidedAt: new Date(decided),
          },
          day,
        );
        recon.recordFill({
          execId,
          orderRef,
          cycleId,
          symbol: sym,
          side,
          quantity,
          price,
          time,
          exchange: 'SIM',
          brokerOrderId: seq,
          permId: 9000 + seq,
        });
      }
      const prev = nlv;
      nlv *= 1 + 0.0003 + 0.01 * (rnd() - 0.5);
      ins.equity.run(cycleId, day, iso(8000), nlv, nlv * 0.4, d === 0 ? null : nlv - prev);
      ins.driftEquity.run(cycleId, day, nlv);
      for (const [k, sym] of SYMBOLS.entries()) {
        const q = 10 * (k + 1);
        const p = prices[k]!;
        ins.position.run(cycleId, day, sym, q, p * 0.98, p, p * q, p * 0.02 * q);
      }
      const atIso = iso(7500);
      for (const feature of FEATURES) {
        for (const method of METHODS) {
          const v = rnd() * 0.3;
          const status = v > 0.25 ? 'alert' : v > 0.1 ? 'warn' : 'ok';
          ins.observation.run(
            cycleId,
            day,
            atIso,
            'feature',
            feature,
            method,
            JSON.stringify({ bins: 10 }),
            thresholds,
            v,
            method === 'ks' ? rnd() : null,
            status,
          );
        }
      }
      ins.observation.run(
        cycleId,
        day,
        atIso,
        'performance',
        'sharpe',
        'rolling',
        '{}',
        thresholds,
        rnd() * 2,
        null,
        'ok',
      );
      ins.observation.run(cycleId, day, atIso, 'summary', 'summary', 'summary', '{}', '{}', null, null, 'ok');
      for (let e = 1; e <= EXPERIMENTS.length; e++) {
        ins.expCycle.run(
          e,
          cycleId,
          day,
          (rnd() - 0.5) * 2000,
          (rnd() - 0.5) * 2000,
          Math.floor(rnd() * 50),
          50,
          rnd() * 12,
        );
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
};
