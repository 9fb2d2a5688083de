import type { CycleReport } from '../facts.js';
import type { ReconciliationStore } from '../reconciliation/store.js';
import { jensenShannon, psi, summarizeReference } from './stats/binned.js';
import { DETECTORS } from './stats/detectors.js';
import { ks2 } from './stats/ks.js';
import { calibration, drawdowns, hitRate, returnsOf, sharpe } from './stats/performance.js';
import { sortedSample } from './stats/sample.js';
import { type DriftStatus, featureSetDrifted, statusOf, worst } from './stats/status.js';
import { wassersteinNormalized } from './stats/wasserstein.js';
import type { DriftStore, ObservationRow } from './store.js';

export interface DriftOptions {
  /** Cycles in the reference window (unless a range is pinned). @default 60 */
  referenceCycles: number;
  /** Cycles in the current window. @default 20 */
  currentCycles: number;
  /** Window of the rolling Sharpe ratio, in cycles. @default 60 */
  sharpeWindow: number;
}
export const DRIFT_DEFAULTS: DriftOptions = { referenceCycles: 60, currentCycles: 20, sharpeWindow: 60 };

/** Thresholds, shown next to every result (DESIGN.md §5). */
export const THRESHOLDS = {
  psi: { warn: 0.1, alert: 0.25 },
  ks: { warn: 0.05, alert: 0.01 },
  js: { warn: 0.1, alert: 0.2 },
  wasserstein: { warn: 0.1, alert: 0.2 },
  drawdown: { warn: 0.1, alert: 0.2 },
  sharpe: { warn: 0, alert: -1 },
  hitRate: { warn: 0.45, alert: 0.4 },
  brier: { warn: 0.3, alert: 0.35 },
  ece: { warn: 0.1, alert: 0.2 },
} as const;

type Obs = Omit<ObservationRow, 'id'>;

export interface Windows {
  reference: { from: string; to: string; cycles: number } | null;
  current: { from: string; to: string; cycles: number } | null;
}

/** The reference (first N cycles, or the pinned range) and the current window (last M cycles after it). */
export const windows = (store: DriftStore, opts: DriftOptions): Windows => {
  const dates = store.tradingDates();
  const pinned = store.pinnedReference();
  const refDates = pinned
    ? dates.filter((d) => d >= pinned.from && d <= pinned.to)
    : dates.slice(0, opts.referenceCycles);
  const complete = pinned ? refDates.length > 0 : refDates.length >= opts.referenceCycles;
  if (!complete) return { reference: null, current: null };
  const refEnd = refDates.at(-1)!;
  const after = dates.filter((d) => d > refEnd);
  const cur = after.slice(-opts.currentCycles);
  return {
    reference: { from: refDates[0]!, to: refEnd, cycles: refDates.length },
    // A half-filled current window would compare a handful of values with the reference: pure noise.
    current: cur.length >= opts.currentCycles ? { from: cur[0]!, to: cur.at(-1)!, cycles: cur.length } : null,
  };
};

/**
 * Everything drift monitoring records after one cycle: feature drift of every feature against the
 * reference, performance from equity and scored forecasts, detectors fed with daily P&L and slippage
 * residuals, and a summary status.
 */
