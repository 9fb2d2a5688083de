import type { Db } from '../../db/open.js';
import type { DriftStatus } from './stats/status.js';

export interface ObservationRow {
  id: number;
  cycleId: string;
  tradingDate: string;
  at: Date;
  kind: 'feature' | 'performance' | 'detector' | 'summary';
  name: string;
  method: string;
  params: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  value: number | null;
  pValue: number | null;
  status: DriftStatus;
}

export interface DetectorRow {
  name: string;
  detector: string;
  stream: string;
  params: Record<string, unknown>;
  state: Record<string, unknown>;
  alarms: number;
  lastAlarmAt: Date | null;
  lastAlarmCycle: string | null;
}

export interface ObservationFilter {
  kind?: string | null;
  name?: string | null;
  status?: DriftStatus | null;
  cycleId?: string | null;
}

const toObs = (r: Record<string, unknown>): ObservationRow => ({
  id: r.id as number,
  cycleId: r.cycle_id as string,
  tradingDate: r.trading_date as string,
  at: new Date(r.at as string),
  kind: r.kind as ObservationRow['kind'],
  name: r.name as string,
  method: r.method as string,
  params: JSON.parse(r.params as string) as Record<string, unknown>,
  thresholds: JSON.parse(r.thresholds as string) as Record<string, unknown>,
  value: r.value as number | null,
  pValue: r.p_value as number | null,
  status: r.status as DriftStatus,
});
const toDetector = (r: Record<string, unknown>): DetectorRow => ({
  name: r.name as string,
  detector: r.detector as string,
  stream: r.stream as string,
  params: JSON.parse(r.params as string) as Record<string, unknown>,
  state: JSON.parse(r.state as string) as Record<string, unknown>,
  alarms: r.alarms as number,
  lastAlarmAt: r.last_alarm_at ? new Date(r.last_alarm_at as string) : null,
  lastAlarmCycle: r.last_alarm_cycle as string | null,
});

