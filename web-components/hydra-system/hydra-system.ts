import { html, LitElement, nothing, svg } from 'lit';
import type { TableColumn } from '../hydra-table/hydra-table.js';
import type { Api, Capabilities } from '../lib/api.js';
import { pagedController, queryController, subscriptionController } from '../lib/controllers.js';
import { formatDuration, formatNumber, formatRelative, formatSeconds, formatTime } from '../lib/format.js';
import { hasQuery, pageProperties } from '../lib/page.js';
import { rangeFromDate, type TimeRange } from '../lib/range.js';
import { onWarningsChange, sessionLine, sessionWarnings } from '../lib/session.js';
import { chip, emptyState, errorBox, loadingState, stat } from '../lib/templates.js';
import {
  type Connection,
  CYCLE_FIELDS,
  type Cycle,
  type CycleStep,
  GATEWAY_FIELDS,
  type Gateway,
} from '../lib/types.js';
import { systemStyles } from './hydra-system.styles.js';

interface PluginHealth {
  name: string;
  status: string;
  detail: string;
  freshnessSeconds: number | null;
  lastWriteAt: string | null;
  stale: boolean;
}

interface StatusData {
  system: { version: string; startedAt: string; uptimeSeconds: number; mode: string; status: string };
  health: PluginHealth[];
  runner: { state: string; step: string | null; cycleId: string | null; reason: string | null };
  gateway: Gateway & { codesSeen: { code: number; count: number; lastAt: string; meaning: string }[] };
  nextCycleAt: string | null;
  missedCycles: string[];
  config: { env: string; value: string; source: string }[];
}

interface AuditEvent {
  id: number;
  at: string;
  kind: string;
  severity: string;
  source: string;
  message: string;
}

interface RiskDecision {
  id: number;
  at: string;
  cycleId: string;
  rule: string;
  subject: string;
  decision: string;
  value: number;
  limit: number;
  reason: string;
}

export const STEP_NAMES = [
  'connect',
  'account',
  'data',
  'signal',
  'risk',
  'intents',
  'execute',
  'close',
] as const;
const STEP_COLORS = ['accent', 'teal', 'violet', 'warn', 'alert', 'pos', 'pink', 'muted'] as const;
const STEPS = 'steps { name status startedAt endedAt durationMs detail }';

const statusQuery = (
  caps: Capabilities | undefined,
) => `query SystemStatus${hasQuery(caps, 'missedCycles') ? '($since: DateTime)' : ''} {
  system { version startedAt uptimeSeconds mode status }
  health { name status detail freshnessSeconds lastWriteAt stale }
  runner { state step cycleId reason }
  gateway { ${GATEWAY_FIELDS} codesSeen { code count lastAt meaning } }
  nextCycleAt
  ${hasQuery(caps, 'missedCycles') ? 'missedCycles(since: $since)' : ''}
  ${hasQuery(caps, 'config') ? 'config { env value source }' : ''}
}`;
const CYCLES_QUERY = `query Cycles($filter: CycleFilter, $first: Int, $after: String) {
  cycles(filter: $filter, first: $first, after: $after) { edges { cursor node { ${CYCLE_FIELDS} ${STEPS} } } pageInfo { hasNextPage endCursor } }
}`;
const EVENTS_QUERY = `query Events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) { edges { cursor node { id at kind severity source message } } pageInfo { hasNextPage endCursor } }
}`;
const RISK_QUERY = `query Risk($first: Int, $after: String) {
  riskDecisions(first: $first, after: $after) { edges { cursor node { id at cycleId rule subject decision value limit reason } } pageInfo { hasNextPage endCursor } }
}`;

/** Each step's share of a cycle's time, as [x, width] in 0..100 for the stacked bar. */
export const stepBars = (
  steps: readonly CycleStep[],
): { name: string; x: number; w: number; ms: number }[] => {
  const timed = STEP_NAMES.map((n) => ({ name: n, ms: steps.find((s) => s.name === n)?.durationMs ?? 0 }));
  const total = timed.reduce((a, s) => a + s.ms, 0);
  if (total <= 0) return [];
  let x = 0;
  return timed.map((s) => {
    const w = (s.ms / total) * 100;
    const bar = { name: s.name, x, w, ms: s.ms };
    x += w;
    return bar;
  });
};

