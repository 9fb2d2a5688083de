import { html, LitElement, nothing, svg, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { type Api, ApiError, type Capabilities, type ConnectionState } from '../lib/api.js';
import { queryController, subscriptionController } from '../lib/controllers.js';
import type { HydraEvent } from '../lib/events.js';
import { loadPage } from '../lib/lazy-pages.js';
import { parsePreset, presetRange, type RangePreset, type TimeRange } from '../lib/range.js';
import {
  formatRoute,
  linkTo,
  PAGES,
  type PageName,
  parseRoute,
  type Route,
  withParams,
} from '../lib/router.js';
import { applyTheme, currentTheme, storedTheme } from '../lib/theme.js';
import type { Mode, ModeTruth } from '../lib/types.js';
import { appStyles } from './hydra-app.styles.js';

export const PAGE_LABELS: Record<PageName, { long: string; short: string }> = {
  overview: { long: 'Overview', short: 'Home' },
  fills: { long: 'Fills', short: 'Fills' },
  positions: { long: 'Positions', short: 'Book' },
  slippage: { long: 'Slippage', short: 'Slip.' },
  drift: { long: 'Drift', short: 'Drift' },
  experiments: { long: 'Experiments', short: 'Exp.' },
  alerts: { long: 'Alerts', short: 'Alerts' },
  system: { long: 'System', short: 'System' },
};

const BELL = 'M6 8a6 6 0 0112 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 003.4 0';

const ICONS: Record<PageName, string> = {
  overview: 'M3 3h7v9H3zM14 3h7v5h-7zM14 12h7v9h-7zM3 16h7v5H3z',
  fills: 'M4 6h16M4 12h16M4 18h10',
  positions: 'M3 3v18h18M7 14l3-3 3 3 5-6',
  slippage: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  drift: 'M2 12c3-7 5-7 8 0s5 7 8 0c1-2 2-3 4-3',
  experiments: 'M9 3h6M10 3v6l-5 9a2 2 0 002 3h10a2 2 0 002-3l-5-9V3',
  alerts: BELL,
  system: 'M3 12h4l3-8 4 16 3-8h4',
};

const icon = (d: string, size = 18): TemplateResult =>
  html`<svg width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${svg`<path d=${d}></path>`}</svg>`;

/** What the connection pill says. */
export const connectionLabel = (s: ConnectionState['status']): string =>
  ({ connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unauthorized: 'Token needed' })[
    s
  ];

interface HeaderData {
  system: { mode: Mode };
  gateway: { modeTruth: ModeTruth | null };
}

/**
 * @summary The dashboard shell: header (mode badge, live-connection state, time range, theme), navigation
 * (a side bar; a bottom bar on phones), the page the URL hash names, and the token prompt when the server
 * wants one. It owns the route, the range and the capabilities, and hands them to the pages.
 */
export class HydraApp extends LitElement {
  static override styles = appStyles;
  static override properties = {
    api: { attribute: false },
    route: { state: true },
    caps: { state: true },
    capsError: { state: true },
    conn: { state: true },
    tokenEpoch: { state: true },
    pageError: { state: true },
  };

  private offConn: (() => void) | null = null;
  private rangeMemo: { preset: RangePreset; range: TimeRange } | null = null;

  api: Api | undefined;
  private route: Route = parseRoute(globalThis.location?.hash ?? '');
  private caps: Capabilities | undefined;
  private capsError: ApiError | null = null;
  private conn: ConnectionState | null = null;
  /** Bumped when the token changes: pages re-mount with fresh subscriptions. */
  private tokenEpoch = 0;
  /** A page whose code could not be loaded (the server went away, or a new build replaced it). */
  private pageError: string | null = null;

  private header = queryController<HeaderData>(this, {
    api: () => this.api,
    enabled: () => this.caps !== undefined,
    query:
      'query Header { system { mode } gateway { modeTruth { agrees problem configured port account } } }',
    deps: () => this.tokenEpoch,
  });

  private bell = queryController<{ alertsSummary: { firing: number; unacknowledged: number } }>(this, {
    api: () => this.api,
    enabled: () => this.caps?.query.has('alertsSummary') ?? false,
    query: 'query Bell { alertsSummary { firing unacknowledged } }',
    deps: () => this.tokenEpoch,
  });

  constructor() {
    super();
    subscriptionController(this, {
      api: () => this.api,
      enabled: () => this.caps?.subscription.has('alertChanged') ?? false,
      deps: () => this.tokenEpoch,
      query: 'subscription Bell { alertChanged { id } }',
      next: () => this.bell.refetchSoon(150),
    });
    subscriptionController<{ systemStatus: { mode: Mode } }>(this, {
      api: () => this.api,
      enabled: () => this.caps !== undefined,
      deps: () => this.tokenEpoch,
      query: 'subscription HeaderStatus { systemStatus { mode } }',
      next: ({ systemStatus }) => {
        const d = this.header.data;
        if (d && d.system.mode !== systemStatus.mode)
          this.header.set({ ...d, system: { mode: systemStatus.mode } });
      },
    });
  }

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    applyTheme(storedTheme(), false);
    addEventListener('hashchange', this.onHash);
    this.addEventListener('hydra-range-change', this.onRange);
    this.addEventListener('hydra-params-change', this.onParams);
    this.addEventListener('hydra-token-submit', this.onToken);
    this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    this.removeEventListener('hydra-range-change', this.onRange);
    this.removeEventListener('hydra-params-change', this.onParams);
    this.removeEventListener('hydra-token-submit', this.onToken);
    this.offConn?.();
    this.offConn = null;
  }

  /** Capabilities first, over HTTP: a missing token shows the prompt before any socket is opened. */
  private start(): void {
    const api = this.api;
    if (!api) return;
    if (!this.offConn) {
      this.offConn = api.onConnection((s) => {
        this.conn = s;
      });
      this.conn = api.connection;
    }
    this.capsError = null;
    api.capabilities().then(
      (caps) => {
        this.caps = caps;
        api.connect();
      },
      (err: unknown) => {
        this.capsError = err instanceof ApiError ? err : new ApiError('network', String(err));
      },
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('route') || !this.hasUpdated) {
      const page = this.route.page;
      loadPage(page).catch(() => {
        this.pageError = page;
      });
    }
    if (changed.has('api') && this.api && this.isConnected && !this.caps && !this.offConn) this.start();
  }

  private navigate(route: Route, replace: boolean): void {
    const hash = formatRoute(route);
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    this.route = route;
  }

  private readonly onRange = (e: HydraEvent<'hydra-range-change'>) =>
    this.navigate(withParams(this.route, { range: e.detail.range }), false);

  private readonly onParams = (e: HydraEvent<'hydra-params-change'>) =>
    this.navigate(withParams(this.route, e.detail.params), true);

  private readonly onToken = (e: HydraEvent<'hydra-token-submit'>) => {
    this.api?.setToken(e.detail.token);
    this.caps = undefined;
    this.tokenEpoch++;
    this.start();
  };

  private range(): { preset: RangePreset; range: TimeRange } {
    const preset = parsePreset(this.route.params.range);
    if (this.rangeMemo?.preset !== preset) this.rangeMemo = { preset, range: presetRange(preset) };
    return this.rangeMemo;
  }

  private toggleTheme(): void {
    applyTheme(currentTheme() === 'dark' ? 'light' : 'dark');
    this.requestUpdate();
  }

  private page(): TemplateResult {
    const { range } = this.range();
    const p = { api: this.api, caps: this.caps, params: this.route.params, range };
    switch (this.route.page) {
      case 'fills':
        return html`<hydra-fills .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-fills>`;
      case 'positions':
        return html`<hydra-positions .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-positions>`;
      case 'slippage':
        return html`<hydra-slippage .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-slippage>`;
      case 'drift':
        return html`<hydra-drift .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-drift>`;
      case 'experiments':
        return html`<hydra-experiments .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-experiments>`;
      case 'alerts':
        return html`<hydra-alerts .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-alerts>`;
      case 'system':
        return html`<hydra-system .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-system>`;
      default:
        return html`<hydra-overview .api=${p.api} .caps=${p.caps} .params=${p.params} .range=${p.range}></hydra-overview>`;
    }
  }

  private content(): TemplateResult {
    const status = this.conn?.status;
    const authErr = this.capsError?.kind === 'auth' || status === 'unauthorized';
    if (authErr)
      return html`<hydra-token-prompt
        ?had-token=${this.api?.hasToken ?? false}
        reason=${this.capsError?.message ?? this.conn?.lastClose?.reason ?? ''}
      ></hydra-token-prompt>`;
    if (this.capsError)
      return html`<div class="fatal" role="alert">
        Cannot reach the hydra-monitor API at <code>/graphql</code>: ${this.capsError.message}.
        <button type="button" @click=${() => this.start()}>Retry</button>
      </div>`;
    if (!this.caps) return html`<div class="loading" aria-busy="true">Connecting to hydra-monitor…</div>`;
    if (this.pageError === this.route.page)
      return html`<div class="fatal" role="alert">
        Could not load the ${PAGE_LABELS[this.route.page].long} page's code from the server.
        <button type="button" @click=${() => location.reload()}>Reload</button>
      </div>`;
    return html`${
      status === 'reconnecting'
        ? html`<div class="banner" role="status">
            Live updates interrupted — reconnecting. What is shown may be behind; it catches up by itself when the
            connection is back.
          </div>`
        : nothing
    }${keyed(this.tokenEpoch, this.page())}`;
  }

  /** The bell: how many rules fire; red while any is not acknowledged. Hidden on a server without alerts. */
  private bellLink(): TemplateResult | typeof nothing {
    const b = this.bell.data?.alertsSummary;
    if (!b) return nothing;
    const label =
      b.firing === 0
        ? 'No alert firing'
        : `${b.firing} alert${b.firing === 1 ? '' : 's'} firing${b.unacknowledged < b.firing ? `, ${b.firing - b.unacknowledged} acknowledged` : ''}`;
    return html`<a class="bell" href=${linkTo('alerts', this.route)} data-firing=${b.firing} data-unacked=${b.unacknowledged} aria-label=${label} title=${label}
      >${icon(BELL, 18)}${b.firing > 0 ? html`<span class="count">${b.firing}</span>` : nothing}</a
    >`;
  }

  override render() {
    const { preset } = this.range();
    const status = this.conn?.status ?? 'connecting';
    const h = this.header.data;
    const theme = currentTheme();
    return html`<header>
        <a class="brand" href=${linkTo('overview', this.route)}>${icon('M12 2l3 6 6 1-4.5 4.5L18 20l-6-3-6 3 1.5-6.5L3 9l6-1z', 20)}<span>hydra</span></a>
        <hydra-mode-badge mode=${h?.system.mode ?? ''} .truth=${h?.gateway.modeTruth ?? null}></hydra-mode-badge>
        <span class="spacer"></span>
        <span class="conn" data-status=${status} role="status" title=${status === 'live' ? 'Live updates over WebSocket' : connectionLabel(status)}>
          <span class="dot"></span><span class="label">${connectionLabel(status)}</span>
        </span>
        ${this.bellLink()}
        <hydra-range .value=${preset}></hydra-range>
        <button
          type="button"
          class="icon-btn"
          aria-label=${theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          title=${theme === 'dark' ? 'Light theme' : 'Dark theme'}
          @click=${this.toggleTheme}
        >
          ${icon(theme === 'dark' ? 'M12 4V2M12 22v-2M4 12H2M22 12h-2M5 5l1.5 1.5M17.5 17.5L19 19M5 19l1.5-1.5M17.5 6.5L19 5M12 8a4 4 0 100 8 4 4 0 000-8z' : 'M21 13A9 9 0 1111 3a7 7 0 0010 10z', 16)}
        </button>
      </header>
      <nav aria-label="Pages">
        ${PAGES.map(
          (
            p,
          ) => html`<a href=${linkTo(p, this.route)} aria-current=${p === this.route.page ? 'page' : 'false'}
            >${icon(ICONS[p])}<span class="long">${PAGE_LABELS[p].long}</span><span class="short">${PAGE_LABELS[p].short}</span></a
          >`,
        )}
        <div class="foot">Read-only view; control stays in the CLI. <a href="/graphql">GraphiQL</a></div>
      </nav>
      <main>${this.content()}</main>`;
  }
}

customElements.define('hydra-app', HydraApp);

declare global {
  interface HTMLElementTagNameMap {
    'hydra-app': HydraApp;
  }
}
