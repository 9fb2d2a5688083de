import { html, LitElement, nothing } from 'lit';
import type { ChartData } from '../hydra-chart/hydra-chart.js';
import type { TableColumn } from '../hydra-table/hydra-table.js';
import type { Api, Capabilities } from '../lib/api.js';
import { queryController, subscriptionController } from '../lib/controllers.js';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatQty,
  formatSigned,
  formatTime,
  signClass,
} from '../lib/format.js';
import { hasQuery, pageProperties, setParams } from '../lib/page.js';
import type { TimeRange } from '../lib/range.js';
import { emptyState, errorBox, loadingState, notInstalled, stat } from '../lib/templates.js';
import { dayX } from '../lib/types.js';
import { positionsStyles } from './hydra-positions.styles.js';

export interface BookPosition {
  symbol: string;
  secType: string;
  conId: number | null;
  right: string | null;
  strike: number | null;
  expiry: string | null;
  daysToExpiry: number | null;
  multiplier: number;
  quantity: number;
  avgCost: number;
  marketPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
  underlyingPrice: number | null;
  impliedVol: number | null;
  greeksMissing: boolean;
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
}

interface Totals {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  dollarDelta: number | null;
  positions: number;
  missing: number;
}

interface Cell {
  strike: number;
  daysToExpiry: number;
  expiry: string;
  value: number | null;
  positions: number;
  missing: number;
}

interface Data {
  positions: BookPosition[];
  portfolioGreeks: { cycleId: string; tradingDate: string; at: string; totals: Totals } | null;
  portfolioGreeksHistory: {
    tradingDate: string;
    delta: number;
    gamma: number;
    vega: number;
    theta: number;
    missing: number;
  }[];
}

const GREEKS = ['DELTA', 'GAMMA', 'VEGA', 'THETA'] as const;
const TOTALS = 'delta gamma vega theta dollarDelta positions missing';
const QUERY = `query Positions($range: TimeRange) {
  positions { symbol secType conId right strike expiry daysToExpiry multiplier quantity avgCost marketPrice marketValue unrealizedPnl underlyingPrice impliedVol greeksMissing delta gamma vega theta }
  portfolioGreeks { cycleId tradingDate at totals { ${TOTALS} } }
  portfolioGreeksHistory(range: $range) { tradingDate delta gamma vega theta missing }
}`;
const SURFACE = `query Surface($u: String!, $g: Greek) {
  greeksSurface(underlying: $u, greek: $g) { underlying strikes daysToExpiry cells { strike daysToExpiry expiry value positions missing } }
}`;

const isOption = (p: BookPosition) => p.secType === 'OPT' || p.secType === 'FOP';

/** The table's filters from the URL: underlying, type and expiry. */
export const filterPositions = (
  ps: readonly BookPosition[],
  params: Readonly<Record<string, string>>,
): BookPosition[] =>
  ps.filter(
    (p) =>
      (!params.underlying || p.symbol === params.underlying) &&
      (!params.type || p.secType === params.type) &&
      (!params.expiry || p.expiry === params.expiry),
  );

/** "MSFT 18 Dec 26 400 C" for an option, the symbol otherwise. */
export const contractLabel = (
  p: Pick<BookPosition, 'symbol' | 'secType' | 'right' | 'strike' | 'expiry'>,
): string =>
  p.expiry && p.strike !== null && p.right
    ? `${p.symbol} ${p.expiry.slice(0, 4)}-${p.expiry.slice(4, 6)}-${p.expiry.slice(6, 8)} ${p.strike} ${p.right}`
    : p.expiry
      ? `${p.symbol} ${p.expiry}`
      : p.symbol;

/** Heat strength of a cell: 0.08 to 0.83 with |value| / max (the colour says the sign). */
export const heatAlpha = (value: number, max: number): number =>
  max === 0 ? 0.08 : Math.min(1, Math.abs(value) / max) * 0.75 + 0.08;

const greekCell = (v: number | null, missing: boolean, digits = 2) =>
  missing || v === null
    ? html`<span class="missing" title="IB sent no Greeks for this option">missing</span>`
    : formatNumber(v, digits);

