import net from 'node:net';
import { errorMessage } from '../errors.js';

export type ProbeResult =
  | { ok: true; serverVersion: number; latencyMs: number }
  | { ok: false; error: string; latencyMs: number };

export interface ProbeTarget {
  host: string;
  port: number;
  timeoutMs: number;
}

// The range @stoqey/ib 1.6.10 offers, so the gateway answers exactly as it answers the cycle.
const HELLO = (() => {
  const range = Buffer.from('v100..193', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(range.length, 0);
  return Buffer.concat([Buffer.from('API\0', 'latin1'), len, range]);
})();

/**
 * One TWS API handshake: "API\0" + the version range, then the gateway's first frame, "<server version>\0<time>\0".
 * IB Gateway opens its API port only once logged in, and the gnzsnz image's socat relay accepts TCP even when the
 * Gateway behind it is down, at its login screen or waiting for a 2FA approval: only this reply proves a session.
 * START_API is never sent, so no client id is taken and the cycle's connection is never disturbed.
 */
export const probeGateway = ({ host, port, timeoutMs }: ProbeTarget): Promise<ProbeResult> =>
  new Promise((resolve) => {
    const t0 = performance.now();
    let buf = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host, port });
    const done = (r: { ok: true; serverVersion: number } | { ok: false; error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...r, latencyMs: Math.round(performance.now() - t0) });
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          error: `no handshake reply from ${host}:${port} within ${timeoutMs} ms (gateway starting, at its login screen, or waiting for 2FA?)`,
        }),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(HELLO));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      const len = buf.readUInt32BE(0);
      if (len === 0 || len > 4096)
        return done({ ok: false, error: `not a TWS API reply from ${host}:${port}` });
      if (buf.length < 4 + len) return;
      const [version] = buf
        .subarray(4, 4 + len)
        .toString('utf8')
        .split('\0');
      const serverVersion = Number(version);
      if (!Number.isInteger(serverVersion) || serverVersion <= 0)
        return done({ ok: false, error: `not a TWS API reply from ${host}:${port}` });
      done({ ok: true, serverVersion });
    });
    socket.on('error', (err) => done({ ok: false, error: `${host}:${port}: ${errorMessage(err)}` }));
    socket.on('close', () =>
      done({ ok: false, error: `${host}:${port} closed the connection before the handshake reply` }),
    );
  });
