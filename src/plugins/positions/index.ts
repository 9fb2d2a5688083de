import { definePlugin, type MonitorPlugin } from '../types.js';
import { positionsHooks } from './hooks.js';
import { positionsMigrations } from './migrations.js';
import { positionsSchema } from './schema.js';
import { createPositionsStore, type PositionsStore } from './store.js';

/** The book per cycle with option Greeks: positions, portfolio totals, strike × expiry surfaces. */
export const positionsPlugin = (): MonitorPlugin<PositionsStore> =>
  definePlugin({
    name: 'positions',
    migrations: positionsMigrations,
    store: (db) => createPositionsStore(db),
    schema: positionsSchema,
    cycle: positionsHooks,
    health: (store) => {
      const s = store.snapshotAt(null);
      return {
        status: 'ok',
        detail: s ? `book of ${s.tradingDate}: ${s.positions} positions` : 'no book recorded yet',
        lastWriteAt: store.lastWriteAt(),
      };
    },
  });