/**
 * @summary Positions: the book at the last cycle with each option's Greeks (as IB sent them, scaled by quantity
 * and multiplier), portfolio totals as cards, a strike × days-to-expiry heatmap of one Greek for one underlying,
 * and the portfolio Greeks over time. Greeks IB did not send show as missing, never as zero.
 */
export class HydraPositions extends LitElement {
  static override styles = positionsStyles;
  static override properties = { ...pageProperties };

  api: Api | undefined;
  caps: Capabilities | undefined;
  params: Readonly<Record<string, string>> = {};
  range: TimeRange = {};

  private q = queryController<Data>(this, {
    api: () => this.api,
    enabled: () => hasQuery(this.caps, 'positions') && hasQuery(this.caps, 'portfolioGreeks'),
    query: QUERY,
    variables: () => ({ range: this.range }),
  });
  private heat = queryController<{
    greeksSurface: { underlying: string; strikes: number[]; daysToExpiry: number[]; cells: Cell[] };
  }>(this, {
    api: () => this.api,
    enabled: () => hasQuery(this.caps, 'greeksSurface') && this.heatUnderlying() !== null,
    query: SURFACE,
    variables: () => ({ u: this.heatUnderlying() ?? '', g: this.params.greek ?? 'DELTA' }),
  });

  constructor() {
    super();
    subscriptionController(this, {
      api: () => this.api,
      enabled: () => this.caps?.subscription.has('positionsUpdated') ?? false,
      query: 'subscription PositionsPage { positionsUpdated { cycleId } }',
      next: () => {
        this.q.refetchSoon(200);
        this.heat.refetchSoon(300);
      },
    });
  }

  /** The underlying the heatmap shows: the URL's, else the first one with options. */
  private heatUnderlying(): string | null {
    const options = (this.q.data?.positions ?? []).filter(isOption);
    const chosen = this.params.heat;
    if (chosen && options.some((p) => p.symbol === chosen)) return chosen;
    return options[0]?.symbol ?? null;
  }

  private columns(): TableColumn<BookPosition>[] {
    const g = (
      key: 'delta' | 'gamma' | 'vega' | 'theta',
      label: string,
      title: string,
      digits = 2,
    ): TableColumn<BookPosition> => ({
      key,
      label,
      title,
      align: 'right',
      value: (p) => p[key],
      render: (p) => greekCell(p[key], p.greeksMissing, digits),
    });
    return [
      {
        key: 'contract',
        label: 'Position',
        value: (p) => contractLabel(p),
        render: (p) => html`<span class="mono">${contractLabel(p)}</span>`,
      },
      { key: 'type', label: 'Type', value: (p) => p.secType },
      {
        key: 'qty',
        label: 'Qty',
        align: 'right',
        value: (p) => p.quantity,
        render: (p) => formatQty(p.quantity),
      },
      {
        key: 'dte',
        label: 'DTE',
        align: 'right',
        title: 'Calendar days to expiry',
        value: (p) => p.daysToExpiry,
      },
      {
        key: 'avg',
        label: 'Avg cost',
        align: 'right',
        value: (p) => p.avgCost,
        render: (p) => formatNumber(p.avgCost, 2),
      },
      {
        key: 'price',
        label: 'Price',
        align: 'right',
        value: (p) => p.marketPrice,
        render: (p) => formatNumber(p.marketPrice, 2),
      },
      {
        key: 'value',
        label: 'Market value',
        align: 'right',
        value: (p) => p.marketValue,
        render: (p) => formatMoney(p.marketValue),
      },
      {
        key: 'upnl',
        label: 'Unrealized',
        align: 'right',
        value: (p) => p.unrealizedPnl,
        render: (p) =>
          html`<span class=${signClass(p.unrealizedPnl)}>${formatSigned(p.unrealizedPnl)}</span>`,
      },
      g('delta', 'Δ', 'Delta: shares (units) of underlying exposure, × quantity × multiplier', 1),
      g('gamma', 'Γ', 'Gamma: change of Δ per 1.00 of the underlying', 3),
      g('vega', 'Vega', 'Money per vol point'),
      g('theta', 'Θ', 'Money per calendar day'),
      {
        key: 'iv',
        label: 'IV',
        align: 'right',
        value: (p) => p.impliedVol,
        render: (p) => (isOption(p) ? formatPercent(p.impliedVol) : '—'),
      },
    ];
  }

