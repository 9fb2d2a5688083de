import type { TopicEvent } from '../../schema/pubsub.js';
import type { ReconciliationStore } from '../reconciliation/store.js';
import type { CycleHooks } from '../types.js';
import { analyzeCycle, type DriftOptions } from './analyze.js';
import type { DriftStatus } from './stats/status.js';
import type { DriftStore, ObservationRow } from './store.js';

export interface DriftAlertEvent {
  cycleId: string;
  tradingDate: string;
  status: DriftStatus;
  previous: DriftStatus;
  observations: ObservationRow[];
}

declare module '../../schema/pubsub.js' {
  interface Topics {
    /** The drift status rose (ok → warn, warn → alert, ok → alert); not sent on every cycle. */
    driftAlert: DriftAlertEvent;
  }
}

export interface DriftStores {
  drift: DriftStore;
  recon: ReconciliationStore | undefined;
}

const RANK: Record<DriftStatus, number> = { ok: 0, warn: 1, alert: 2 };

export const driftHooks = (opts: DriftOptions): CycleHooks<DriftStores> => ({
  onCycleEnd: ({ drift, recon }, report) => {
    if (report.status === 'failed' || report.status === 'refused') return;
    drift.recordSamples(
      report.cycleId,
      report.tradingDate,
      report.signals.flatMap((s) =>
        Object.entries(s.features)
          .filter(([, v]) => Number.isFinite(v))
          .map(([feature, value]) => ({ symbol: s.symbol, feature, value })),
      ),
    );
    drift.recordPredictions(
      report.cycleId,
      report.tradingDate,
      report.signals.map((s) => ({ symbol: s.symbol, probability: s.probabilityUp, price: s.price })),
    );
    if (report.account) drift.recordEquity(report.cycleId, report.tradingDate, report.account.netLiquidation);
    const previous = drift.latestSummary()?.status ?? 'ok';
    const rows = analyzeCycle(drift, recon, report, opts).map((o) => drift.recordObservation(o));
    const summary = rows.find((o) => o.kind === 'summary')!;
    const events: TopicEvent[] = [];
    if (RANK[summary.status] > RANK[previous]) {
      events.push({
        topic: 'driftAlert',
        payload: {
          cycleId: report.cycleId,
          tradingDate: report.tradingDate,
          status: summary.status,
          previous,
          observations: rows.filter((o) => o.status !== 'ok'),
        },
      });
    }
    return events;
  },
});