const stepColumn = (name: (typeof STEP_NAMES)[number]): TableColumn<Cycle> => ({
  key: `step-${name}`,
  label: name,
  title: `${name} step duration`,
  align: 'right',
  value: (c) => c.steps?.find((s) => s.name === name)?.durationMs ?? null,
  render: (c) => {
    const s = c.steps?.find((x) => x.name === name);
    if (!s) return '—';
    return s.status === 'OK'
      ? formatDuration(s.durationMs)
      : html`<span title=${s.detail ?? ''}>${chip(s.status)}</span>`;
  },
});

/**
 * @summary How the system itself is doing: health and data freshness per plugin, the runner and gateway,
 * cycles with step timings, missed cycles, risk decisions, audit events and the effective configuration.
 */
export class HydraSystem extends LitElement {
  static override styles = systemStyles;
  static override properties = { ...pageProperties };

  api: Api | undefined;
  caps: Capabilities | undefined;
  params: Readonly<Record<string, string>> = {};
  range: TimeRange = {};

  private status = queryController<StatusData>(this, {
    api: () => this.api,
    enabled: () => this.caps !== undefined,
    query: () => statusQuery(this.caps),
    variables: () => (hasQuery(this.caps, 'missedCycles') ? { since: this.range.from ?? null } : {}),
  });
  private cycles = pagedController<Cycle>(this, {
    api: () => this.api,
    query: CYCLES_QUERY,
    pageSize: 30,
    variables: () => ({ filter: { fromDate: rangeFromDate(this.range) } }),
    select: (d) => (d as { cycles: Connection<Cycle> }).cycles,
    key: (c) => c.id,
  });
  private events = pagedController<AuditEvent>(this, {
    api: () => this.api,
    query: EVENTS_QUERY,
    pageSize: 20,
    variables: () => ({ filter: { range: this.range } }),
    select: (d) => (d as { events: Connection<AuditEvent> }).events,
    key: (e) => String(e.id),
  });
  private risk = pagedController<RiskDecision>(this, {
    api: () => this.api,
    query: RISK_QUERY,
    pageSize: 20,
    select: (d) => (d as { riskDecisions: Connection<RiskDecision> }).riskDecisions,
    key: (r) => String(r.id),
  });

  constructor() {
    super();
    onWarningsChange(
      this,
      () => this.api,
      () => this.status.refetchSoon(0),
    );
    subscriptionController<{ cycleUpdated: Cycle }>(this, {
      api: () => this.api,
      query: `subscription SystemCycles { cycleUpdated { ${CYCLE_FIELDS} ${STEPS} } }`,
      next: ({ cycleUpdated }) => {
        const list = this.cycles.items as Cycle[];
        const i = list.findIndex((c) => c.id === cycleUpdated.id);
        if (i >= 0) {
          list[i] = cycleUpdated;
          this.requestUpdate();
        } else this.cycles.prepend([cycleUpdated]);
        this.status.refetchSoon(1000);
      },
    });
    subscriptionController<{ eventAdded: AuditEvent }>(this, {
      api: () => this.api,
      enabled: () => this.caps?.subscription.has('eventAdded') ?? false,
      query: 'subscription SystemEvents { eventAdded { id at kind severity source message } }',
      next: ({ eventAdded }) => this.events.prepend([eventAdded]),
    });
    subscriptionController<{ riskDecision: RiskDecision }>(this, {
      api: () => this.api,
      query:
        'subscription SystemRisk { riskDecision { id at cycleId rule subject decision value limit reason } }',
      next: ({ riskDecision }) => this.risk.prepend([riskDecision]),
    });
  }

  private healthColumns: TableColumn<PluginHealth>[] = [
    { key: 'name', label: 'Plugin', value: (p) => p.name, render: (p) => html`<b>${p.name}</b>` },
    { key: 'status', label: 'Status', value: (p) => p.status, render: (p) => chip(p.status.toUpperCase()) },
    {
      key: 'fresh',
      label: 'Last write',
      title: 'Seconds since the plugin last recorded a fact',
      value: (p) => p.freshnessSeconds,
      render: (p) =>
        html`${p.lastWriteAt ? `${formatSeconds(p.freshnessSeconds)} ago` : 'never'} ${p.stale ? chip('WARN', 'stale') : nothing}`,
    },
    { key: 'detail', label: 'Detail', wrap: true, value: (p) => p.detail },
  ];

