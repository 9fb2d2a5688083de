/**
 * Pages are addressed by the URL hash so a view can be shared as a link: `#/fills?symbol=AAPL&range=1m`.
 * The hash holds the page, the shared time range and the page's own filters; nothing else.
 */
export const PAGES = [
  'overview',
  'fills',
  'positions',
  'slippage',
  'drift',
  'experiments',
  'alerts',
  'system',
] as const;
export type PageName = (typeof PAGES)[number];

export interface Route {
  page: PageName;
  params: Readonly<Record<string, string>>;
}

const isPage = (s: string): s is PageName => (PAGES as readonly string[]).includes(s);

export const parseRoute = (hash: string): Route => {
  const raw = hash.replace(/^#/, '').replace(/^\/+/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const search = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const params: Record<string, string> = {};
  for (const [k, v] of search) if (v !== '') params[k] = v;
  return { page: isPage(path) ? path : 'overview', params };
};

/** The hash for a route; empty params are dropped and the rest sorted, so equal routes give equal links. */
export const formatRoute = (route: Route): string => {
  const entries = Object.entries(route.params)
    .filter(([, v]) => v !== '' && v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const qs = new URLSearchParams(entries).toString();
  return `#/${route.page}${qs ? `?${qs}` : ''}`;
};

/** Params that follow the reader from page to page (the shared time range); page filters stay behind. */
export const SHARED_PARAMS: readonly string[] = ['range'];

export const linkTo = (page: PageName, current: Route, extra: Record<string, string> = {}): string => {
  const params: Record<string, string> = {};
  for (const k of SHARED_PARAMS) if (current.params[k]) params[k] = current.params[k];
  return formatRoute({ page, params: { ...params, ...extra } });
};

/** The current route with some params changed (an empty string removes one). */
export const withParams = (route: Route, changes: Record<string, string>): Route => {
  const params: Record<string, string> = { ...route.params };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '') delete params[k];
    else params[k] = v;
  }
  return { page: route.page, params };
};
