import type { Registry } from 'prom-client';
import type { DriftStores } from '../drift/hooks.js';
import type { ReconciliationStore } from '../reconciliation/store.js';
import { freshnessBudgetMs, missedTradingDates } from '../system/schedule.js';
import { sessionFor } from '../system/session-view.js';
import type { SystemStore } from '../system/store.js';
import type { RuntimeInfo, Stores } from '../types.js';
import type { AlertSources } from './conditions.js';

const nextDate = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A Prometheus figure from this process's registry: the sum over the series whose labels include `labels`
 * (a counter by one label, or in total). For histograms, `count` and `sum` read the _count/_sum series.
 */
export const metricReader =
  (registry: Registry | null): AlertSources['metric'] =>
  async (name, labels, field) => {
    const metric = registry?.getSingleMetric(name);
    if (!metric) return undefined;
    const { values } = await metric.get();
    const wanted = field === 'value' ? null : `${name}_${field}`;
    // Histograms name their series (x_bucket, x_sum, x_count); plain metrics leave metricName out.
    const series = (values as { value: number; labels: object; metricName?: string }[]).filter(
      (v) =>
        (wanted === null ? v.metricName === undefined || v.metricName === name : v.metricName === wanted) &&
        Object.entries(labels).every(
          ([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want,
        ),
    );
    if (series.length === 0) return undefined;
    return series.reduce((a, v) => a + v.value, 0);
  };

/** What the alert conditions read, from the stores the alerts plugin depends on and the runtime. */
export const alertSources = (
  stores: Stores,
  runtime: RuntimeInfo,
  registry: Registry | null,
): AlertSources => {
  const system = stores.system as SystemStore;
  const recon = stores.reconciliation as ReconciliationStore | undefined;
  const drift = (stores.drift as DriftStores | undefined)?.drift;
  return {
    now: () => runtime.now(),
    lastFinishedCycle: () => system.lastFinishedCycle(),
    missedCycles: () => {
      const last = system.lastCycle();
      if (!runtime.schedule || !last) return [];
      // Missed since the last cycle ran: a later cycle closes the alert, older gaps are history.
      return missedTradingDates(
        runtime.schedule,
        runtime.now(),
        system.firstCycleStartedAt(),
        last.startedAt,
        system.tradingDatesWithCycles,
      );
    },
    driftStatus: () => {
      const s = drift?.latestSummary()?.status;
      return s === 'ok' || s === 'warn' || s === 'alert' ? s : null;
    },
    riskDecisions: (cycleId) => system.riskDecisions({ cycleId }, null, 500),
    positionBreaks: (cycleId, tradingDate) =>
      (recon?.breaks(tradingDate, nextDate(tradingDate)) ?? []).filter((b) => b.cycleId === cycleId),
    gateway: () => {
      const s = sessionFor(system, runtime);
      return s
        ? { reachable: s.probe?.reachable ?? null, warningCodes: s.warningCodes, warnings: s.warnings }
        : null;
    },
    health: () => runtime.health().map((h) => ({ ...h, lastWriteAt: h.lastWriteAt ?? null })),
    freshnessBudgetMs: () => (runtime.schedule ? freshnessBudgetMs(runtime.schedule) : null),
    metric: metricReader(registry),
  };
};
