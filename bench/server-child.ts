import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildReply, ChildRequest, ChildSpec } from './child.js';
import { CATCH_ALL_SQL, fillsPage, STORE_SQL } from './floor.js';

/**
 * One server per child process, so the load generator and the 1,000 clients never share the server's event
 * loop or its heap (2 cores: one for the server, one for the clients), and RSS is the server's alone.
 * `hydra` is the real app; `raw-http` and `raw-ws` are the floors the scenarios compare it with.
 */
const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
const send = (m: ChildReply) => process.send?.(m);

const FILL = (i: number, symbol: string) => ({
  execId: `b${i}`,
  symbol,
  side: 'BUY',
  quantity: 100,
  price: 101.25,
  time: new Date().toISOString(),
  slippageBps: 1.9,
});

const main = async () => {
  let url = '';
  let burst: (n: number) => Promise<void> | void = () => {};
  let close: () => Promise<void> | void = () => {};
  // Imported per mode, so a floor's RSS holds none of the app's modules.
  if (spec.mode === 'hydra') {
    const { startApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config.js');
    const { silentLogger } = await import('../src/log.js');
    const { createFactWriter } = await import('../test/web/facts.js');
    const config = loadConfig({
      HYDRA_DATA_DIR: spec.dataDir,
      HYDRA_PORT: '0',
      HYDRA_HOST: '127.0.0.1',
      // Above the default 2,000 so the fan-out scenario's sockets are never refused.
      HYDRA_WS_MAX_CONNECTIONS: String(spec.maxConnections ?? 5_000),
      HYDRA_WS_MAX_SUBSCRIPTIONS: '100',
      HYDRA_UNIVERSE: 'S00,S01,S02,S03,S04',
    });
    const app = await startApp({
      config,
      log: silentLogger(),
      ...(spec.staticDir ? { staticDir: spec.staticDir } : {}),
      trading: false,
      backfill: false,
    });
    // Fills go through the plugins' real hooks on a writer connection, then into the app's pubsub after
    // commit: the path the cycle worker's facts take.
    const facts = await createFactWriter(app, config);
    const cycleId = `${new Date().toISOString().slice(0, 10)}#1`;
    let k = 0;
    burst = (n) => {
      for (let i = 0; i < n; i++) {
        k++;
        facts.fill({
          symbol: `S0${k % 5}`,
          side: k % 2 ? 'BUY' : 'SELL',
          quantity: 100,
          price: 100 + (k % 7),
          cycleId,
        });
      }
    };
    url = app.server.url;
    close = async () => {
      facts.close();
      await app.close();
    };
  } else if (spec.mode === 'raw-http') {
    const { default: Database } = await import('better-sqlite3');
    // The floor of scenario 1: the store's SQL on better-sqlite3, the same response shape, JSON.stringify.
    const db = new Database(spec.dbFile, { readonly: true });
    const stmt = db.prepare(spec.sql === 'catch-all' ? CATCH_ALL_SQL : STORE_SQL);
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
          variables: Record<string, unknown>;
        };
        const body = JSON.stringify(fillsPage(stmt, variables));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        db.close();
      });
  } else {
    const { WebSocketServer } = await import('ws');
    // The floor of scenario 4: one JSON message per fill, serialized once, sent to every socket.
    const server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/graphql' });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let k = 0;
    burst = (n) => {
      for (let i = 0; i < n; i++) {
        const msg = JSON.stringify({
          id: '1',
          type: 'next',
          payload: { data: { fillAdded: FILL(++k, 'S00') } },
        });
        for (const s of wss.clients) s.send(msg);
      }
    };
    close = () =>
      new Promise<void>((r) => {
        for (const s of wss.clients) s.terminate();
        wss.close();
        server.close(() => r());
      });
  }
  process.on('message', async (m: ChildRequest) => {
    if (m.type === 'rss') send({ type: 'rss', id: m.id, rss: process.memoryUsage().rss });
    else if (m.type === 'burst') {
      await burst(m.n);
      send({ type: 'burst', id: m.id });
    } else if (m.type === 'stop') {
      await close();
      send({ type: 'stop', id: m.id });
      // A normal exit, so --cpu-prof writes its profile.
      process.exit(0);
    }
  });
  send({ type: 'ready', id: 0, url });
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
