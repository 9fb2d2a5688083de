import Database from 'better-sqlite3';
import type { ReconStores } from '../src/plugins/reconciliation/hooks.js';
import { reconciliationPlugin } from '../src/plugins/reconciliation/index.js';
import { report } from '../src/plugins/reconciliation/stats.js';
import { createStores } from '../src/plugins/registry.js';
import { systemPlugin } from '../src/plugins/system/index.js';

/**
 * slippage(range: 1 year, groupBy: SYMBOL): the plugin's rollup query vs the naive aggregate over every
 * fill of the year, on the benchmark dataset (bench/dataset.ts: five years, 50 symbols), opened read-only.
 */
export const benchSlippage = (file: string, repeats: number) => {
  const plugins = [systemPlugin(), reconciliationPlugin()];
  const reader = new Database(file, { readonly: true });
  const store = (createStores(plugins, reader).get('reconciliation') as ReconStores).recon;
  const naive = reader.prepare(
    `SELECT symbol, COUNT(*) AS n, AVG(actual_bps - predicted_bps) AS bias, SQRT(AVG((actual_bps - predicted_bps) * (actual_bps - predicted_bps))) AS rmse
     FROM recon_fills WHERE time >= ? AND time < ? GROUP BY symbol`,
  );
  const time = (fn: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  };
  const from = '2024-01-01';
  const to = '2025-01-01';
  const rollupMs = time(() => store.slippage(from, to, 'SYMBOL').map((g) => report(g.sums)));
  const naiveMs = time(() => naive.all(`${from}T00:00:00Z`, `${to}T00:00:00Z`));
  const count = (table: string) =>
    (reader.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const fills = count('recon_fills');
  const rollupRows = count('slippage_rollups');
  reader.close();
  return { fills, rollupRows, rollupMs, naiveMs, ratio: naiveMs / rollupMs };
};