export const createDriftStore = (db: Db) => {
  const insertSample = db.prepare(
    'INSERT OR REPLACE INTO drift_samples (cycle_id, trading_date, symbol, feature, value) VALUES (?, ?, ?, ?, ?)',
  );
  const insertPrediction = db.prepare(
    'INSERT OR REPLACE INTO drift_predictions (cycle_id, trading_date, symbol, probability, price) VALUES (?, ?, ?, ?, ?)',
  );
  const insertEquity = db.prepare(
    'INSERT OR REPLACE INTO drift_equity (cycle_id, trading_date, net_liquidation) VALUES (?, ?, ?)',
  );
  const insertObs = db.prepare(
    `INSERT INTO drift_observations (cycle_id, trading_date, at, kind, name, method, params, thresholds, value, p_value, status)
     VALUES (@cycleId, @tradingDate, @at, @kind, @name, @method, @params, @thresholds, @value, @pValue, @status) RETURNING *`,
  );
  const dates = db.prepare('SELECT DISTINCT trading_date AS d FROM drift_samples ORDER BY trading_date');
  const featureNames = db.prepare(
    'SELECT DISTINCT feature FROM drift_samples WHERE trading_date BETWEEN ? AND ? ORDER BY feature',
  );
  const samples = db.prepare(
    'SELECT value FROM drift_samples WHERE feature = ? AND trading_date BETWEEN ? AND ?',
  );
  const predictions = db.prepare(
    'SELECT trading_date, symbol, probability, price FROM drift_predictions WHERE trading_date BETWEEN ? AND ? ORDER BY trading_date',
  );
  const equity = db.prepare(
    'SELECT trading_date, net_liquidation FROM drift_equity WHERE trading_date <= ? ORDER BY trading_date',
  );
  const getDetector = db.prepare('SELECT * FROM drift_detectors WHERE name = ?');
  const putDetector = db.prepare(
    `INSERT INTO drift_detectors (name, detector, stream, params, state, alarms, last_alarm_at, last_alarm_cycle) VALUES (@name, @detector, @stream, @params, @state, @alarms, @lastAlarmAt, @lastAlarmCycle)
     ON CONFLICT (name) DO UPDATE SET params = excluded.params, state = excluded.state, alarms = excluded.alarms, last_alarm_at = excluded.last_alarm_at, last_alarm_cycle = excluded.last_alarm_cycle`,
  );
  const listDetectors = db.prepare('SELECT * FROM drift_detectors ORDER BY name');
  const latestCycle = db.prepare(
    "SELECT cycle_id FROM drift_observations WHERE kind = 'summary' ORDER BY id DESC LIMIT 1",
  );
  const ofCycle = db.prepare('SELECT * FROM drift_observations WHERE cycle_id = ? ORDER BY id');
  const history = db.prepare(
    'SELECT * FROM drift_observations WHERE name = ? AND method = ? AND trading_date >= ? AND trading_date < ? ORDER BY id',
  );
  const list = db.prepare(
    `SELECT * FROM drift_observations WHERE (@kind IS NULL OR kind = @kind) AND (@name IS NULL OR name = @name) AND (@status IS NULL OR status = @status)
       AND (@cycleId IS NULL OR cycle_id = @cycleId) AND (@after IS NULL OR id < @after) ORDER BY id DESC LIMIT @limit`,
  );
  const getRef = db.prepare('SELECT from_date, to_date FROM drift_reference WHERE id = 1');
  const putRef = db.prepare(
    'INSERT OR REPLACE INTO drift_reference (id, from_date, to_date, set_at) VALUES (1, ?, ?, ?)',
  );
  const clearRef = db.prepare('DELETE FROM drift_reference WHERE id = 1');

  const latestObservations = (): ObservationRow[] => {
    const c = latestCycle.get() as { cycle_id: string } | undefined;
    return c ? (ofCycle.all(c.cycle_id) as Record<string, unknown>[]).map(toObs) : [];
  };

  return {
    recordSamples: (
      cycleId: string,
      date: string,
      rows: { symbol: string; feature: string; value: number }[],
    ) => {
      for (const r of rows) insertSample.run(cycleId, date, r.symbol, r.feature, r.value);
    },
    recordPredictions: (
      cycleId: string,
      date: string,
      rows: { symbol: string; probability: number; price: number }[],
    ) => {
      for (const r of rows) insertPrediction.run(cycleId, date, r.symbol, r.probability, r.price);
    },
    recordEquity: (cycleId: string, date: string, nlv: number) => {
      insertEquity.run(cycleId, date, nlv);
    },
    recordObservation: (o: Omit<ObservationRow, 'id'>): ObservationRow =>
      toObs(
        insertObs.get({
          ...o,
          at: o.at.toISOString(),
          params: JSON.stringify(o.params),
          thresholds: JSON.stringify(o.thresholds),
        }) as Record<string, unknown>,
      ),
    tradingDates: (): string[] => (dates.all() as { d: string }[]).map((r) => r.d),
    features: (from: string, to: string): string[] =>
      (featureNames.all(from, to) as { feature: string }[]).map((r) => r.feature),
    samples: (feature: string, from: string, to: string): number[] =>
      (samples.all(feature, from, to) as { value: number }[]).map((r) => r.value),
    predictions: (from: string, to: string) =>
      predictions.all(from, to) as {
        trading_date: string;
        symbol: string;
        probability: number;
        price: number;
      }[],
    equity: (to: string) => equity.all(to) as { trading_date: string; net_liquidation: number }[],
    detector: (name: string): DetectorRow | null => {
      const r = getDetector.get(name) as Record<string, unknown> | undefined;
      return r ? toDetector(r) : null;
    },
    saveDetector: (d: DetectorRow) => {
      putDetector.run({
        ...d,
        params: JSON.stringify(d.params),
        state: JSON.stringify(d.state),
        lastAlarmAt: d.lastAlarmAt?.toISOString() ?? null,
      });
    },
    detectors: (): DetectorRow[] => (listDetectors.all() as Record<string, unknown>[]).map(toDetector),
    latestObservations,
    /** The latest cycle's summary row (its overall status), or null before the first analysis. */
    latestSummary: (): ObservationRow | null =>
      latestObservations().find((o) => o.kind === 'summary') ?? null,
    cycleObservations: (cycleId: string): ObservationRow[] =>
      (ofCycle.all(cycleId) as Record<string, unknown>[]).map(toObs),
    history: (name: string, method: string, from: string, to: string): ObservationRow[] =>
      (history.all(name, method, from, to) as Record<string, unknown>[]).map(toObs),
    observations: (f: ObservationFilter, after: number | null, limit: number): ObservationRow[] =>
      (
        list.all({
          kind: f.kind ?? null,
          name: f.name ?? null,
          status: f.status ?? null,
          cycleId: f.cycleId ?? null,
          after,
          limit,
        }) as Record<string, unknown>[]
      ).map(toObs),
    pinnedReference: (): { from: string; to: string } | null => {
      const r = getRef.get() as { from_date: string; to_date: string } | undefined;
      return r ? { from: r.from_date, to: r.to_date } : null;
    },
    pinReference: (from: string, to: string, at: Date) => {
      putRef.run(from, to, at.toISOString());
    },
    unpinReference: () => {
      clearRef.run();
    },
  };
};
export type DriftStore = ReturnType<typeof createDriftStore>;
