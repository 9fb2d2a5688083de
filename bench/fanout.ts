import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startChild } from './child.js';
import { pct } from './stats.js';

export interface FanoutResult {
  server: 'hydra' | 'raw';
  subscribers: number;
  bursts: number;
  fills: number;
  /** Per subscriber and burst: ms from the burst's start until that subscriber had all of its fills. */
  p50: number;
  p99: number;
  /** The slowest burst: until every subscriber had every fill. */
  max: number;
  lost: number;
  rssIdle: number;
  rssPeak: number;
}

const SUBSCRIPTION = 'subscription { fillAdded { execId symbol side quantity price time slippageBps } }';

/**
 * Scenario 4: `subscribers` graphql-ws clients subscribed to fillAdded, `bursts` bursts of `perBurst` fills
 * written through the real hooks and pubsub (in the server's process), vs a raw ws server broadcasting the
 * same JSON to as many plain sockets. Events a subscriber has not received `timeoutMs` after its burst are lost.
 * Scenario 8 samples the server's RSS while this runs.
 */
export const benchFanout = async (
  server: 'hydra' | 'raw',
  dataDir: string,
  subscribers: number,
  bursts: number,
  perBurst: number,
  execArgv: string[] = [],
  timeoutMs = 30_000,
): Promise<FanoutResult> => {
  const child = await startChild(
    server === 'hydra' ? { mode: 'hydra', dataDir, maxConnections: subscribers + 100 } : { mode: 'raw-ws' },
    server === 'hydra' ? execArgv : [],
  );
  const counts = new Array<number>(subscribers).fill(0);
  let waiting: { need: number; t0: number; done: number[]; resolve: () => void } | null = null;
  const onEvent = (i: number) => {
    counts[i]!++;
    const w = waiting;
    if (w && counts[i] === w.need) {
      w.done.push(performance.now() - w.t0);
      if (w.done.length === subscribers) w.resolve();
    }
  };
  const clients: Client[] = [];
  const sockets: WebSocket[] = [];
  const wsUrl = `${child.url.replace(/^http/, 'ws')}/graphql`;
  try {
    // Connect in batches: a thousand handshakes at once only measures the accept queue.
    for (let i = 0; i < subscribers; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, subscribers - i) }, (_, j) =>
          server === 'hydra'
            ? subscribeHydra(wsUrl, i + j, onEvent, clients)
            : connectRaw(wsUrl, i + j, onEvent, sockets),
        ),
      );
    }
    const rssIdle = await child.rss();
    let rssPeak = rssIdle;
    // One fill first: it proves every subscription is live before anything is timed.
    const burst = async (n: number) => {
      const need = counts.map((c) => c + n);
      const target = Math.min(...need);
      const done: number[] = [];
      const t0 = performance.now();
      const all = new Promise<void>((resolve) => {
        waiting = { need: target, t0, done, resolve };
      });
      const sampler = setInterval(() => void child.rss().then((r) => (rssPeak = Math.max(rssPeak, r))), 100);
      await child.burst(n);
      await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs))]);
      clearInterval(sampler);
      waiting = null;
      const lost = need.reduce((a, x, i) => a + Math.max(0, x - counts[i]!), 0);
      return { done, lost };
    };
    const warm = await burst(1);
    if (warm.lost > 0)
      throw new Error(`${warm.lost} of ${subscribers} subscribers never received the first fill`);
    const times: number[] = [];
    const slowest: number[] = [];
    let lost = 0;
    for (let b = 0; b < bursts; b++) {
      const r = await burst(perBurst);
      times.push(...r.done);
      slowest.push(r.done.length === subscribers ? Math.max(...r.done) : timeoutMs);
      lost += r.lost;
      rssPeak = Math.max(rssPeak, await child.rss());
    }
    return {
      server,
      subscribers,
      bursts,
      fills: perBurst,
      p50: pct(times, 50),
      p99: pct(times, 99),
      max: Math.max(...slowest),
      lost,
      rssIdle,
      rssPeak,
    };
  } finally {
    for (const c of clients) await c.dispose();
    for (const s of sockets) s.terminate();
    await child.stop();
  }
};

const subscribeHydra = (url: string, i: number, onEvent: (i: number) => void, clients: Client[]) =>
  new Promise<void>((resolve, reject) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => resolve() },
    });
    clients.push(client);
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (r) => (r.errors ? reject(new Error(JSON.stringify(r.errors))) : onEvent(i)),
        error: (e) => reject(e instanceof Error ? e : new Error(`subscriber ${i}: ${JSON.stringify(e)}`)),
        complete: () => {},
      },
    );
  });

const connectRaw = (url: string, i: number, onEvent: (i: number) => void, sockets: WebSocket[]) =>
  new Promise<void>((resolve, reject) => {
    const s = new WebSocket(url);
    sockets.push(s);
    s.on('open', () => resolve());
    s.on('error', reject);
    // Parsed like a client would, so both sides pay for reading the JSON.
    s.on('message', (m: WebSocket.RawData) => {
      JSON.parse(m.toString());
      onEvent(i);
    });
  });
