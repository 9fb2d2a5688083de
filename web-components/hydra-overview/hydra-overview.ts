import { html, LitElement, nothing } from 'lit';
import type { ChartData } from '../hydra-chart/hydra-chart.js';
import { modeWarning } from '../hydra-mode-badge/hydra-mode-badge.js';
import type { Api, Capabilities } from '../lib/api.js';
import { queryController, subscriptionController } from '../lib/controllers.js';
import { fillColumns } from '../lib/fill-columns.js';
import {
  formatDuration,
  formatMoney,
  formatRelative,
  formatSigned,
  formatTime,
  signClass,
} from '../lib/format.js';
import { hasQuery, pageProperties, prependNew } from '../lib/page.js';
import type { TimeRange } from '../lib/range.js';
import { onWarningsChange, sessionLine, sessionWarnings } from '../lib/session.js';
import { chip, emptyState, errorBox, loadingState, stat } from '../lib/templates.js';
import {
  alarmMarkers,
  type Connection,
  CYCLE_FIELDS,
  type Cycle,
  DETECTOR_ALARMS_QUERY,
  type DriftObservation,
  dayX,
  type EquityPoint,
  FILL_FIELDS,
  type Fill,
  GATEWAY_FIELDS,
  type Gateway,
  type Mode,
  nodes,
} from '../lib/types.js';
import { overviewStyles } from './hydra-overview.styles.js';

interface StatusData {
  system: { status: string; mode: Mode; version: string };
  gateway: Gateway;
  runner: { state: string; step: string | null; cycleId: string | null; reason: string | null };
  lastCycle: Cycle | null;
  nextCycleAt: string | null;
  killSwitch: { on: boolean; reason: string | null; since: string | null; source: string | null };
}

interface EquityData {
  equityCurve: EquityPoint[];
  driftObservations?: Connection<DriftObservation>;
}

interface DriftData {
  drift: { status: string; evaluatedAt: string | null; cycleId: string | null };
}

const STATUS_QUERY = `query OverviewStatus {
  system { status mode version }
  gateway { ${GATEWAY_FIELDS} }
  runner { state step cycleId reason }
  lastCycle { ${CYCLE_FIELDS} }
  nextCycleAt
  killSwitch { on reason since source }
}`;

const equityQuery = (
  caps: Capabilities | undefined,
) => `query OverviewEquity($range: TimeRange${hasQuery(caps, 'driftObservations') ? ', $alarms: Int = 200' : ''}) {
  equityCurve(range: $range) { at tradingDate netLiquidation cash dailyPnl cycleId }
  ${hasQuery(caps, 'driftObservations') ? DETECTOR_ALARMS_QUERY : ''}
}`;

