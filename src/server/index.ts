import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import type { ApiLimits } from '../config.js';
import type { MigrationTrack } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import { hydraError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PluginHealth } from '../plugins/types.js';
import type { PubSub } from '../schema/pubsub.js';
import { createAuth } from './auth.js';
import { type MetricProbes, observeDomainEvents } from './domain-metrics.js';
import { createYogaApp } from './graphql.js';
import { readiness } from './health.js';
import { createHttpServer } from './http.js';
import { limitPlugins } from './limits.js';
import { createMetrics } from './metrics.js';
import { attachGraphqlWs } from './ws.js';
import { wsOnlySubscriptions } from './ws-only-subscriptions.js';

export interface ServerOptions {
  host: string;
  port: number;
  schema: GraphQLSchema;
  /** The read-only connection; the server never writes. */
  db: Db;
  tracks: readonly MigrationTrack[];
  health: () => PluginHealth[];
  staticDir: string;
  log: Logger;
  /** The API token; null = no token required (loopback only, unless explicitly allowed). */
  token: string | null;
  limits: ApiLimits;
  /** Committed domain events, turned into Prometheus metrics. */
  pubsub?: PubSub;
  /** Store reads behind the metrics no event carries (drift status). */
  probes?: MetricProbes;
}

export interface RunningServer {
  host: string;
  port: number;
  url: string;
  /** Stops accepting, closes WebSockets and idle keep-alive sockets; resolves when all are gone (max 5 s). */
  close(): Promise<void>;
  /** Drops every WebSocket at once (1012 "service restart"): clients reconnect and refetch. */
  dropWebSockets(): number;
  /** This server's Prometheus registry (what /metrics serves): alert rules on metrics read it. */
  metrics: Registry;
}

export const SHUTDOWN_GRACE_MS = 5_000;

export const startServer = async (opts: ServerOptions): Promise<RunningServer> => {
  const log = opts.log.child({ unit: 'server' });
  const metrics = createMetrics();
  const stopDomainMetrics = opts.pubsub
    ? observeDomainEvents(metrics.registry, opts.pubsub, opts.probes)
    : () => {};
  const yoga = createYogaApp({
    schema: opts.schema,
    log: opts.log.child({ unit: 'graphql' }),
    plugins: [...limitPlugins(opts.limits), wsOnlySubscriptions(), metrics.yogaPlugin],
  });
  const auth = createAuth({ token: opts.token, log });
  const server = createHttpServer({
    auth,
    yoga,
    metrics,
    readiness: () => readiness(opts.db, opts.tracks, opts.health),
    staticDir: opts.staticDir,
    log,
  });
  // Slowloris guards: a client gets 10 s to send its headers and 30 s for a whole request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const ws = attachGraphqlWs(server, yoga, opts.log.child({ unit: 'graphql-ws' }), {
    auth,
    maxConnections: opts.limits.wsMaxConnections,
    maxSubscriptionsPerSocket: opts.limits.wsMaxSubscriptions,
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        hydraError(
          'HYDRA_ERR_SERVER_LISTEN',
          err.code === 'EADDRINUSE'
            ? `port ${opts.port} on ${opts.host} is already in use: stop the other process or set HYDRA_PORT`
            : `cannot listen on ${opts.host}:${opts.port}: ${err.message}`,
          { host: opts.host, port: opts.port },
          err,
        ),
      );
    };
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => {
        log.warn('connections still open after the grace period; closing them');
        server.closeAllConnections();
        for (const c of ws.wss.clients) c.terminate();
      }, SHUTDOWN_GRACE_MS - 500);
      force.unref();
      stopDomainMetrics();
      await ws.dispose();
      await closed;
      clearTimeout(force);
    })();
    return closing;
  };
  const dropWebSockets = (): number => {
    let n = 0;
    for (const c of ws.wss.clients) {
      c.close(1012, 'service restart');
      n++;
    }
    return n;
  };
  return { host: opts.host, port, url, close, dropWebSockets, metrics: metrics.registry };
};
