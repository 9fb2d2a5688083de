import { html, LitElement, nothing } from 'lit';
import type { TableColumn } from '../hydra-table/hydra-table.js';
import type { Api, Capabilities } from '../lib/api.js';
import { queryController, subscriptionController } from '../lib/controllers.js';
import { formatDuration, formatRelative, formatTime } from '../lib/format.js';
import { hasQuery, pageProperties, setParams } from '../lib/page.js';
import type { TimeRange } from '../lib/range.js';
import { formatRoute } from '../lib/router.js';
import { chip, errorBox, loadingState, notInstalled, stat } from '../lib/templates.js';
import { type Connection, nodes } from '../lib/types.js';
import { alertsStyles } from './hydra-alerts.styles.js';

export interface AlertEpisode {
  id: number;
  ruleId: string;
  ruleName: string;
  severity: string;
  firedAt: string;
  resolvedAt: string | null;
  durationSeconds: number | null;
  summary: string;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
}

export interface AlertRule {
  id: string;
  name: string;
  severity: string;
  condition: string;
  pendingSeconds: number;
  channels: string[];
  state: string;
  firing: boolean;
  since: string | null;
  summary: string | null;
  error: string | null;
  evaluatedAt: string | null;
  alert: { id: number; firedAt: string; acknowledged: boolean; acknowledgedBy: string | null } | null;
}

export interface AlertDelivery {
  id: number;
  alertId: number;
  ruleId: string;
  channel: string;
  channelType: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface AlertsSummary {
  rules: number;
  firing: number;
  unacknowledged: number;
  pending: number;
  noData: number;
  error: number;
  failedDeliveries: number;
}

const EPISODE =
  'id ruleId ruleName severity firedAt resolvedAt durationSeconds summary acknowledged acknowledgedAt acknowledgedBy ackNote';
const QUERY = `query Alerts($rule: String, $n: Int = 200) {
  alertsSummary { rules firing unacknowledged pending noData error failedDeliveries }
  alerts { id name severity condition pendingSeconds channels state firing since summary error evaluatedAt alert { id firedAt acknowledged acknowledgedBy } }
  alertHistory(first: $n, filter: { ruleId: $rule }) { edges { cursor node { ${EPISODE} } } pageInfo { hasNextPage endCursor } }
  alertDeliveries(first: $n, filter: { ruleId: $rule }) { edges { cursor node { id alertId ruleId channel channelType event status attempts nextAttemptAt lastError createdAt sentAt } } pageInfo { hasNextPage endCursor } }
}`;

interface Data {
  alertsSummary: AlertsSummary;
  alerts: AlertRule[];
  alertHistory: Connection<AlertEpisode>;
  alertDeliveries: Connection<AlertDelivery>;
}

/** Firing first (unacknowledged before acknowledged), then pending, then the rest by name. */
export const ruleOrder = (a: AlertRule, b: AlertRule): number => {
  const rank = (r: AlertRule) =>
    r.firing
      ? r.alert?.acknowledged
        ? 1
        : 0
      : r.state === 'PENDING'
        ? 2
        : r.state === 'ERROR'
          ? 3
          : r.state === 'NODATA'
            ? 4
            : 5;
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
};

/** The state chip's words: acknowledged alerts say so, so the bell's count and the table agree. */
export const stateLabel = (r: AlertRule): string =>
  r.firing && r.alert?.acknowledged ? `${r.state} · acked` : r.state === 'NODATA' ? 'NO DATA' : r.state;

/**
 * @summary Alerts: every rule and its state (Grafana's Normal/Pending/Alerting/Recovering/NoData/Error), the
 * episodes that fired with their acknowledgements, and every notification with its delivery status. Read-only:
 * acknowledging is `hydra alerts ack ID` on the CLI.
 */
export class HydraAlerts extends LitElement {
  static override styles = alertsStyles;
  static override properties = { ...pageProperties };

  api: Api | undefined;
  caps: Capabilities | undefined;
  params: Readonly<Record<string, string>> = {};
  range: TimeRange = {};

  private q = queryController<Data>(this, {
    api: () => this.api,
    enabled: () => hasQuery(this.caps, 'alerts'),
    query: QUERY,
    variables: () => ({ rule: this.params.rule ?? null }),
  });