  private cycleColumns: TableColumn<Cycle>[] = [
    { key: 'id', label: 'Cycle', value: (c) => c.id, render: (c) => html`<span class="mono">${c.id}</span>` },
    {
      key: 'status',
      label: 'Status',
      value: (c) => c.status,
      render: (c) => html`${chip(c.status)}${c.currentStep ? ` ${c.currentStep}` : ''}`,
    },
    { key: 'trigger', label: 'Trigger', value: (c) => c.trigger },
    {
      key: 'started',
      label: 'Started',
      value: (c) => c.startedAt,
      render: (c) => formatTime(c.startedAt, true),
    },
    {
      key: 'duration',
      label: 'Duration',
      align: 'right',
      value: (c) => c.durationMs,
      render: (c) => formatDuration(c.durationMs),
    },
    {
      key: 'bar',
      label: 'Steps',
      noCsv: true,
      value: () => null,
      render: (c) => {
        const bars = stepBars(c.steps ?? []);
        return html`<svg width="160" height="12" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label="step timings">
          ${bars.map((b, i) => svg`<rect x=${b.x} width=${Math.max(b.w, 0.4)} height="12" class="f-${STEP_COLORS[i]}"><title>${b.name} ${formatDuration(b.ms)}</title></rect>`)}
        </svg>`;
      },
    },
    ...STEP_NAMES.map(stepColumn),
    { key: 'error', label: 'Error', wrap: true, value: (c) => c.error },
  ];

  private eventColumns: TableColumn<AuditEvent>[] = [
    { key: 'at', label: 'When', value: (e) => e.at, render: (e) => formatTime(e.at, true) },
    { key: 'severity', label: 'Severity', value: (e) => e.severity, render: (e) => chip(e.severity) },
    { key: 'kind', label: 'Kind', value: (e) => e.kind },
    { key: 'source', label: 'Source', value: (e) => e.source },
    { key: 'message', label: 'Message', wrap: true, value: (e) => e.message },
  ];

  private riskColumns: TableColumn<RiskDecision>[] = [
    { key: 'at', label: 'When', value: (r) => r.at, render: (r) => formatTime(r.at) },
    {
      key: 'cycle',
      label: 'Cycle',
      value: (r) => r.cycleId,
      render: (r) => html`<span class="mono">${r.cycleId}</span>`,
    },
    { key: 'decision', label: 'Decision', value: (r) => r.decision, render: (r) => chip(r.decision) },
    { key: 'rule', label: 'Rule', value: (r) => r.rule },
    { key: 'subject', label: 'Subject', value: (r) => r.subject },
    {
      key: 'value',
      label: 'Value',
      align: 'right',
      value: (r) => r.value,
      render: (r) => formatNumber(r.value, 2),
    },
    {
      key: 'limit',
      label: 'Limit',
      align: 'right',
      value: (r) => r.limit,
      render: (r) => formatNumber(r.limit, 2),
    },
    { key: 'reason', label: 'Reason', wrap: true, value: (r) => r.reason },
  ];

  private configColumns: TableColumn<StatusData['config'][number]>[] = [
    {
      key: 'env',
      label: 'Setting',
      value: (s) => s.env,
      render: (s) => html`<span class="mono">${s.env}</span>`,
    },
    { key: 'value', label: 'Value', wrap: true, value: (s) => s.value },
    { key: 'source', label: 'From', value: (s) => s.source },
  ];

  private more(list: { hasNext: boolean; loading: boolean; loadMore(): void }) {
    return list.hasNext
      ? html`<div slot="footer" class="row"><button type="button" @click=${() => list.loadMore()}>${list.loading ? 'Loading…' : 'Load more'}</button></div>`
      : nothing;
  }

