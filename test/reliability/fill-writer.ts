import { writeSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { createHookRunner } from '../../src/plugins/hooks.js';
import { createStores, pluginsFor } from '../../src/plugins/registry.js';
import { executionOf, intentFact } from '../helpers/order-facts.js';

/**
 * A child process for the kill loop of storage.test.ts: writes fills as fast as it can through the plugins'
 * real hooks (the cycle worker's write path: one IMMEDIATE transaction per hook call, synchronous=FULL) and
 * acknowledges each execution on stdout only after its commit returned. The parent SIGKILLs it at a random
 * moment; every acknowledged fill must then be in the database.
 *
 * Usage: node --import tsx fill-writer.ts <data dir> <run number>
 */
const [dataDir, runArg] = process.argv.slice(2);
if (!dataDir || !runArg) throw new Error('usage: fill-writer.ts <data dir> <run number>');
const run = Number(runArg);
const config = loadConfig({ HYDRA_DATA_DIR: dataDir });
const plugins = await pluginsFor(config);
const db = openDatabase(config.dbFile);
runMigrations(db, plugins);
const hooks = createHookRunner(plugins, createStores(plugins, db), db);

// One cycle per run, on its own trading date, so runs never collide on ids.
const tradingDate = new Date(Date.UTC(2025, 0, 1 + run)).toISOString().slice(0, 10);
const cycleId = `${tradingDate}#1`;
hooks.run('onCycleStart', {
  cycleId,
  tradingDate,
  attempt: 1,
  mode: 'SIMULATED',
  account: 'DU1234567',
  startedAt: new Date(),
  trigger: 'manual',
});
// Written synchronously (a pipe on Linux): once a line is out, the parent has it even if we die next.
const ack = (line: string) => writeSync(1, `${line}\n`);
ack('ready');

const SYMBOLS = ['AAPL', 'MSFT', 'XOM', 'JPM', 'NVDA'];
for (let i = 0; ; i++) {
  const symbol = SYMBOLS[i % SYMBOLS.length]!;
  const execId = `r${run}.e${i}`;
  const orderRef = `hydra:${cycleId}:${symbol}:${i}`;
  const side = i % 2 === 0 ? 'BUY' : 'SELL';
  const at = new Date();
  const intent = intentFact({
    orderRef,
    cycleId,
    symbol,
    side,
    quantity: 10,
    predictedSlippageBps: 1.5,
    decidedAt: at,
  });
  hooks.run('onOrderIntent', intent);
  hooks.run(
    'onExecution',
    executionOf(intent, {
      execId,
      price: side === 'BUY' ? 100.02 : 99.98,
      time: at,
      brokerOrderId: i + 1,
      permId: 9000 + i,
    }),
  );
  ack(`fill ${execId}`);
  hooks.run('onCommissionReport', {
    execId,
    commission: 1,
    currency: 'USD',
    realizedPnl: null,
    at,
  });
}