  constructor() {
    super();
    subscriptionController(this, {
      api: () => this.api,
      enabled: () => this.caps?.subscription.has('alertChanged') ?? false,
      query: 'subscription AlertsPage { alertChanged { id } }',
      next: () => this.q.refetchSoon(200),
    });
  }

  private ruleLink(id: string, label: string) {
    return html`<a href=${formatRoute({ page: 'alerts', params: { ...this.params, rule: id } })}>${label}</a>`;
  }

  private ruleColumns(): TableColumn<AlertRule>[] {
    return [
      { key: 'state', label: 'State', value: (r) => r.state, render: (r) => chip(r.state, stateLabel(r)) },
      { key: 'name', label: 'Rule', value: (r) => r.id, render: (r) => this.ruleLink(r.id, r.name) },
      { key: 'severity', label: 'Severity', value: (r) => r.severity, render: (r) => chip(r.severity) },
      {
        key: 'since',
        label: 'Since',
        value: (r) => r.since,
        render: (r) =>
          r.since ? html`<span title=${formatTime(r.since, true)}>${formatRelative(r.since)}</span>` : '—',
      },
      {
        key: 'summary',
        label: 'Now',
        wrap: true,
        value: (r) => r.error ?? r.summary,
        render: (r) =>
          html`<span class="summary">${r.error ? html`<span class="neg">${r.error}</span>` : (r.summary ?? 'not evaluated yet')}</span>`,
      },
      {
        key: 'alert',
        label: 'Alert',
        title: 'The firing episode: acknowledge it with hydra alerts ack ID',
        value: (r) => r.alert?.id ?? null,
        render: (r) =>
          r.alert
            ? html`#${r.alert.id}${r.alert.acknowledgedBy ? html` <span class="hint">by ${r.alert.acknowledgedBy}</span>` : nothing}`
            : '—',
      },
      { key: 'condition', label: 'Condition', wrap: true, value: (r) => r.condition },
      {
        key: 'pending',
        label: 'Pending',
        align: 'right',
        title: 'How long the condition must hold before the rule fires',
        value: (r) => r.pendingSeconds,
        render: (r) => (r.pendingSeconds > 0 ? formatDuration(r.pendingSeconds * 1000) : '—'),
      },
      {
        key: 'channels',
        label: 'Notifies',
        value: (r) => r.channels.join(' '),
        render: (r) =>
          r.channels.length > 0 ? r.channels.join(', ') : html`<span class="hint">dashboard only</span>`,
      },
    ];
  }

  private historyColumns(): TableColumn<AlertEpisode>[] {
    return [
      { key: 'id', label: 'Alert', value: (a) => a.id, render: (a) => `#${a.id}` },
      {
        key: 'rule',
        label: 'Rule',
        value: (a) => a.ruleId,
        render: (a) => this.ruleLink(a.ruleId, a.ruleName),
      },
      { key: 'severity', label: 'Severity', value: (a) => a.severity, render: (a) => chip(a.severity) },
      { key: 'fired', label: 'Fired', value: (a) => a.firedAt, render: (a) => formatTime(a.firedAt, true) },
      {
        key: 'resolved',
        label: 'Resolved',
        value: (a) => a.resolvedAt,
        render: (a) => (a.resolvedAt ? formatTime(a.resolvedAt, true) : chip('ALERTING', 'still firing')),
      },
      {
        key: 'duration',
        label: 'Lasted',
        align: 'right',
        value: (a) => a.durationSeconds,
        render: (a) => (a.durationSeconds === null ? '—' : formatDuration(a.durationSeconds * 1000)),
      },
      {
        key: 'ack',
        label: 'Acknowledged',
        wrap: true,
        value: (a) => (a.acknowledgedAt ? `${a.acknowledgedBy} ${a.acknowledgedAt}` : null),
        render: (a) =>
          a.acknowledgedAt
            ? html`${a.acknowledgedBy} · ${formatRelative(a.acknowledgedAt)}${a.ackNote ? html`<br /><span class="hint">${a.ackNote}</span>` : nothing}`
            : '—',
      },
      { key: 'summary', label: 'What', wrap: true, value: (a) => a.summary },
    ];
  }