  private filters(ps: readonly BookPosition[]) {
    const p = this.params;
    const underlyings = [...new Set(ps.map((x) => x.symbol))].sort();
    const expiries = [...new Set(ps.map((x) => x.expiry).filter((e): e is string => e !== null))].sort();
    const change = (e: Event) => {
      const data = new FormData((e.target as HTMLElement).closest('form')!);
      setParams(this, {
        ...this.params,
        underlying: String(data.get('underlying') ?? ''),
        type: String(data.get('type') ?? ''),
        expiry: String(data.get('expiry') ?? ''),
      });
    };
    const select = (name: string, label: string, values: readonly string[], current: string | undefined) =>
      html`<label>${label}
        <select name=${name} .value=${current ?? ''}>
          <option value="" ?selected=${!current}>All</option>
          ${values.map((v) => html`<option value=${v} ?selected=${current === v}>${v}</option>`)}
        </select></label>`;
    return html`<form class="toolbar" role="search" aria-label="Filter positions" @change=${change} @submit=${(e: Event) => e.preventDefault()}>
      ${select('underlying', 'Underlying', underlyings, p.underlying)} ${select('type', 'Type', ['STK', 'FUT', 'OPT', 'FOP'], p.type)}
      ${select('expiry', 'Expiry', expiries, p.expiry)}
    </form>`;
  }

  private heatmap(ps: readonly BookPosition[]) {
    const underlying = this.heatUnderlying();
    if (!underlying) return nothing;
    const underlyings = [...new Set(ps.filter(isOption).map((p) => p.symbol))].sort();
    const greek = this.params.greek ?? 'DELTA';
    const s = this.heat.data?.greeksSurface;
    const picker = html`<div class="picker">
      <label>Underlying <select @change=${(e: Event) => setParams(this, { ...this.params, heat: (e.target as HTMLSelectElement).value })}>
        ${underlyings.map((u) => html`<option value=${u} ?selected=${u === underlying}>${u}</option>`)}
      </select></label>
      <label>Greek <select @change=${(e: Event) => setParams(this, { ...this.params, greek: (e.target as HTMLSelectElement).value })}>
        ${GREEKS.map((g) => html`<option value=${g} ?selected=${g === greek}>${g.toLowerCase()}</option>`)}
      </select></label>
    </div>`;
    if (!s || s.underlying !== underlying)
      return html`<section class="card" aria-label="Greeks heatmap"><h2>Where the risk sits</h2>${picker}${loadingState('the surface')}</section>`;
    const max = Math.max(0, ...s.cells.map((c) => Math.abs(c.value ?? 0)));
    const at = new Map(s.cells.map((c) => [`${c.daysToExpiry}|${c.strike}`, c]));
    return html`<section class="card" aria-label="Greeks heatmap">
      <h2>Where the risk sits: ${greek.toLowerCase()} of ${underlying} by strike and days to expiry</h2>
      ${picker}
      <div class="heat" role="table" aria-label=${`${greek.toLowerCase()} by strike and days to expiry`} data-cols=${s.strikes.length}>
        <div class="h" role="columnheader">DTE \\ strike</div>
        ${s.strikes.map((k) => html`<div class="h" role="columnheader">${k}</div>`)}
        ${s.daysToExpiry.map(
          (d) => html`<div class="h" role="rowheader">${d} d</div>
            ${s.strikes.map((k) => {
              const c = at.get(`${d}|${k}`);
              if (!c) return html`<div class="cell none" role="cell"></div>`;
              if (c.value === null)
                return html`<div class="cell gap" role="cell" data-strike=${k} data-dte=${d} title="IB sent no Greeks here">missing</div>`;
              return html`<div class="cell ${c.value >= 0 ? 'pos' : 'neg'}" role="cell" data-strike=${k} data-dte=${d} data-alpha=${heatAlpha(c.value, max).toFixed(3)} title=${`${c.positions} position(s)${c.missing ? `, ${c.missing} without Greeks` : ''}`}>${formatNumber(c.value, Math.abs(c.value) < 10 ? 2 : 0)}</div>`;
            })}`,
        )}
      </div>
    </section>`;
  }

