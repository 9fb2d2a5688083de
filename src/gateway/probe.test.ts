import net from 'node:net';
import { startSimulator } from '../sim/index.js';
import { probeGateway } from './probe.js';

/** A TCP server standing in for whatever may sit on the gateway's port; close() drops its connections. */
const listen = async (onConn: (s: net.Socket) => void) => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    onConn(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  const close = () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return { port, close };
};

describe('probeGateway', () => {
  it('completes the TWS handshake with the gateway simulator and reports its server version', async () => {
    const sim = await startSimulator({ port: 0, serverVersion: 176 });
    try {
      const r = await probeGateway({ host: sim.host, port: sim.port, timeoutMs: 3000 });
      expect(r).toMatchObject({ ok: true, serverVersion: 176 });
    } finally {
      await sim.close();
    }
  });

  it('fails when nothing listens', async () => {
    const { port, close } = await listen(() => {});
    await close();
    const r = await probeGateway({ host: '127.0.0.1', port, timeoutMs: 3000 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/ECONNREFUSED/);
  });

  it('fails within its time limit when a relay accepts but nothing answers (a gateway at its 2FA prompt)', async () => {
    const relay = await listen(() => {});
    try {
      const r = await probeGateway({ host: '127.0.0.1', port: relay.port, timeoutMs: 300 });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/no handshake reply .* within 300 ms.*2FA/);
      expect(r.latencyMs).toBeLessThan(2000);
    } finally {
      await relay.close();
    }
  });

  it('fails when the relay closes the connection (socat with the gateway behind it down)', async () => {
    const relay = await listen((s) => s.end());
    try {
      const r = await probeGateway({ host: '127.0.0.1', port: relay.port, timeoutMs: 3000 });
      expect(!r.ok && r.error).toMatch(/closed the connection/);
    } finally {
      await relay.close();
    }
  });

  it('fails when the answer is not a TWS handshake', async () => {
    const web = await listen((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    try {
      const r = await probeGateway({ host: '127.0.0.1', port: web.port, timeoutMs: 3000 });
      expect(!r.ok && r.error).toMatch(/not a TWS API reply/);
    } finally {
      await web.close();
    }
  });
});