  private deliveryColumns(): TableColumn<AlertDelivery>[] {
    return [
      {
        key: 'created',
        label: 'When',
        value: (d) => d.createdAt,
        render: (d) => formatTime(d.createdAt, true),
      },
      { key: 'alert', label: 'Alert', value: (d) => d.alertId, render: (d) => `#${d.alertId}` },
      { key: 'channel', label: 'Channel', value: (d) => `${d.channel} (${d.channelType})` },
      { key: 'event', label: 'Event', value: (d) => d.event, render: (d) => chip(d.event) },
      {
        key: 'status',
        label: 'Status',
        value: (d) => d.status,
        render: (d) => chip(d.status, d.status.replace('_', ' ')),
      },
      { key: 'attempts', label: 'Attempts', align: 'right', value: (d) => d.attempts },
      {
        key: 'detail',
        label: 'Detail',
        wrap: true,
        value: (d) => d.lastError,
        render: (d) =>
          d.status === 'SENT'
            ? formatTime(d.sentAt, true)
            : html`${d.lastError ?? '—'}${d.status === 'PENDING' && d.nextAttemptAt ? html`<br /><span class="hint">next try ${formatRelative(d.nextAttemptAt)}</span>` : nothing}`,
      },
    ];
  }

  override render() {
    if (this.caps && !hasQuery(this.caps, 'alerts'))
      return html`<h1>Alerts</h1>${notInstalled('alerts plugin', 'alerts')}`;
    const q = this.q;
    if (q.error && !q.data) return html`<h1>Alerts</h1>${errorBox('alerts', q.error, q.refetch)}`;
    if (!q.data) return html`<h1>Alerts</h1>${loadingState('alerts')}`;
    const s = q.data.alertsSummary;
    const rules = [...q.data.alerts].sort(ruleOrder);
    const rule = this.params.rule;
    return html`<h1>Alerts</h1>
      <section class="grid">
        ${stat('Firing', String(s.firing), `${s.unacknowledged} not acknowledged · ${s.rules} rules`, s.unacknowledged > 0 ? 'neg' : '')}
        ${stat('Pending', String(s.pending), 'conditions holding, not yet for their pending period')}
        ${stat('No data / error', `${s.noData} / ${s.error}`, 'rules that cannot judge yet, or cannot read their source')}
        ${stat('Undelivered', String(s.failedDeliveries), 'notifications that ran out of attempts', s.failedDeliveries > 0 ? 'neg' : '')}
      </section>
      <section>
        <hydra-table
          heading="Rules"
          csv-name="alert-rules"
          .columns=${this.ruleColumns()}
          .rows=${rules}
          .rowKey=${(r: AlertRule) => r.id}
          selected-key=${rule ?? ''}
          .empty=${html`<strong>No rules</strong>Set HYDRA_ALERTS_FILE to a rules file (see k8s-free-deploy/alerts.example.yml).`}
        ></hydra-table>
        <p class="hint">Acknowledge a firing alert with <code>hydra alerts ack ID</code>; it is recorded in the audit events.</p>
      </section>
      ${
        rule
          ? html`<div class="filter">Showing rule <strong>${rule}</strong>
              <button type="button" @click=${() => setParams(this, { ...this.params, rule: '' })}>Show all rules</button></div>`
          : nothing
      }
      <section>
        <hydra-table
          heading="History"
          csv-name="alert-history"
          .columns=${this.historyColumns()}
          .rows=${nodes(q.data.alertHistory)}
          .rowKey=${(a: AlertEpisode) => String(a.id)}
          .empty=${html`<strong>Nothing has fired${rule ? ' for this rule' : ''}</strong>Episodes appear here when a rule fires, with when it resolved and who acknowledged it.`}
        ></hydra-table>
      </section>
      <section>
        <hydra-table
          heading="Notifications"
          csv-name="alert-notifications"
          .columns=${this.deliveryColumns()}
          .rows=${nodes(q.data.alertDeliveries)}
          .rowKey=${(d: AlertDelivery) => String(d.id)}
          .empty=${html`<strong>No notifications</strong>Rules notify the channels they name in the alerts file; without channels they show here only.`}
        ></hydra-table>
      </section>`;
  }
}

customElements.define('hydra-alerts', HydraAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'hydra-alerts': HydraAlerts;
  }
}