  private history(d: Data) {
    const h = d.portfolioGreeksHistory;
    const x = h.map((p) => dayX(p.tradingDate));
    const chart = (
      label: string,
      key: 'delta' | 'vega' | 'theta' | 'gamma',
      color: 'accent' | 'violet' | 'teal' | 'pink',
    ): ChartData => ({
      x,
      series: [{ label, color, values: h.map((p) => p[key]), format: (v) => formatNumber(v, 2) }],
    });
    return html`<section class="cols">
      <div class="card"><h2>Portfolio delta per cycle</h2><hydra-chart label="Portfolio delta per cycle" .data=${chart('Delta', 'delta', 'accent')} height="180" empty-text="No book recorded in this range."></hydra-chart></div>
      <div class="card"><h2>Vega and theta per cycle</h2><hydra-chart label="Portfolio vega and theta per cycle" .data=${{ x, series: [chart('Vega', 'vega', 'violet').series[0]!, chart('Theta', 'theta', 'pink').series[0]!] }} height="180" empty-text="No book recorded in this range."></hydra-chart></div>
    </section>`;
  }

  /**
   * The heatmap's column count and cell strengths go in through the CSSOM: the server's CSP (style-src 'self')
   * refuses style attributes in markup, but not properties set from script.
   */
  protected override updated(): void {
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.heat[data-cols]'))
      el.style.setProperty('--cols', el.dataset.cols ?? '1');
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.heat .cell[data-alpha]'))
      el.style.setProperty('--alpha', el.dataset.alpha ?? '0');
  }

  override render() {
    if (this.caps && !hasQuery(this.caps, 'portfolioGreeks'))
      return html`<h1>Positions</h1>${notInstalled('positions plugin', 'portfolioGreeks')}`;
    const q = this.q;
    if (q.error && !q.data) return html`<h1>Positions</h1>${errorBox('the positions', q.error, q.refetch)}`;
    if (!q.data) return html`<h1>Positions</h1>${loadingState('positions')}`;
    const d = q.data;
    const book = d.portfolioGreeks;
    if (!book)
      return html`<h1>Positions</h1>${emptyState('No book recorded yet', 'Each cycle records its positions and asks IB for every option’s Greeks; they appear here after the next one.')}`;
    const t = book.totals;
    const rows = filterPositions(d.positions, this.params);
    const partial =
      t.missing > 0
        ? html` · <span class="missing">${t.missing} without Greeks, not in the totals</span>`
        : nothing;
    return html`<h1>Positions</h1>
      <p class="muted">Book of ${book.tradingDate} (cycle ${book.cycleId}, ${formatTime(book.at)})</p>
      <section class="grid" aria-label="Portfolio Greeks">
        ${stat('Delta', formatNumber(t.delta, 1), html`shares of underlying · ${formatMoney(t.dollarDelta)}${partial}`, signClass(t.delta))}
        ${stat('Gamma', formatNumber(t.gamma, 3), 'Δ change per 1.00 of the underlying')}
        ${stat('Vega', formatMoney(t.vega), 'per vol point', signClass(t.vega))}
        ${stat('Theta', formatMoney(t.theta), 'per calendar day', signClass(t.theta))}
      </section>
      ${this.filters(d.positions)}
      <section>
        <hydra-table
          heading="Positions"
          csv-name="positions"
          .columns=${this.columns()}
          .rows=${rows}
          .rowKey=${(p: BookPosition) => String(p.conId ?? `${p.secType}:${p.symbol}`)}
          .empty=${html`<strong>No positions match this filter</strong>Choose another underlying, type or expiry.`}
        ></hydra-table>
      </section>
      ${this.heatmap(d.positions)}
      ${this.history(d)}`;
  }
}

customElements.define('hydra-positions', HydraPositions);

declare global {
  interface HTMLElementTagNameMap {
    'hydra-positions': HydraPositions;
  }
}