export const analyzeCycle = (
  store: DriftStore,
  recon: ReconciliationStore | undefined,
  report: CycleReport,
  opts: DriftOptions,
): Obs[] => {
  const base = { cycleId: report.cycleId, tradingDate: report.tradingDate, at: report.endedAt };
  const out: Obs[] = [];
  const w = windows(store, opts);
  const featureStatuses: DriftStatus[] = [];
  if (w.reference && w.current) {
    for (const feature of store.features(w.reference.from, w.reference.to)) {
      const refValues = store.samples(feature, w.reference.from, w.reference.to);
      const curValues = store.samples(feature, w.current.from, w.current.to);
      if (refValues.length === 0 || curValues.length === 0) continue;
      const ref = summarizeReference(refValues, feature);
      const cur = sortedSample(curValues, feature);
      const params = {
        bins: 10,
        referenceCycles: w.reference.cycles,
        currentCycles: w.current.cycles,
        reference: w.reference,
        current: w.current,
      };
      const p = psi(ref, cur);
      const k = ks2(ref.sorted, cur);
      const j = jensenShannon(ref, cur);
      const wn = wassersteinNormalized(ref.sorted, ref.sd, cur);
      const sPsi = statusOf(p, THRESHOLDS.psi.warn, THRESHOLDS.psi.alert);
      const sKs = statusOf(k.pValue, THRESHOLDS.ks.warn, THRESHOLDS.ks.alert, 'down');
      out.push({
        ...base,
        kind: 'feature',
        name: feature,
        method: 'psi',
        params,
        thresholds: THRESHOLDS.psi,
        value: p,
        pValue: null,
        status: sPsi,
      });
      out.push({
        ...base,
        kind: 'feature',
        name: feature,
        method: 'ks',
        params: { ...params, method: k.method },
        thresholds: { warnP: 0.05, alertP: 0.01 },
        value: k.statistic,
        pValue: k.pValue,
        status: sKs,
      });
      out.push({
        ...base,
        kind: 'feature',
        name: feature,
        method: 'jensen-shannon',
        params,
        thresholds: THRESHOLDS.js,
        value: j,
        pValue: null,
        status: statusOf(j, THRESHOLDS.js.warn, THRESHOLDS.js.alert),
      });
      out.push({
        ...base,
        kind: 'feature',
        name: feature,
        method: 'wasserstein-normalized',
        params,
        thresholds: THRESHOLDS.wasserstein,
        value: wn,
        pValue: null,
        status: statusOf(wn, THRESHOLDS.wasserstein.warn, THRESHOLDS.wasserstein.alert),
      });
      // A feature drifts by PSI or KS; JS and Wasserstein are reported beside them.
      const fs = worst([sPsi, sKs]);
      featureStatuses.push(fs);
      out.push({
        ...base,
        kind: 'feature',
        name: feature,
        method: 'status',
        params: {},
        thresholds: { by: 'worst of psi and ks' },
        value: null,
        pValue: null,
        status: fs,
      });
    }
  }

  // Performance.
  const eq = store.equity(report.tradingDate).map((e) => e.net_liquidation);
  const rets = returnsOf(eq).slice(-opts.sharpeWindow);
  const sh = sharpe(rets);
  const dd = drawdowns(eq);
  const perf = (
    name: string,
    value: number | null,
    th: { warn: number; alert: number },
    dir: 'up' | 'down',
    params: Record<string, unknown> = {},
  ) =>
    out.push({
      ...base,
      kind: 'performance',
      name,
      method: name,
      params,
      thresholds: th,
      value,
      pValue: null,
      status: statusOf(value, th.warn, th.alert, dir),
    });
  perf('sharpe', sh, THRESHOLDS.sharpe, 'down', {
    window: opts.sharpeWindow,
    annualization: 252,
    returns: rets.length,
  });
  perf('drawdown', dd.current, THRESHOLDS.drawdown, 'up');
  perf('max-drawdown', dd.max, THRESHOLDS.drawdown, 'up');
  const from = w.current?.from ?? '0000';
  const preds = store.predictions(from, report.tradingDate);
  const bySymbol = new Map<string, { trading_date: string; probability: number; price: number }[]>();
  for (const p of preds) bySymbol.set(p.symbol, [...(bySymbol.get(p.symbol) ?? []), p]);
  const outcomes: { p: number; y: 0 | 1 }[] = [];
  for (const xs of bySymbol.values()) {
    for (let i = 0; i + 1 < xs.length; i++) {
      if (xs[i + 1]!.price === xs[i]!.price) continue;
      outcomes.push({ p: xs[i]!.probability, y: xs[i + 1]!.price > xs[i]!.price ? 1 : 0 });
    }
  }
  const cal = calibration(outcomes);
  perf('hit-rate', hitRate(outcomes), THRESHOLDS.hitRate, 'down', { forecasts: outcomes.length });
  perf('brier', cal.brier, THRESHOLDS.brier, 'up', { forecasts: outcomes.length });
  perf('ece', cal.ece, THRESHOLDS.ece, 'up', { bins: 10, forecasts: outcomes.length, reliability: cal.bins });

  // Detectors, fed with today's P&L and every fill's slippage residual (actual − predicted bps).
  const streams: Record<string, number[]> = {
    pnl: report.account?.dailyPnl != null ? [report.account.dailyPnl] : [],
  };
  streams['slippage-residual'] = (recon?.fillsOfCycle(report.cycleId) ?? []).map(
    (f) => f.actualBps - f.predictedBps,
  );
  let alarmed = false;
  for (const [stream, values] of Object.entries(streams)) {
    for (const [kind, d] of Object.entries(DETECTORS) as [string, (typeof DETECTORS)['adwin']][]) {
      const name = `${kind}:${stream}`;
      const row = store.detector(name) ?? {
        name,
        detector: kind,
        stream,
        params: { ...d.defaults },
        state: d.init() as unknown as Record<string, unknown>,
        alarms: 0,
        lastAlarmAt: null,
        lastAlarmCycle: null,
      };
      // A state saved by an older build of the detector cannot be continued: start that stream afresh.
      let state = d.isState(row.state) ? row.state : d.init();
      let fired = false;
      for (const v of values) {
        const r = d.step(state, v, undefined, name);
        state = r.state;
        fired ||= r.alarm;
      }
      store.saveDetector({
        ...row,
        state: state as unknown as Record<string, unknown>,
        alarms: row.alarms + (fired ? 1 : 0),
        lastAlarmAt: fired ? report.endedAt : row.lastAlarmAt,
        lastAlarmCycle: fired ? report.cycleId : row.lastAlarmCycle,
      });
      if (fired) {
        alarmed = true;
        out.push({
          ...base,
          kind: 'detector',
          name,
          method: kind,
          params: d.defaults as unknown as Record<string, unknown>,
          thresholds: d.defaults as unknown as Record<string, unknown>,
          value: values.at(-1) ?? null,
          pValue: null,
          status: 'alert',
        });
      }
    }
  }

  const setDrifted = featureSetDrifted(featureStatuses);
  // The feature set drifting is an alert; a single feature or a detector alarm is a warning (CUSUM at its
  // default h = 5σ false-alarms every few hundred points by design).
  const summary: DriftStatus = setDrifted
    ? 'alert'
    : alarmed || featureStatuses.some((x) => x !== 'ok')
      ? 'warn'
      : 'ok';
  out.push({
    ...base,
    kind: 'summary',
    name: 'drift',
    method: 'summary',
    params: {
      features: featureStatuses.length,
      drifted: featureStatuses.filter((s) => s !== 'ok').length,
      detectorAlarm: alarmed,
      reference: w.reference,
      current: w.current,
    },
    thresholds: { featureSetShare: 0.5 },
    value: featureStatuses.length
      ? featureStatuses.filter((s) => s !== 'ok').length / featureStatuses.length
      : null,
    pValue: null,
    status: summary,
  });
  return out;
};
