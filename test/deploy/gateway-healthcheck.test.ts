import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { DEPLOY_DIR } from './compose.js';

/**
 * The ib-gateway container's healthcheck script, run with bash as Docker runs it, against the built-in
 * simulator (which speaks the TWS handshake as IB Gateway does) and against the failures it must catch: nothing
 * listening, a relay whose Gateway is down (socat accepts, then drops the connection), a Gateway that accepts
 * but never answers (stuck at login), and something that is not a TWS API.
 */
const SCRIPT = path.join(DEPLOY_DIR, 'ib-gateway', 'healthcheck.sh');

const probe = (port: number, timeoutSeconds = 5) =>
  new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn('bash', [SCRIPT, '127.0.0.1', String(port), String(timeoutSeconds)], {
      env: { PATH: process.env.PATH ?? '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => resolve({ code, out: out.trim(), ms: Date.now() - started }));
  });

const tcpServer = async (onConnection: (s: Socket) => void) => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => {});
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
};

describe('ib-gateway healthcheck.sh', () => {
  it.each([193, 176])(
    'is healthy when a gateway answers the TWS API handshake (server version %i)',
    async (v) => {
      const sim = await startSimulator({ port: 0, serverVersion: v });
      try {
        const r = await probe(sim.port);
        expect(r.code).toBe(0);
        expect(r.out).toMatch(new RegExp(`^healthy: TWS API server version ${v}, connection time \\d{8} `));
      } finally {
        await sim.close();
      }
    },
  );

  it('is unhealthy when nothing listens', async () => {
    const s = await tcpServer(() => {});
    const port = s.port;
    await s.close();
    const r = await probe(port);
    expect(r).toMatchObject({ code: 1, out: `unhealthy: nothing accepts connections on 127.0.0.1:${port}` });
  });

  it('is unhealthy when a relay accepts but the gateway behind it is down (what a TCP probe would call healthy)', async () => {
    const relay = await tcpServer((s) => s.destroy());
    try {
      const r = await probe(relay.port);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/closed the connection without answering the handshake/);
    } finally {
      await relay.close();
    }
  });

  it('is unhealthy, within its time limit, when the gateway accepts but never answers', async () => {
    const mute = await tcpServer(() => {});
    try {
      const r = await probe(mute.port, 2);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/no handshake reply from 127\.0\.0\.1:\d+ within 2s/);
      expect(r.ms).toBeLessThan(4500);
    } finally {
      await mute.close();
    }
  });

  it('is unhealthy when the answer is not a TWS API handshake', async () => {
    const http = await tcpServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    try {
      const r = await probe(http.port);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^unhealthy: .*(not a TWS API handshake|not with a server version)/);
    } finally {
      await http.close();
    }
  });
});