  private overview(d: StatusData) {
    const g = d.gateway;
    return html`${sessionWarnings(g.session?.warnings)}<section class="grid">
      ${stat('Service', chip(d.system.status), `v${d.system.version} · up ${formatSeconds(d.system.uptimeSeconds)} (since ${formatTime(d.system.startedAt)})`)}
      ${stat('Runner', chip(d.runner.state), d.runner.state === 'RUNNING' ? `${d.runner.cycleId} · ${d.runner.step ?? ''}` : (d.runner.reason ?? (d.nextCycleAt ? `next cycle ${formatRelative(d.nextCycleAt)}` : 'no schedule')))}
      ${stat('Gateway', chip(g.state), html`${g.host ? `${g.host}:${g.port}` : 'built-in simulator'}${g.serverVersion ? ` · server ${g.serverVersion}` : ''}${g.lastMessage ? html`<br />${g.lastMessage}` : nothing}${sessionLine(g.session)}`)}
      ${
        d.missedCycles
          ? html`<div class="card stat">
              <h2>Missed cycles</h2>
              <div class="value">${d.missedCycles.length}</div>
              <div class="sub missed">
                ${d.missedCycles.length === 0 ? 'every scheduled trading day in this range ran' : d.missedCycles.slice(-12).map((m) => chip('WARN', m))}
              </div>
            </div>`
          : nothing
      }
    </section>
    ${
      g.codesSeen.length > 0
        ? html`<section class="card"><h2>Gateway codes, last 7 days</h2>
            <dl class="facts">${g.codesSeen.map((c) => html`<dt>${c.code} ×${c.count}</dt><dd>${c.meaning} · last ${formatRelative(c.lastAt)}</dd>`)}</dl>
          </section>`
        : nothing
    }`;
  }

  override render() {
    const s = this.status;
    const c = this.cycles;
    const e = this.events;
    const r = this.risk;
    return html`<h1>System</h1>
      <div class="stack">
        ${s.error && !s.data ? errorBox('the system status', s.error, s.refetch) : !s.data ? loadingState('the system status') : this.overview(s.data)}
        ${
          s.data
            ? html`<hydra-table heading="Health and freshness" csv-name="health" .columns=${this.healthColumns} .rows=${s.data.health} .rowKey=${(p: PluginHealth) => p.name}></hydra-table>`
            : nothing
        }
        ${
          c.error && c.items.length === 0
            ? errorBox('the cycles', c.error, c.refetch)
            : html`<hydra-table
                heading="Cycles"
                csv-name="cycles"
                count-text=${c.settled ? `${c.items.length}${c.hasNext ? '+' : ''}` : ''}
                .columns=${this.cycleColumns}
                .rows=${c.items}
                .rowKey=${(x: Cycle) => x.id}
                .exportRows=${(p: (n: number) => void) => c.all(p)}
                .empty=${html`<strong>No cycles in this range</strong>${s.data?.nextCycleAt ? `The next one is due ${formatRelative(s.data.nextCycleAt)}; each` : 'Each'} cycle is listed here as it starts, with every step's timing.`}
              >
                <div slot="tools" class="steps-legend" aria-hidden="true">
                  ${STEP_NAMES.map((n, i) => html`<span><svg width="8" height="8">${svg`<rect width="8" height="8" class="f-${STEP_COLORS[i]}"></rect>`}</svg>${n}</span>`)}
                </div>
                ${this.more(c)}
              </hydra-table>`
        }
        ${
          r.error && r.items.length === 0
            ? errorBox('the risk decisions', r.error, r.refetch)
            : html`<hydra-table heading="Risk decisions" csv-name="risk-decisions" .columns=${this.riskColumns} .rows=${r.items} .rowKey=${(x: RiskDecision) => String(x.id)} .exportRows=${(p: (n: number) => void) => r.all(p)}
                .empty=${html`<strong>No risk decisions yet</strong>Every decision of the risk gate (allow, clip, block; the rule and the value against its limit) is recorded here at each cycle.`}
                >${this.more(r)}</hydra-table
              >`
        }
        ${
          e.error && e.items.length === 0
            ? errorBox('the audit events', e.error, e.refetch)
            : html`<hydra-table heading="Audit events" csv-name="audit-events" .columns=${this.eventColumns} .rows=${e.items} .rowKey=${(x: AuditEvent) => String(x.id)} .exportRows=${(p: (n: number) => void) => e.all(p)}
                .empty=${html`<strong>No audit events in this range</strong>Promotions, refusals, gateway losses and position breaks are recorded here as they happen.`}
                >${this.more(e)}</hydra-table
              >`
        }
        ${
          s.data?.config
            ? html`<hydra-table heading="Configuration" csv-name="config" .columns=${this.configColumns} .rows=${s.data.config} .rowKey=${(x: { env: string }) => x.env}
                .empty=${emptyState('No settings reported', '')}
              ></hydra-table>`
            : nothing
        }
      </div>`;
  }
}

customElements.define('hydra-system', HydraSystem);

declare global {
  interface HTMLElementTagNameMap {
    'hydra-system': HydraSystem;
  }
}
