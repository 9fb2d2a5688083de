import type { PageName } from './router.js';

/**
 * Each page's module, loaded when the page is first shown: the first paint pays only for the shell and the
 * page it opens on (esbuild splits the rest into chunks). A custom element rendered before its module has
 * loaded simply upgrades when it arrives.
 */
const LOADERS: Record<PageName, () => Promise<unknown>> = {
  overview: () => import('../hydra-overview/hydra-overview.js'),
  fills: () => import('../hydra-fills/hydra-fills.js'),
  positions: () => import('../hydra-positions/hydra-positions.js'),
  slippage: () => import('../hydra-slippage/hydra-slippage.js'),
  drift: () => import('../hydra-drift/hydra-drift.js'),
  experiments: () => import('../hydra-experiments/hydra-experiments.js'),
  alerts: () => import('../hydra-alerts/hydra-alerts.js'),
  system: () => import('../hydra-system/hydra-system.js'),
};

const loaded = new Map<PageName, Promise<unknown>>();

/** Loads a page's module once; a failed load (a deploy replaced the chunks) is retried on the next visit. */
export const loadPage = (page: PageName): Promise<unknown> => {
  let p = loaded.get(page);
  if (!p) {
    p = LOADERS[page]().catch((err: unknown) => {
      loaded.delete(page);
      throw err;
    });
    loaded.set(page, p);
  }
  return p;
};
