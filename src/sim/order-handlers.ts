// Order requests: placeOrder (new or a modification), cancelOrder, reqGlobalCancel, open orders, executions.
import { isWorking, type SimOrder, type TimeInForce } from './broker.js';
import { parseIbDateTime } from './calendar.js';
import { type HandlerContext, resolve, underFaults } from './handler-context.js';
import {
  parseBare,
  parseCancelOrder,
  parseExecutions,
  parseGlobalCancel,
  parsePlaceOrder,
  RequestError,
} from './requests.js';
import * as R from './responses.js';

const TIFS: ReadonlySet<string> = new Set(['DAY', 'GTC', 'IOC']);

export const placeOrder = (ctx: HandlerContext, fields: string[]) => {
  const { core, state, log } = ctx;
  const rq = parsePlaceOrder(fields, state.sv);
  underFaults(ctx, 'placeOrder', rq.orderId, (rules) => {
    const b = core.broker;
    if (!(rq.orderId > 0))
      throw new RequestError(
        rq.orderId,
        321,
        'Error validating request: the order id must be a positive integer',
      );
    const spec = resolve(ctx, rq.contract, rq.orderId);
    if (rq.action !== 'BUY' && rq.action !== 'SELL')
      throw new RequestError(
        rq.orderId,
        321,
        `Error validating request: invalid action "${rq.action}" (BUY or SELL)`,
      );
    if (rq.orderType !== 'MKT' && rq.orderType !== 'LMT')
      throw new RequestError(
        rq.orderId,
        321,
        `Error validating request: order type ${rq.orderType || '(empty)'} is not supported by the simulator (MKT, LMT)`,
      );
    if (!(rq.quantity > 0) || !Number.isInteger(rq.quantity))
      throw new RequestError(
        rq.orderId,
        321,
        `Error validating request: total quantity ${rq.quantity} must be a positive whole number`,
      );
    const tif = rq.tif === '' ? 'DAY' : rq.tif;
    if (!TIFS.has(tif))
      throw new RequestError(
        rq.orderId,
        321,
        `Error validating request: time in force ${tif} is not supported by the simulator (DAY, GTC, IOC)`,
      );
    if (rq.orderType === 'LMT') {
      if (rq.limitPrice === null || !(rq.limitPrice > 0))
        throw new RequestError(
          rq.orderId,
          321,
          'Error validating request: a LMT order needs a positive limit price',
        );
      const ticks = rq.limitPrice / spec.minTick;
      if (Math.abs(ticks - Math.round(ticks)) > 1e-6)
        throw new RequestError(
          rq.orderId,
          110,
          `The price does not conform to the minimum price variation for this contract (${spec.minTick}).`,
        );
    }
    if (rq.parentId !== 0)
      throw new RequestError(
        rq.orderId,
        321,
        'Error validating request: child orders (parentId) are not supported by the simulator',
      );
    if (rq.account !== '' && rq.account !== b.account)
      throw new RequestError(
        rq.orderId,
        321,
        `Error validating request: account ${rq.account} is not managed by this gateway`,
      );
    const limitPrice = rq.orderType === 'LMT' ? rq.limitPrice : null;
    const existing = b.findOrder(state.clientId, rq.orderId);
    if (existing && isWorking(existing)) {
      if (existing.spec.conId !== spec.conId || existing.side !== rq.action)
        throw new RequestError(rq.orderId, 105, 'Order being modified does not match original order');
      if (rq.quantity < existing.filled)
        throw new RequestError(
          rq.orderId,
          321,
          `Error validating request: quantity ${rq.quantity} is below the ${existing.filled} already filled`,
        );
      log.info(
        { clientId: state.clientId, orderId: rq.orderId, quantity: rq.quantity, limitPrice },
        'order modified',
      );
      b.modify(existing, {
        quantity: rq.quantity,
        orderType: rq.orderType,
        limitPrice,
        tif: tif as TimeInForce,
        transmit: rq.transmit,
      });
      return;
    }
    if (existing || rq.orderId <= b.maxOrderId(state.clientId))
      throw new RequestError(rq.orderId, 103, `Duplicate order id ${rq.orderId}`);
    const reject = rules.find((r) => r.action === 'reject');
    const fillDelayMs = rules.reduce((ms, r) => (r.action === 'delayFills' ? ms + r.ms : ms), 0);
    log.info(
      {
        clientId: state.clientId,
        orderId: rq.orderId,
        symbol: spec.symbol,
        side: rq.action,
        quantity: rq.quantity,
        type: rq.orderType,
        limitPrice,
        tif,
        orderRef: rq.orderRef,
        ...(reject ? { rejected: true } : {}),
        ...(rq.transmit ? {} : { held: 'transmit=0' }),
      },
      'order received',
    );
    const order: SimOrder = b.place(
      {
        clientId: state.clientId,
        orderId: rq.orderId,
        spec,
        side: rq.action,
        quantity: rq.quantity,
        orderType: rq.orderType,
        limitPrice,
        tif: tif as TimeInForce,
        orderRef: rq.orderRef,
        account: b.account,
      },
      { fillDelayMs, transmit: rq.transmit, rejecting: reject !== undefined },
    );
    if (reject && reject.action === 'reject') {
      ctx.send(R.error(state.sv, rq.orderId, reject.code, reject.message));
      b.reject(order);
    }
  });
};

