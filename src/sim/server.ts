import { createServer, type Socket } from 'node:net';
import { hydraError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SessionHandle, SimControl, SimCore } from './core.js';
import { CONNECTIVITY_CODES } from './faults.js';
import { createSession } from './session.js';

/**
 * The TCP side: accepts connections, keeps their sessions, and carries out the gateway-wide actions
 * (drop everyone, a reset window that refuses connections, connectivity notices).
 */
export const createSimServer = (log: Logger) => {
  const sockets = new Set<Socket>();
  const sessions = new Set<SessionHandle>();
  const timers = new Set<NodeJS.Timeout>();
  let refuseUntil = 0;
  let core: SimCore | null = null;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((socket) => {
    if (!core) {
      socket.destroy();
      return;
    }
    core.stats.connections++;
    if (Date.now() < refuseUntil) {
      // Inside the reset window the gateway is down: the connection opens and is dropped at once.
      core.stats.refused++;
      log.info({ peer: socket.remoteAddress }, 'connection refused: gateway reset window');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    const session = createSession(socket, core, log);
    sessions.add(session);
    socket.on('close', () => {
      sockets.delete(socket);
      sessions.delete(session);
    });
  });

  const dropAll = (why: string) => {
    log.warn({ clients: sockets.size, why }, 'dropping every client connection');
    for (const s of sessions) s.close(why);
    for (const s of sockets) s.destroy();
  };

  const control: SimControl = {
    dropAll,
    resetWindow: (ms) => {
      refuseUntil = Math.max(refuseUntil, Date.now() + ms);
      log.warn({ ms }, 'gateway reset window: all connections dropped, new ones refused');
      dropAll('gateway reset window');
    },
    connectivity: (codes, intervalMs) => {
      codes.forEach((code, k) => {
        later(intervalMs * (k + 1), () => {
          if (!core) return;
          log.warn({ code }, 'connectivity notice to every client');
          if (code === 1100) core.broker.halt();
          if (code === 1101 || code === 1102) core.broker.resume();
          for (const s of sessions) {
            if (s.clientId === null) continue;
            s.error(-1, code, CONNECTIVITY_CODES.get(code) ?? `connectivity ${code}`);
            if (code === 1101) s.dropSubscriptions();
          }
        });
      });
    },
  };

  return {
    control,
    sessions: (): ReadonlySet<SessionHandle> => sessions,
    listen: (c: SimCore, host: string, port: number): Promise<number> => {
      core = c;
      return new Promise((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(
            hydraError(
              'HYDRA_ERR_SIM',
              err.code === 'EADDRINUSE'
                ? `port ${port} on ${host} is in use: choose another port (--port)`
                : `cannot listen on ${host}:${port}: ${err.message}`,
              { host, port, code: err.code },
              err,
            ),
          ),
        );
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      });
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => {
        if (!server.listening) resolve();
        else server.close(() => resolve());
      });
    },
  };
};
