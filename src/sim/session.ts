// One client connection: the handshake, START_API, then each request through the handlers. Malformed bytes
// close this socket only; the simulator keeps serving everyone else.
import type { Socket } from 'node:net';
import { errorMessage, isHydraError } from '../errors.js';
import type { Logger } from '../log.js';
import type { BrokerEvent } from './broker.js';
import { createFrameReader, encodeFrame } from './codec.js';
import type { SessionHandle, SimCore } from './core.js';
import type { FaultTrigger } from './faults.js';
import {
  applyAfter,
  type HandlerContext,
  handleRequest,
  onExecutionUpdate,
  onNewDayTicks,
  type SessionState,
} from './handlers.js';
import { connectionTime, greeting, negotiate } from './handshake.js';
import { OUT, parseStartApi, RequestError } from './requests.js';
import * as R from './responses.js';

export const createSession = (socket: Socket, core: SimCore, log: Logger): SessionHandle => {
  const reader = createFrameReader();
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  let sv = 0;
  let closed = false;
  let ctx: HandlerContext | null = null;
  let unsubscribe: (() => void) | null = null;
  const timers = new Set<NodeJS.Timeout>();

  const send = (msg: R.Msg) => {
    if (closed) return;
    socket.write(encodeFrame(msg));
    core.stats.sent++;
  };
  const after = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const close = (why: string) => {
    if (closed) return;
    closed = true;
    log.info({ clientId: handle.clientId, peer, why }, 'client disconnected');
    socket.destroy();
  };
  const fire = (on: FaultTrigger) => core.faults.hit(on, { clientId: handle.clientId });

  const onBrokerEvent = (e: BrokerEvent) => {
    if (!ctx) return;
    const own = ctx.state.clientId;
    switch (e.kind) {
      case 'status':
        if (e.order.clientId === own) send(R.orderStatus(e.order));
        return;
      case 'open':
        if (e.order.clientId === own) send(R.openOrder(sv, e.order));
        return;
      case 'execution':
        if (e.execution.clientId === own) send(R.executionData(sv, -1, e.execution));
        onExecutionUpdate(ctx, e.execution.spec);
        return;
      case 'commission':
        if (e.execution.clientId === own) send(R.commissionReport(e.execution));
        return;
    }
  };

  const handle: SessionHandle = {
    clientId: null,
    onNewDay: () => {
      if (ctx && !closed) onNewDayTicks(ctx);
    },
    error: (id, code, message) => send(R.error(sv, id, code, message)),
    dropSubscriptions: () => ctx?.state.mktData.clear(),
    close,
  };

  const startApi = (fields: string[]) => {
    const { clientId } = parseStartApi(fields);
    if (core.clients.has(clientId)) {
      log.warn({ clientId, peer }, 'client id already in use: 326');
      send(
        R.error(
          sv,
          -1,
          326,
          'Unable to connect as the client id is already in use. Retry with a unique client id.',
        ),
      );
      after(10, () => close('client id in use'));
      return;
    }
    handle.clientId = clientId;
    const rules = fire('connect');
    if (rules.some((r) => r.action === 'refuse' || (r.action === 'drop' && r.phase === 'before'))) {
      core.stats.refused++;
      close('refused by the fault script');
      return;
    }
    const state: SessionState = {
      sv,
      clientId,
      marketDataType: 1,
      mktData: new Map(),
      accountSummaries: new Set(),
      accountUpdates: false,
      positions: false,
    };
    ctx = { core, state, log, send, drop: close, fire, after };
    core.clients.set(clientId, handle);
    unsubscribe = core.broker.subscribe(onBrokerEvent);
    let next: number | null = core.broker.maxOrderId(clientId) + 1;
    for (const r of rules) {
      if (r.action === 'noNextValidId') next = null;
      else if (r.action === 'rollbackNextValidId' && next !== null) next = r.to;
    }
    log.info({ clientId, peer, serverVersion: sv, nextValidId: next }, 'client connected');
    for (const m of greeting(sv, core.broker.account, next)) send(m);
    applyAfter(ctx, rules, 'connect');
  };

  const dispatch = (fields: string[]) => {
    if (!ctx) {
      if (Number(fields[0]) !== OUT.START_API)
        throw new RequestError(
          -1,
          320,
          `Error reading request: expected START_API (71) first, got message ${fields[0]?.slice(0, 20)}`,
        );
      startApi(fields);
      return;
    }
    const rules = fire('message');
    if (rules.some((r) => r.action === 'drop' && r.phase === 'before')) {
      close('fault script: drop on message');
      return;
    }
    try {
      handleRequest(ctx, fields);
    } finally {
      applyAfter(ctx, rules, 'message');
    }
  };

  const onData = (chunk: Buffer) => {
    if (closed) return;
    try {
      reader.push(chunk);
      if (sv === 0) {
        const hs = reader.handshake();
        if (!hs) return;
        const v = negotiate(hs, core.serverVersion);
        if (v === null) {
          close(
            `client versions ${hs.minVersion}..${hs.maxVersion} do not meet the simulator's ..${core.serverVersion}`,
          );
          return;
        }
        sv = v;
        send([sv, connectionTime(core.clock.now().getTime())]);
      }
      for (let fields = reader.next(); fields && !closed; fields = reader.next()) {
        core.stats.received++;
        try {
          dispatch(fields);
        } catch (err) {
          if (err instanceof RequestError) {
            log.debug(
              { clientId: handle.clientId, id: err.id, code: err.code, err: err.message },
              'request answered with an error',
            );
            send(R.error(sv, err.id, err.code, err.message));
            if (!ctx) close('protocol error before START_API');
          } else {
            log.error(
              { err: errorMessage(err), msgId: fields[0]?.slice(0, 20) },
              'simulator failed to serve a request',
            );
            send(
              R.error(sv, -1, 320, 'Error reading request: the simulator failed to serve it (see its log)'),
            );
          }
        }
      }
    } catch (err) {
      if (isHydraError(err, 'HYDRA_ERR_SIM_PROTOCOL')) {
        log.warn(
          { err: err.message, clientId: handle.clientId, peer },
          'malformed bytes from a client: closing its socket',
        );
        close(err.message);
        return;
      }
      log.error({ err: errorMessage(err) }, 'simulator session failed');
      close('internal error');
    }
  };

  socket.on('data', onData);
  socket.on('error', () => close('socket error'));
  socket.on('close', () => {
    if (!closed) log.info({ clientId: handle.clientId, peer }, 'client disconnected');
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    unsubscribe?.();
    if (handle.clientId !== null && core.clients.get(handle.clientId) === handle)
      core.clients.delete(handle.clientId);
  });
  return handle;
};
