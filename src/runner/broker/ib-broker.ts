// The only file that speaks @stoqey/ib. It is larger than most (≈350 lines) because it keeps every
// request/response correlation of the TWS API in one place; everything above it sees the Broker interface.
import { EventEmitter } from 'node:events';
import type { CommissionReport, Contract, ContractDetails, Execution, Order, OrderState } from '@stoqey/ib';
import { BarSizeSetting, EventName, IBApi, OrderAction, OrderType, WhatToShow } from '@stoqey/ib';
import { hydraError, isHydraError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { isOptionType, type SecType, type Side } from '../../plugins/facts.js';
import { sleep } from './backoff.js';
import { BENIGN_CODES, CONNECTIVITY, isBenign, ORDER_TERMINAL_CODES } from './ib-errors.js';
import { createPacer } from './pacing.js';
import type {
  AccountSnapshot,
  Broker,
  BrokerEvent,
  BrokerPosition,
  CommissionReportInfo,
  ConnectInfo,
  DailyBar,
  ExecutionReport,
  InstrumentSpec,
  OpenOrderInfo,
  OptionGreeks,
  Quote,
} from './types.js';

export interface IbBrokerOptions {
  host: string;
  port: number;
  clientId: number;
  log: Logger;
  /** Per-request timeout. @default 15000 */
  requestTimeoutMs?: number;
  /** How long to wait for nextValidId after the socket connects. @default 10000 */
  connectTimeoutMs?: number;
  /** Client-side message throttle. IB allows 50/s; the built-in simulator has no such limit. @default 45 */
  maxReqPerSec?: number;
  /** Wait before retrying a historical request refused for pacing (IB's identical-request window). @default 15000 */
  pacingRetryMs?: number;
}

// IB's "unset" double (Double.MAX_VALUE) marks realized P&L on opening fills.
const UNSET_DOUBLE = 1.7e308;
const FIRST_REQ_ID = 9000;

const sideOf = (s: string | undefined): Side => (s === 'SLD' || s === 'SELL' ? 'SELL' : 'BUY');
const secTypeOf = (s: string | undefined): SecType => (s === 'FUT' || s === 'OPT' || s === 'FOP' ? s : 'STK');

const finite = (v: number | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e300 ? v : null;

/**
 * tickOptionComputation's arguments after (reqId, field), as @stoqey/ib passes them: tickAttrib, impliedVol,
 * delta, optPrice, pvDividend, gamma, vega, theta, undPrice; IB's "not computed" sentinels arrive as undefined.
 */
export const optionGreeksOf = (rest: readonly (number | undefined)[]): OptionGreeks => {
  const [, impliedVol, delta, optPrice, , gamma, vega, theta, undPrice] = rest;
  return {
    impliedVol: finite(impliedVol),
    delta: finite(delta),
    optPrice: finite(optPrice),
    gamma: finite(gamma),
    vega: finite(vega),
    theta: finite(theta),
    undPrice: finite(undPrice),
  };
};

/** An option contract's right, strike and expiry as IB sends them in positions (right may be C/P or CALL/PUT). */
const optionOf = (c: Contract): BrokerPosition['option'] => {
  if (!isOptionType(String(c.secType ?? ''))) return null;
  const right = String(c.right ?? '').toUpperCase();
  if (right !== 'C' && right !== 'P' && right !== 'CALL' && right !== 'PUT') return null;
  return {
    right: right.startsWith('C') ? 'C' : 'P',
    strike: Number(c.strike),
    expiry: String(c.lastTradeDateOrContractMonth ?? ''),
  };
};

/** IB's execution time "yyyyMMdd HH:mm:ss [zone]" (or "yyyyMMdd-HH:mm:ss" UTC) → Date. */
export const parseIbTime = (s: string | undefined): Date => {
  const m = /^(\d{4})(\d{2})(\d{2})[ -]+(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?/.exec(s ?? '');
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, se, zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (!zone || zone === 'UTC' || zone === 'GMT') return new Date(utc);
  // Resolve the zone's offset at that wall time (two passes settle DST edges).
  const offset = (t: number) => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(t));
    const g = (k: string) => Number(p.find((x) => x.type === k)?.value);
    return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - t;
  };
  try {
    const first = utc - offset(utc);
    return new Date(utc - offset(first));
  } catch {
    return new Date(utc);
  }
};

const ibDate = (d: string): string => `${d.replaceAll('-', '')}`;
const isoDate = (ib: string): string => `${ib.slice(0, 4)}-${ib.slice(4, 6)}-${ib.slice(6, 8)}`;

const toContract = (i: InstrumentSpec): Contract =>
  (i.conId
    ? { conId: i.conId, exchange: i.exchange }
    : {
        symbol: i.symbol,
        secType: i.secType as Contract['secType'],
        exchange: i.exchange,
        currency: i.currency,
        ...(i.expiry ? { lastTradeDateOrContractMonth: i.expiry } : {}),
      }) as Contract;

export const createIbBroker = (opts: IbBrokerOptions): Broker => memoInstruments(createIbBrokerRaw(opts));

const createIbBrokerRaw = (opts: IbBrokerOptions): Broker => {
  const log = opts.log.child({ unit: 'broker', clientId: opts.clientId });
  const timeoutMs = opts.requestTimeoutMs ?? 15_000;
  // IB allows 50 messages a second; the library's default throttle is 40. Stay just under the limit.
  const ib = new IBApi({ host: opts.host, port: opts.port, maxReqPerSec: opts.maxReqPerSec ?? 45 });
  let lastInfo: ConnectInfo | null = null;
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const pacer = createPacer();
  let reqSeq = FIRST_REQ_ID;
  let nextId = 0;
  let connected = false;
  let serverVersion = 0;
  let connectionTime = '';
  const emit = (e: BrokerEvent) => bus.emit('event', e);

  /** Request-scoped failures by reqId: the pending request rejects with IB's code kept. */
  const requestErrors = new EventEmitter();
  requestErrors.setMaxListeners(200);

  ib.on(EventName.error, (err: Error, code: number, reqId: number) => {
    if (reqId !== undefined && reqId >= FIRST_REQ_ID) {
      requestErrors.emit(String(reqId), code, err.message);
      return;
    }
    if (reqId !== undefined && reqId > 0) {
      if (ORDER_TERMINAL_CODES.has(code) || !isBenign(code))
        emit({ type: 'orderError', orderId: reqId, code, message: err.message, at: new Date() });
      return;
    }
    if (code === 326) log.error({ code }, 'client id already in use at the gateway');
    else if (!BENIGN_CODES.has(code)) log.warn({ code, reqId, msg: err.message }, 'IB error');
  });
  ib.on(EventName.info, (message: string, code: number) => {
    const state = CONNECTIVITY[code];
    if (state) {
      log.warn({ code, message }, 'gateway connectivity changed');
      emit({ type: 'connectivity', state, code, message, at: new Date() });
    } else if (code === 326) {
      log.error({ code, message }, 'client id already in use at the gateway');
      requestErrors.emit('connect', code, message);
    }
  });
  ib.on(EventName.disconnected, () => {
    if (!connected) return;
    connected = false;
    emit({
      type: 'connectivity',
      state: 'disconnected',
      code: null,
      message: 'socket closed',
      at: new Date(),
    });
  });
  ib.on(EventName.nextValidId, (id: number) => {
    nextId = Math.max(nextId, id);
  });
  ib.on(EventName.server, (v: number, t: string) => {
    serverVersion = v;
    connectionTime = t;
  });
  ib.on(
    EventName.orderStatus,
    (
      orderId: number,
      status: string,
      filled: number,
      remaining: number,
      avgFillPrice: number,
      permId?: number,
    ) =>
      emit({
        type: 'orderStatus',
        orderId,
        status,
        filled,
        remaining,
        avgFillPrice,
        permId: permId ?? null,
        at: new Date(),
      }),
  );
  ib.on(EventName.openOrder, (orderId: number, contract: Contract, order: Order, state: OrderState) =>
    emit({ type: 'openOrder', order: openOrderInfo(orderId, contract, order, state), at: new Date() }),
  );
  ib.on(EventName.execDetails, (_reqId: number, contract: Contract, execution: Execution) =>
    emit({ type: 'execution', execution: executionReport(contract, execution), at: new Date() }),
  );
  ib.on(EventName.commissionReport, (r: CommissionReport) =>
    emit({ type: 'commission', report: commissionInfo(r), at: new Date() }),
  );

  /**
   * One request → events until an end marker. Rejects with a coded error carrying IB's code on an error
   * for its reqId, and with HYDRA_ERR_BROKER_TIMEOUT when nothing ends it in time.
   */
  const request = <T>(
    what: string,
    send: (reqId: number) => void,
    collect: (reqId: number, done: (v: T) => void) => () => void,
  ): Promise<T> => {
    if (!connected)
      return Promise.reject(
        hydraError('HYDRA_ERR_BROKER_DISCONNECTED', `${what}: not connected to the gateway`, {}),
      );
    const reqId = reqSeq++;
    return new Promise<T>((resolve, reject) => {
      let cleanup = () => {};
      const timer = setTimeout(() => {
        cleanup();
        reject(
          hydraError(
            'HYDRA_ERR_BROKER_TIMEOUT',
            `${what}: no answer from the gateway within ${timeoutMs} ms`,
            { reqId },
          ),
        );
      }, timeoutMs);
      const onError = (code: number, message: string) => {
        if (isBenign(code)) return;
        cleanup();
        reject(
          hydraError('HYDRA_ERR_BROKER', `${what}: IB error ${code}: ${message}`, { ibCode: code, reqId }),
        );
      };
      requestErrors.on(String(reqId), onError);
      const stop = collect(reqId, (v) => {
        cleanup();
        resolve(v);
      });
      cleanup = () => {
        clearTimeout(timer);
        requestErrors.off(String(reqId), onError);
        stop();
      };
      send(reqId);
    });
  };

  /** Subscribes to an IBApi event for the duration of one request. */
  const emitter = ib as unknown as EventEmitter;
  const listen = (event: EventName, fn: (...args: never[]) => void): (() => void) => {
    emitter.on(event, fn as (...args: unknown[]) => void);
    return () => emitter.off(event, fn as (...args: unknown[]) => void);
  };

  const connect = (): Promise<ConnectInfo> =>
    new Promise<ConnectInfo>((resolve, reject) => {
      let accounts: string[] = [];
      const connectTimeout = opts.connectTimeoutMs ?? 10_000;
      const offs: (() => void)[] = [];
      const finish = (err: Error | null) => {
        clearTimeout(timer);
        for (const off of offs) off();
        if (err) {
          ib.disconnect();
          reject(err);
          return;
        }
        connected = true;
        resolve({ serverVersion, connectionTime, accounts, nextOrderId: nextId, clientId: opts.clientId });
      };
      const timer = setTimeout(
        () =>
          finish(
            hydraError(
              'HYDRA_ERR_BROKER_TIMEOUT',
              `connected to ${opts.host}:${opts.port} but the gateway sent no nextValidId within ${connectTimeout} ms: it may be waiting for login or 2FA`,
              { host: opts.host, port: opts.port },
            ),
          ),
        connectTimeout,
      );
      offs.push(
        listen(
          EventName.managedAccounts,
          (list: string) => (accounts = list.split(',').filter((a) => a !== '')),
        ),
      );
      offs.push(listen(EventName.nextValidId, () => finish(null)));
      const on326 = (code: number, message: string) =>
        finish(
          hydraError(
            'HYDRA_ERR_BROKER',
            `client id ${opts.clientId} is already in use at the gateway: ${message}`,
            { ibCode: code },
          ),
        );
      requestErrors.on('connect', on326);
      offs.push(() => requestErrors.off('connect', on326));
      const onSocketError = (err: Error, code: number, reqId: number) => {
        if (code === 502 || (reqId === -1 && /ECONNREFUSED|connect/i.test(err.message) && !connected)) {
          finish(
            hydraError(
              'HYDRA_ERR_BROKER_DISCONNECTED',
              `cannot connect to the gateway at ${opts.host}:${opts.port}: ${err.message}`,
              { ibCode: code },
            ),
          );
        }
      };
      offs.push(listen(EventName.error, onSocketError));
      offs.push(
        listen(EventName.disconnected, () =>
          finish(
            hydraError(
              'HYDRA_ERR_BROKER_DISCONNECTED',
              `the gateway at ${opts.host}:${opts.port} closed the connection during the handshake`,
              {},
            ),
          ),
        ),
      );
      ib.connect(opts.clientId);
    });

  return {
    host: opts.host,
    port: opts.port,
    clientId: opts.clientId,
    connect: async () => {
      // One connection serves consecutive cycles (a backfill); each cycle still checks the mode truth.
      if (connected && lastInfo) return lastInfo;
      const info = await connect();
      lastInfo = info;
      log.info(
        { serverVersion: info.serverVersion, accounts: info.accounts, nextOrderId: info.nextOrderId },
        'connected to the gateway',
      );
      emit({
        type: 'connectivity',
        state: 'connected',
        code: null,
        message: `server version ${info.serverVersion}`,
        at: new Date(),
      });
      return info;
    },
    disconnect: async () => {
      connected = false;
      ib.disconnect();
    },
    isConnected: () => connected,
    nextOrderId: (floor = 0) => {
      nextId = Math.max(nextId, floor);
      return nextId++;
    },
    accountSnapshot: (account) =>
      request<AccountSnapshot>(
        'account summary',
        (id) => ib.reqAccountSummary(id, 'All', 'NetLiquidation,TotalCashValue'),
        (id, done) => {
          const snap: AccountSnapshot = {
            account,
            netLiquidation: Number.NaN,
            cash: Number.NaN,
            currency: 'USD',
          };
          const offA = listen(
            EventName.accountSummary,
            (reqId: number, acct: string, tag: string, value: string, currency: string) => {
              if (reqId !== id || acct !== account) return;
              if (tag === 'NetLiquidation') {
                snap.netLiquidation = Number(value);
                snap.currency = currency || snap.currency;
              } else if (tag === 'TotalCashValue') snap.cash = Number(value);
            },
          );
          const offE = listen(EventName.accountSummaryEnd, (reqId: number) => {
            if (reqId !== id) return;
            ib.cancelAccountSummary(id);
            done(snap);
          });
          return () => {
            offA();
            offE();
          };
        },
      ),
    positions: () =>
      request<BrokerPosition[]>(
        'positions',
        () => ib.reqPositions(),
        (_id, done) => {
          const out: BrokerPosition[] = [];
          const offP = listen(
            EventName.position,
            (account: string, c: Contract, pos: number, avgCost?: number) => {
              const multiplier = Number(c.multiplier) || 1;
              out.push({
                account,
                symbol: c.symbol ?? '',
                secType: secTypeOf(c.secType),
                quantity: pos,
                avgCost: (avgCost ?? 0) / multiplier,
                multiplier,
                conId: c.conId ?? null,
                option: optionOf(c),
              });
            },
          );
          const offE = listen(EventName.positionEnd, () => {
            ib.cancelPositions();
            done(out);
          });
          return () => {
            offP();
            offE();
          };
        },
      ),
    instrument: async (symbol) => {
      const lookup = (secType: string, exchange: string) =>
        request<InstrumentSpec>(
          `contract details for ${symbol}`,
          (id) =>
            ib.reqContractDetails(id, {
              symbol,
              secType: secType as Contract['secType'],
              exchange,
              currency: 'USD',
            } as Contract),
          (id, done) => {
            let found: InstrumentSpec | null = null;
            const offD = listen(EventName.contractDetails, (reqId: number, d: ContractDetails) => {
              if (reqId !== id || found) return;
              const c = d.contract;
              found = {
                symbol: c.symbol ?? symbol,
                secType: secTypeOf(c.secType),
                exchange: c.exchange || 'SMART',
                currency: c.currency || 'USD',
                multiplier: Number(c.multiplier) || 1,
                conId: c.conId ?? null,
                expiry: c.lastTradeDateOrContractMonth?.split(/\s+/)[0] ?? null,
              };
            });
            const offE = listen(EventName.contractDetailsEnd, (reqId: number) => {
              if (reqId !== id) return;
              if (found) done(found);
              else requestErrors.emit(String(id), 200, `no security definition for ${symbol}`);
            });
            return () => {
              offD();
              offE();
            };
          },
        );
      // A bare symbol is a stock first, then a future (front month), as a trader would mean it.
      try {
        return await lookup('STK', 'SMART');
      } catch (err) {
        if (!(isHydraError(err, 'HYDRA_ERR_BROKER') && err.details.ibCode === 200)) throw err;
        return lookup('FUT', '');
      }
    },
    dailyBars: async (instrument, endDate, days) => {
      const duration = days > 365 ? `${Math.ceil(days / 252)} Y` : `${Math.max(1, days)} D`;
      const end = endDate ? `${ibDate(endDate)}-23:59:59` : '';
      await pacer.acquire(instrument.symbol, `${instrument.symbol}|${end}|${duration}`);
      const ask = () =>
        request<DailyBar[]>(
          `daily bars for ${instrument.symbol}`,
          (id) =>
            ib.reqHistoricalData(
              id,
              toContract(instrument),
              end,
              duration,
              BarSizeSetting.DAYS_ONE,
              WhatToShow.TRADES,
              1,
              1,
              false,
            ),
          (id, done) => {
            const bars: DailyBar[] = [];
            return listen(
              EventName.historicalData,
              (
                reqId: number,
                time: string,
                open: number,
                high: number,
                low: number,
                close: number,
                volume: number,
              ) => {
                if (reqId !== id) return;
                if (time.startsWith('finished')) done(bars);
                else bars.push({ date: isoDate(time), open, high, low, close, volume });
              },
            );
          },
        );
      // Another process (a restart) may have asked the same thing seconds ago: IB answers 162 until its
      // 15 s window passes. Wait it out once rather than failing the symbol.
      try {
        return await ask();
      } catch (err) {
        if (
          !(
            isHydraError(err, 'HYDRA_ERR_BROKER') &&
            err.details.ibCode === 162 &&
            /pacing/i.test(err.message)
          )
        )
          throw err;
        log.warn(
          { symbol: instrument.symbol },
          'historical data pacing violation; retrying after the pacing window',
        );
        await sleep(opts.pacingRetryMs ?? 15_000);
        return ask();
      }
    },
    optionGreeks: async (options) => {
      const out = new Map<number, OptionGreeks>();
      for (const p of options) {
        if (p.conId === null) continue;
        const conId = p.conId;
        const g = await request<OptionGreeks | null>(
          `option Greeks for ${p.symbol} ${p.option?.expiry ?? ''} ${p.option?.strike ?? ''}${p.option?.right ?? ''}`,
          (id) => ib.reqMktData(id, { conId, exchange: '' } as Contract, '', true, false),
          (id, done) => {
            let model: OptionGreeks | null = null;
            const offG = listen(
              EventName.tickOptionComputation,
              (reqId: number, field: number, ...rest: (number | undefined)[]) => {
                // 13 = model (83 delayed); bid/ask/last computations are at those prices' implied vols.
                if (reqId !== id || (field !== 13 && field !== 83)) return;
                model = optionGreeksOf(rest);
              },
            );
            const offE = listen(EventName.tickSnapshotEnd, (reqId: number) => reqId === id && done(model));
            return () => {
              offG();
              offE();
            };
          },
        );
        if (g) out.set(conId, g);
      }
      return out;
    },
    quote: (instrument) =>
      request<Quote>(
        `quote for ${instrument.symbol}`,
        (id) => ib.reqMktData(id, toContract(instrument), '', true, false),
        (id, done) => {
          const q: Quote = { bid: null, ask: null, last: null, close: null };
          const offT = listen(EventName.tickPrice, (reqId: number, field: number, value: number) => {
            if (reqId !== id || !(value > 0)) return;
            if (field === 1 || field === 66) q.bid = value;
            else if (field === 2 || field === 67) q.ask = value;
            else if (field === 4 || field === 68) q.last = value;
            else if (field === 9 || field === 75) q.close = value;
          });
          const offE = listen(EventName.tickSnapshotEnd, (reqId: number) => reqId === id && done(q));
          return () => {
            offT();
            offE();
          };
        },
      ),
    placeOrder: (o) => {
      if (!connected)
        throw hydraError(
          'HYDRA_ERR_BROKER_DISCONNECTED',
          `cannot place ${o.orderRef}: not connected to the gateway`,
          {},
        );
      const order: Order = {
        action: o.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
        totalQuantity: o.quantity,
        orderType: o.orderType === 'LMT' ? OrderType.LMT : OrderType.MKT,
        ...(o.orderType === 'LMT' && o.limitPrice !== null ? { lmtPrice: o.limitPrice } : {}),
        tif: 'DAY',
        orderRef: o.orderRef,
        // transmit must be explicit: undefined is sent as "" and IB then holds the order untransmitted.
        transmit: true,
      } as Order;
      ib.placeOrder(o.orderId, toContract(o.instrument), order);
    },
    cancelOrder: (orderId) => {
      if (connected) ib.cancelOrder(orderId);
    },
    openOrders: () =>
      request<OpenOrderInfo[]>(
        'open orders',
        () => ib.reqOpenOrders(),
        (_id, done) => {
          const out = new Map<number, OpenOrderInfo>();
          const offO = listen(EventName.openOrder, (orderId: number, c: Contract, o: Order, s: OrderState) =>
            out.set(orderId, openOrderInfo(orderId, c, o, s)),
          );
          const offE = listen(EventName.openOrderEnd, () => done([...out.values()]));
          return () => {
            offO();
            offE();
          };
        },
      ),
    executions: (since, filter: { allClients?: boolean } = {}) =>
      request<{ executions: ExecutionReport[]; commissions: CommissionReportInfo[] }>(
        'executions',
        (id) =>
          ib.reqExecutions(id, {
            // 0 = every client (and manual TWS trades): reconciliation wants the account's whole day.
            clientId: String(filter.allClients ? 0 : opts.clientId),
            ...(since
              ? {
                  time: `${since.toISOString().slice(0, 10).replaceAll('-', '')}-${since.toISOString().slice(11, 19)}`,
                }
              : {}),
          }),
        (id, done) => {
          const executions: ExecutionReport[] = [];
          const commissions: CommissionReportInfo[] = [];
          const offX = listen(
            EventName.execDetails,
            (reqId: number, c: Contract, e: Execution) =>
              reqId === id && executions.push(executionReport(c, e)),
          );
          const offC = listen(EventName.commissionReport, (r: CommissionReport) =>
            commissions.push(commissionInfo(r)),
          );
          const offE = listen(
            EventName.execDetailsEnd,
            (reqId: number) => reqId === id && done({ executions, commissions }),
          );
          return () => {
            offX();
            offC();
            offE();
          };
        },
      ),
    subscribe: (listener) => {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
  };
};

const openOrderInfo = (orderId: number, c: Contract, o: Order, s: OrderState): OpenOrderInfo => ({
  orderId,
  permId: o.permId ?? null,
  orderRef: o.orderRef ?? null,
  symbol: c.symbol ?? '',
  side: sideOf(o.action),
  quantity: Number(o.totalQuantity ?? 0),
  status: String(s.status ?? ''),
});

const executionReport = (c: Contract, e: Execution): ExecutionReport => ({
  execId: e.execId ?? '',
  orderId: e.orderId ?? 0,
  permId: e.permId ?? null,
  orderRef: e.orderRef ?? null,
  symbol: c.symbol ?? '',
  secType: secTypeOf(c.secType),
  side: sideOf(e.side),
  quantity: e.shares ?? 0,
  price: e.price ?? 0,
  cumQty: e.cumQty ?? 0,
  avgPrice: e.avgPrice ?? 0,
  time: parseIbTime(e.time),
  exchange: e.exchange ?? '',
  clientId: e.clientId ?? null,
});

const commissionInfo = (r: CommissionReport): CommissionReportInfo => ({
  execId: r.execId ?? '',
  commission: r.commission ?? 0,
  currency: r.currency ?? 'USD',
  realizedPnl: r.realizedPNL === undefined || r.realizedPNL >= UNSET_DOUBLE ? null : r.realizedPNL,
});

/** Contract details do not change within a session: ask once per symbol (failures are not cached). */
const memoInstruments = (broker: Broker): Broker => {
  const cache = new Map<string, Promise<InstrumentSpec>>();
  return {
    ...broker,
    instrument: (symbol) => {
      const hit = cache.get(symbol);
      if (hit) return hit;
      const p = broker.instrument(symbol);
      cache.set(symbol, p);
      p.catch(() => cache.delete(symbol));
      return p;
    },
  };
};