export const cancelOrder = (ctx: HandlerContext, fields: string[]) => {
  const orderId = parseCancelOrder(fields, ctx.state.sv);
  underFaults(ctx, 'cancelOrder', orderId, () => {
    const res = ctx.core.broker.cancel(ctx.state.clientId, orderId);
    if (res.ok) {
      ctx.log.info({ clientId: ctx.state.clientId, orderId }, 'order cancelled');
      ctx.send(R.error(ctx.state.sv, orderId, 202, 'Order Canceled - reason:'));
    } else if (res.reason === 'not-cancellable')
      throw new RequestError(
        orderId,
        161,
        `Cancel attempted when order is not in a cancellable state.  Order permId =${res.order.permId}`,
      );
    else
      throw new RequestError(orderId, 10147, `OrderId ${orderId} that needs to be cancelled is not found.`);
  });
};

export const globalCancel = (ctx: HandlerContext, fields: string[]) => {
  parseGlobalCancel(fields, ctx.state.sv);
  const b = ctx.core.broker;
  for (const o of b.openOrders()) {
    const res = b.cancel(o.clientId, o.orderId);
    const owner = ctx.core.clients.get(o.clientId);
    if (res.ok && owner) owner.error(o.orderId, 202, 'Order Canceled - reason:');
  }
};

export const openOrders = (ctx: HandlerContext, fields: string[], all: boolean) => {
  parseBare(fields, all ? 'reqAllOpenOrders' : 'reqOpenOrders');
  for (const o of ctx.core.broker.openOrders(all ? undefined : ctx.state.clientId)) {
    ctx.send(R.openOrder(ctx.state.sv, o));
    ctx.send(R.orderStatus(o));
  }
  ctx.send(R.openOrderEnd());
};

export const executions = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseExecutions(fields, parseIbDateTime);
  underFaults(ctx, 'reqExecutions', rq.reqId, () => {
    // Like IB: the current trading day's executions (since midnight), as the filter narrows them.
    const day = ctx.core.clock.today();
    const side = rq.side === 'BOT' ? 'BUY' : rq.side === 'SLD' ? 'SELL' : rq.side;
    for (const x of ctx.core.broker.executions()) {
      if (x.tradingDate !== day) continue;
      if (rq.clientId !== null && rq.clientId !== 0 && x.clientId !== rq.clientId) continue;
      if (rq.since !== null && x.time < rq.since) continue;
      if (rq.symbol !== '' && rq.symbol !== x.spec.symbol) continue;
      if (rq.secType !== '' && rq.secType !== x.spec.secType) continue;
      if (rq.exchange !== '' && rq.exchange !== x.spec.exchange && rq.exchange !== 'ISLAND') continue;
      if (side !== '' && side !== x.side) continue;
      if (rq.account !== '' && rq.account !== x.account) continue;
      ctx.send(R.executionData(ctx.state.sv, rq.reqId, x));
      ctx.send(R.commissionReport(x));
    }
    ctx.send(R.executionDataEnd(rq.reqId));
  });
};