const LATEST_FILLS = `query LatestFills($n: Int = 8) { fills(first: $n) { edges { cursor node { ${FILL_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const FILL_ADDED = `subscription OverviewFillAdded { fillAdded { ${FILL_FIELDS} } }`;
const CYCLE_UPDATED = 'subscription OverviewCycles { cycleUpdated { id status currentStep } }';

/** The equity curve and daily P&L as chart data (x = each trading date). */
export const equityCharts = (points: readonly EquityPoint[]): { equity: ChartData; pnl: ChartData } => {
  const x = points.map((p) => dayX(p.tradingDate));
  return {
    equity: {
      x,
      series: [
        { label: 'Net liquidation', values: points.map((p) => p.netLiquidation), format: formatMoney },
      ],
    },
    pnl: {
      x,
      series: [
        {
          label: 'Daily P&L',
          kind: 'bars',
          color: 'teal',
          values: points.map((p) => p.dailyPnl),
          format: (v) => formatSigned(v),
        },
      ],
    },
  };
};

/** "Latest P&L" card: the last cycle's P&L against the one before it, and the net liquidation it left. */
export const latestPnl = (points: readonly EquityPoint[]): EquityPoint | null => points.at(-1) ?? null;

/**
 * @summary The page to open first: mode, gateway, last and next cycle, latest P&L, drift, kill switch, the
 * equity curve with detector alarms, and the latest fills arriving live.
 */
export class HydraOverview extends LitElement {
  static override styles = overviewStyles;
  static override properties = { ...pageProperties, fresh: { state: true } };

  api: Api | undefined;
  caps: Capabilities | undefined;
  params: Readonly<Record<string, string>> = {};
  range: TimeRange = {};
  private fresh: ReadonlySet<string> = new Set();

  private status = queryController<StatusData>(this, { api: () => this.api, query: STATUS_QUERY });
  private equity = queryController<EquityData>(this, {
    api: () => this.api,
    enabled: () => this.caps !== undefined,
    query: () => equityQuery(this.caps),
    variables: () => ({ range: this.range }),
  });
  private fills = queryController<Connection<Fill>, { fills: Connection<Fill> }>(this, {
    api: () => this.api,
    query: LATEST_FILLS,
    map: (r) => r.fills,
  });
  private drift = queryController<DriftData>(this, {
    api: () => this.api,
    query: 'query OverviewDrift { drift { status evaluatedAt cycleId } }',
    enabled: () => hasQuery(this.caps, 'drift'),
  });

  constructor() {
    super();
    subscriptionController<{ fillAdded: Fill }>(this, {
      api: () => this.api,
      query: FILL_ADDED,
      next: ({ fillAdded }) => {
        const current = this.fills.data;
        const edges = prependNew(
          current?.edges ?? [],
          [{ cursor: '', node: fillAdded }],
          (e) => e.node.id,
        ).slice(0, 8);
        this.fills.set({ edges, pageInfo: current?.pageInfo ?? { hasNextPage: false, endCursor: null } });
        this.fresh = new Set([fillAdded.id]);
      },
    });
    onWarningsChange(
      this,
      () => this.api,
      () => this.status.refetchSoon(0),
    );
    subscriptionController(this, {
      api: () => this.api,
      query: CYCLE_UPDATED,
      next: () => {
        this.status.refetchSoon(300);
        this.equity.refetchSoon(600);
        if (hasQuery(this.caps, 'drift')) this.drift.refetchSoon(600);
      },
    });
  }

  private statusCards() {
    const q = this.status;
    if (q.error && !q.data) return errorBox('the system status', q.error, q.refetch);
    if (!q.data) return loadingState('the system status');
    const { system, gateway, runner, lastCycle, nextCycleAt, killSwitch } = q.data;
    const warning = modeWarning(gateway.modeTruth);
    const points = this.equity.data?.equityCurve ?? [];
    const last = latestPnl(points);
    const drift = this.drift.data?.drift;
    return html`${sessionWarnings(gateway.session?.warnings)}<div class="status-grid">
      ${stat(
        'Mode',
        html`<hydra-mode-badge mode=${system.mode} .truth=${gateway.modeTruth}></hydra-mode-badge>`,
        warning ??
          (gateway.modeTruth
            ? `mode truth agrees: configured ${gateway.modeTruth.configured}, account ${gateway.modeTruth.account}`
            : 'checked at the next cycle’s connect step'),
      )}
      ${stat(
        'Gateway',
        chip(gateway.state),
        html`${gateway.host ? `${gateway.host}:${gateway.port}` : 'built-in simulator'}${gateway.account ? ` · ${gateway.account}` : ''}
        ${gateway.lastChangeAt ? html`<br />changed ${formatRelative(gateway.lastChangeAt)}` : nothing}${sessionLine(gateway.session)}`,
      )}
      ${stat(
        'Last cycle',
        lastCycle
          ? html`${chip(lastCycle.status)} <span class="mono">${lastCycle.tradingDate}</span>`
          : 'none yet',
        lastCycle
          ? html`${lastCycle.endedAt ? `ended ${formatRelative(lastCycle.endedAt)}` : `started ${formatRelative(lastCycle.startedAt)}`}
            · ${formatDuration(lastCycle.durationMs)}${lastCycle.error ? html`<br />${lastCycle.error}` : nothing}`
          : 'The first cycle records itself here when it starts.',
      )}
      ${stat(
        'Next cycle',
        nextCycleAt ? formatRelative(nextCycleAt) : 'not scheduled',
        html`${nextCycleAt ? formatTime(nextCycleAt) : 'no schedule is configured'} · runner ${chip(runner.state)}${
          runner.step ? ` ${runner.step}` : ''
        }${runner.reason ? html`<br />${runner.reason}` : nothing}`,
      )}
      ${stat(
        last ? `P&L ${last.tradingDate}` : 'Latest P&L',
        last ? formatSigned(last.dailyPnl) : '—',
        last ? `net liquidation ${formatMoney(last.netLiquidation)}` : 'after the first cycle closes',
        last ? signClass(last.dailyPnl) : '',
      )}
      ${
        hasQuery(this.caps, 'drift')
          ? stat(
              'Drift',
              drift ? html`<a href="#/drift">${chip(drift.status)}</a>` : '…',
              drift?.evaluatedAt
                ? `evaluated ${formatRelative(drift.evaluatedAt)}`
                : 'evaluated after each cycle',
            )
          : nothing
      }
      <div class="card stat ${killSwitch.on ? 'alarm' : ''}">
        <h2>Kill switch</h2>
        <div class="value">${killSwitch.on ? chip('ALERT', 'ON — orders blocked') : chip('OK', 'off')}</div>
        <div class="sub">
          ${
            killSwitch.on
              ? `${killSwitch.reason ?? 'no reason given'} · since ${formatRelative(killSwitch.since)} (${killSwitch.source})`
              : 'when on, the risk gate blocks every new order'
          }
        </div>
      </div>
    </div>`;
  }

  private charts() {
    const q = this.equity;
    if (q.error && !q.data) return errorBox('the equity curve', q.error, q.refetch);
    if (!q.data) return loadingState('the equity curve');
    const points = q.data.equityCurve;
    const next = this.status.data?.nextCycleAt;
    if (points.length === 0)
      return emptyState(
        'No equity in this range yet',
        html`The equity curve grows by one point each time a cycle closes${next ? html` — the next is due ${formatRelative(next)}` : ''}.
        Widen the time range to see older cycles.`,
      );
    const { equity, pnl } = equityCharts(points);
    const markers = alarmMarkers(nodes(q.data.driftObservations), 'pnl');
    return html`<div class="charts">
      <div class="card">
        <h2>Equity</h2>
        <hydra-chart label="Net liquidation after each cycle" .data=${equity} .markers=${markers} height="220"></hydra-chart>
      </div>
      <div class="card">
        <h2>Daily P&L</h2>
        <hydra-chart label="P&L of each cycle" .data=${pnl} height="220"></hydra-chart>
      </div>
    </div>`;
  }

  private latestFills() {
    const q = this.fills;
    if (q.error && !q.data) return errorBox('the latest fills', q.error, q.refetch);
    if (!q.data) return loadingState('the latest fills');
    return html`<hydra-table
        heading="Latest fills"
        csv-name="latest-fills"
        .columns=${fillColumns('latest')}
        .rows=${q.data.edges.map((e) => e.node)}
        .rowKey=${(f: Fill) => f.id}
        .freshKeys=${this.fresh}
        .empty=${html`<strong>No fills yet</strong>Fills appear here the moment a cycle's orders execute, without a
          reload.`}
      ></hydra-table>
      <a class="more" href="#/fills">All fills →</a>`;
  }

  override render() {
    return html`<h1>Overview</h1>
      <section aria-label="Status">${this.statusCards()}</section>
      <section aria-label="Equity">${this.charts()}</section>
      <section aria-label="Latest fills">${this.latestFills()}</section>`;
  }
}

customElements.define('hydra-overview', HydraOverview);

declare global {
  interface HTMLElementTagNameMap {
    'hydra-overview': HydraOverview;
  }
}
