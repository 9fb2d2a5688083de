import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from './api.js';

/** Status words from every source (drift, health, cycles, risk) to one of four tones. */
export const toneOf = (status: string | null | undefined): 'ok' | 'warn' | 'alert' | 'info' | 'none' => {
  switch ((status ?? '').toUpperCase()) {
    case 'OK':
    case 'ALLOW':
    case 'CONNECTED':
    case 'RESTORED':
    case 'PROMOTE':
    case 'PROMOTED':
    case 'LIVE':
    case 'NORMAL':
    case 'SENT':
    case 'RESOLVED':
      return 'ok';
    case 'WARN':
    case 'DEGRADED':
    case 'PARTIAL':
    case 'CLIP':
    case 'CONNECTING':
    case 'INCONCLUSIVE':
    case 'SKIPPED':
    case 'HALTED':
    case 'PENDING':
    case 'RECOVERING':
    case 'WARNING':
    case 'RATE_LIMITED':
      return 'warn';
    case 'ALERT':
    case 'DOWN':
    case 'FAILED':
    case 'REFUSED':
    case 'BLOCK':
    case 'ERROR':
    case 'DISCONNECTED':
    case 'DATA-LOST':
    case 'REJECT':
    case 'REJECTED':
    case 'ALERTING':
    case 'FIRING':
    case 'CRITICAL':
      return 'alert';
    case 'RUNNING':
    case 'INFO':
      return 'info';
    default:
      return 'none';
  }
};

export const chip = (status: string | null | undefined, label?: string): TemplateResult =>
  html`<span class="chip ${toneOf(status)}">${label ?? status ?? '—'}</span>`;

export const emptyState = (title: string, body: unknown): TemplateResult =>
  html`<div class="empty" role="status"><strong>${title}</strong>${body}</div>`;

/** An error where it happened: what failed, why in the reader's words, and a retry. */
export const errorBox = (what: string, err: ApiError, retry?: () => void): TemplateResult => {
  const why =
    err.kind === 'auth'
      ? 'the server wants a valid API token.'
      : err.kind === 'network'
        ? 'the server cannot be reached right now.'
        : err.message;
  return html`<div class="error" role="alert">
    Could not load ${what}: ${why}
    ${retry ? html`<button type="button" @click=${retry}>Retry</button>` : nothing}
  </div>`;
};

/** A page whose data source is not in this build: say which, and that the page lights up when it is. */
export const notInstalled = (source: string, field: string): TemplateResult =>
  emptyState(
    `The ${source} is not installed in this build`,
    html`<span
      >This server's API has no <code>${field}</code> field. The page fills in by itself once a build with the
      ${source} is running.</span
    >`,
  );

export const loadingState = (what: string): TemplateResult =>
  html`<div class="empty" aria-busy="true">Loading ${what}…</div>`;

export const stat = (label: string, value: unknown, sub?: unknown, cls = ''): TemplateResult =>
  html`<div class="card stat">
    <h2>${label}</h2>
    <div class="value ${cls}">${value}</div>
    ${sub === undefined || sub === null ? nothing : html`<div class="sub">${sub}</div>`}
  </div>`;
