/**
 * The dashboard's entry (esbuild bundles it into public/dashboard.js): registers the shell and the elements
 * every page shares, and hands the shell its one API client, pointed at this origin's /graphql over HTTP and
 * WebSocket. Pages load on first visit (lib/lazy-pages.ts).
 */
import './hydra-app/hydra-app.js';
import './hydra-chart/hydra-chart.js';
import './hydra-mode-badge/hydra-mode-badge.js';
import './hydra-range/hydra-range.js';
import './hydra-table/hydra-table.js';
import './hydra-token-prompt/hydra-token-prompt.js';
import { createApi } from './lib/api.js';
import { createTokenStore } from './lib/token.js';

const httpUrl = new URL('/graphql', location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');
const api = createApi({ httpUrl, wsUrl, token: createTokenStore() });

const app =
  document.querySelector('hydra-app') ?? document.body.appendChild(document.createElement('hydra-app'));
app.api = api;
