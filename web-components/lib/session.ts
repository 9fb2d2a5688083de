import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Api } from './api.js';
import { subscriptionController } from './controllers.js';
import { formatRelative, formatTime } from './format.js';
import type { GatewaySession } from './types.js';

/** One line on the gateway between cycles: does it answer, and when IB next needs it restarted or re-approved. */
export const sessionLine = (s: GatewaySession | null): TemplateResult | typeof nothing => {
  if (!s) return nothing;
  const probe =
    s.reachable === null
      ? 'not probed yet'
      : s.reachable
        ? `answers the API (checked ${formatRelative(s.checkedAt)})`
        : `not answering since ${formatTime(s.reachableSince)}`;
  const due = [
    s.resetWindow ? `in IB's ${s.resetWindow}` : null,
    s.nextRestartAt ? `restarts ${formatTime(s.nextRestartAt)}` : null,
    s.twoFactorDueAt ? `2FA needed ${formatTime(s.twoFactorDueAt)}` : null,
  ].filter((x) => x !== null);
  return html`<br /><span class="session">${probe}${due.length ? ` · ${due.join(' · ')}` : ''}</span>`;
};

/** What the trader must act on before the next cycle, at the top of the page it concerns. */
export const sessionWarnings = (warnings: readonly string[] | undefined): TemplateResult | typeof nothing =>
  warnings?.length
    ? html`<div class="error session-warnings" role="alert">
        <strong>Before the next cycle</strong>
        <ul>
          ${warnings.map((w) => html`<li>${w}</li>`)}
        </ul>
      </div>`
    : nothing;

/**
 * Calls `changed` when the server's list of things to act on changes (a gateway that stops answering, ...).
 * systemStatus repeats itself on every heartbeat, so only a different list counts.
 */
export const onWarningsChange = (
  host: ReactiveControllerHost & HTMLElement,
  api: () => Api | undefined,
  changed: () => void,
): void => {
  let last: string | null = null;
  subscriptionController<{ systemStatus: { warnings: string[] } }>(host, {
    api,
    query: 'subscription SystemWarnings { systemStatus { warnings } }',
    next: ({ systemStatus }) => {
      const now = JSON.stringify(systemStatus.warnings);
      if (last !== null && now !== last) changed();
      last = now;
    },
  });
};
