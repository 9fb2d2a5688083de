import type { CycleHooks } from '../types.js';
import type { PositionsStore, SnapshotRow } from './store.js';

declare module '../../schema/pubsub.js' {
  interface Topics {
    /** A cycle recorded its book (positions and their Greeks). */
    positionsUpdated: SnapshotRow;
  }
}

export const positionsHooks: CycleHooks<PositionsStore> = {
  onPositionsSnapshot: (store, fact) => {
    store.record(fact);
    return [
      {
        topic: 'positionsUpdated',
        payload: {
          cycleId: fact.cycleId,
          tradingDate: fact.tradingDate,
          at: fact.at,
          positions: fact.positions.length,
        },
      },
    ];
  },
};
