import { Socket } from 'node:net';
import { EventName, IBApi } from '@stoqey/ib';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder.js';
import { encodeFrame } from '../../src/sim/codec.js';
import { SIM_MAX_REQ_PER_SEC } from '../../src/sim/index.js';

/** Polls until `pick` returns something truthy (and returns it), or fails naming what it waited for. */
export const waitFor = async <T>(
  pick: () => T | undefined | null | false,
  what = 'condition',
  ms = 5000,
): Promise<T> => {
  const t0 = Date.now();
  for (;;) {
    const v = pick();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoggedEvent {
  name: string;
  args: unknown[];
}

/**
 * The real @stoqey/ib IBApi against the simulator, with every event it emits recorded in order. Resolves
 * once nextValidId has arrived, unless `ready: false`.
 */
export const connectIb = async (port: number, clientId: number, opts: { ready?: boolean } = {}) => {
  const api = new IBApi({ host: '127.0.0.1', port, maxReqPerSec: SIM_MAX_REQ_PER_SEC });
  const log: LoggedEvent[] = [];
  let disconnected = false;
  api.on(EventName.all, (name: string, args: unknown[]) => log.push({ name, args }));
  // Without a listener an 'error' event would throw; errors are read from the log instead.
  api.on(EventName.error, () => {});
  api.on(EventName.disconnected, () => {
    disconnected = true;
  });
  api.connect(clientId);
  const of = (name: string) => log.filter((e) => e.name === name).map((e) => e.args);
  const client = {
    api,
    log,
    of,
    names: () => log.map((e) => e.name),
    errors: () =>
      of(EventName.error).map(([err, code, reqId]) => ({
        code: code as number,
        reqId: reqId as number,
        message: (err as Error).message,
      })),
    infos: () =>
      of(EventName.info).map(([message, code]) => ({ code: code as number, message: message as string })),
    /** 505 (decoding error, unprocessed data) and underruns: the wire disagreeing with the client. */
    decodeErrors: () => client.errors().filter((e) => e.code === 505 || /decod|underrun/i.test(e.message)),
    disconnected: () => disconnected,
    nextValidId: () => of(EventName.nextValidId).at(-1)?.[0] as number | undefined,
    close: async () => {
      if (disconnected) return;
      api.disconnect();
      await waitFor(() => disconnected, 'disconnect');
    },
  };
  if (opts.ready !== false)
    await waitFor(() => client.nextValidId() !== undefined, `nextValidId for client ${clientId}`);
  return client;
};
export type IbClient = Awaited<ReturnType<typeof connectIb>>;

/** The tokens @stoqey/ib's encoder sends for a call, as it puts them on the wire. */
export const tokens = (sv: number, call: (e: Encoder) => void): string[] => {
  let out: string[] = [];
  const enc = new Encoder({
    serverVersion: sv,
    sendMsg: (...t: unknown[]) => {
      out = (t.flat(Number.POSITIVE_INFINITY) as unknown[]).map((v) =>
        v === true ? '1' : v === false ? '0' : v === undefined || v === null ? '' : String(v),
      );
    },
    emitError: (msg: string) => {
      throw new Error(msg);
    },
  });
  call(enc);
  return out;
};

export const handshakeBytes = (range = 'v100..193') => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(range.length);
  return Buffer.concat([Buffer.from('API\0', 'latin1'), len, Buffer.from(range)]);
};

/** Splits what a server sent into frames of fields. */
export const frames = (bytes: Buffer): string[][] => {
  const out: string[][] = [];
  for (let i = 0; i + 4 <= bytes.length; ) {
    const len = bytes.readUInt32BE(i);
    if (i + 4 + len > bytes.length) break;
    out.push(
      bytes
        .subarray(i + 4, i + 4 + len)
        .toString('utf8')
        .split('\0')
        .slice(0, -1),
    );
    i += 4 + len;
  }
  return out;
};

/** A raw TCP client: it sends whatever the test writes and keeps every byte it receives. */
export const rawClient = async (port: number) => {
  const sock = new Socket();
  const chunks: Buffer[] = [];
  let closed = false;
  sock.on('data', (d) => chunks.push(d));
  sock.on('close', () => {
    closed = true;
  });
  sock.on('error', () => {});
  await new Promise<void>((r) => sock.connect(port, '127.0.0.1', () => r()));
  const bytes = () => Buffer.concat(chunks);
  return {
    sock,
    bytes,
    frames: () => frames(bytes()),
    closed: () => closed,
    send: (fields: readonly (string | number)[]) => sock.write(encodeFrame(fields)),
    /** Handshake and START_API as @stoqey/ib sends them. */
    start: (clientId: number, range = 'v100..193') => {
      sock.write(handshakeBytes(range));
      sock.write(encodeFrame([71, 2, clientId, '']));
    },
  };
};
