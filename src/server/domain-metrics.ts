import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Side } from '../plugins/facts.js';
import { slippageBps } from '../plugins/slippage.js';
import type { PubSub } from '../schema/pubsub.js';

/** Values read at scrape time from the stores, for what no single event carries. */
export interface MetricProbes {
  /** The latest cycle's drift summary; null when drift has never run or the plugin is off. */
  driftStatus?: () => 'ok' | 'warn' | 'alert' | null;
  /** Every alert rule with its severity and whether it fires; absent when the alerts plugin is off. */
  alertRules?: () => readonly { rule: string; severity: string; firing: boolean }[];
}

const DRIFT_LEVEL = { ok: 0, warn: 1, alert: 2 } as const;

/**
 * Trading metrics for Prometheus/Grafana, derived from the same committed events the subscriptions carry
 * (the cycle runs in a worker thread with no registry of its own). Returns a stop function.
 */
export const observeDomainEvents = (
  registry: Registry,
  pubsub: PubSub,
  probes: MetricProbes = {},
): (() => void) => {
  const cycles = new Counter({
    name: 'hydra_cycles_total',
    help: 'Cycles ended, by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const cycleDuration = new Histogram({
    name: 'hydra_cycle_duration_seconds',
    help: 'Wall time of ended cycles',
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  const fills = new Counter({
    name: 'hydra_fills_total',
    help: 'Executions recorded',
    registers: [registry],
  });
  const gateway = new Gauge({
    name: 'hydra_gateway_connected',
    help: '1 when the cycle last saw the gateway connected',
    registers: [registry],
  });
  const risk = new Counter({
    name: 'hydra_risk_decisions_total',
    help: 'Risk gate decisions, by verdict',
    labelNames: ['decision'] as const,
    registers: [registry],
  });

  const slippage = new Histogram({
    name: 'hydra_fill_slippage_bps',
    help: 'Realised slippage of each fill against its arrival price, bps (positive = cost)',
    buckets: [-50, -20, -10, -5, -2, 0, 2, 5, 10, 20, 50, 100],
    registers: [registry],
  });
  const { driftStatus } = probes;
  if (driftStatus) {
    new Gauge({
      name: 'hydra_drift_status',
      help: "The latest cycle's drift summary: 0 ok, 1 warn, 2 alert (absent before the first analysis)",
      // A labelled gauge can have no sample at all; an unlabelled one would read 0 ("ok") before any analysis.
      labelNames: ['scope'] as const,
      registers: [registry],
      collect() {
        this.reset();
        let s: ReturnType<typeof driftStatus> = null;
        try {
          s = driftStatus();
        } catch {
          // A failing store read must not fail the whole scrape; the sample is simply absent.
        }
        if (s !== null) this.set({ scope: 'summary' }, DRIFT_LEVEL[s]);
      },
    });
  }

  const { alertRules } = probes;
  if (alertRules) {
    new Gauge({
      name: 'hydra_alert_firing',
      help: '1 while an alert rule fires (alerting or recovering), else 0; one series per rule',
      labelNames: ['rule', 'severity'] as const,
      registers: [registry],
      collect() {
        this.reset();
        try {
          for (const r of alertRules()) this.set({ rule: r.rule, severity: r.severity }, r.firing ? 1 : 0);
        } catch {
          // As above: a failing read leaves the samples out, the scrape goes on.
        }
      },
    });
  }

  const iterators: AsyncIterator<unknown>[] = [];
  const follow = <T>(topic: string, fn: (payload: T) => void) => {
    const it = pubsub.subscribe(topic as never) as AsyncIterator<T>;
    iterators.push(it);
    void (async () => {
      for (;;) {
        const r = await it.next().catch(() => ({ done: true, value: undefined }));
        if (r.done) return;
        fn(r.value as T);
      }
    })();
  };
  follow<{ status: string; startedAt: Date; endedAt: Date | null }>('cycleUpdated', (c) => {
    if (c.status === 'running' || !c.endedAt) return;
    cycles.inc({ status: c.status });
    cycleDuration.observe((new Date(c.endedAt).getTime() - new Date(c.startedAt).getTime()) / 1000);
  });
  follow<{ side: Side; arrivalPrice: number; price: number }>('fillAdded', (f) => {
    fills.inc();
    if (f.arrivalPrice > 0) slippage.observe(slippageBps(f.side, f.arrivalPrice, f.price));
  });
  follow<{ state: string }>('gatewayStatus', (g) =>
    gateway.set(g.state === 'connected' || g.state === 'restored' ? 1 : 0),
  );
  follow<{ decision: string }>('riskDecision', (r) => risk.inc({ decision: r.decision }));
  return () => {
    for (const it of iterators) void it.return?.();
  };
};
