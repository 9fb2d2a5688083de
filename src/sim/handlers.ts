// Routes each message (after START_API) to its handler. A handler either sends its answer or throws a
// RequestError, which the session answers as an ERR_MSG for that id.
import { accountSummary, accountUpdates, positions } from './account-handlers.js';
import { contractDetails, historical, mktData } from './data-handlers.js';
import type { HandlerContext } from './handler-context.js';
import { cancelOrder, executions, globalCancel, openOrders, placeOrder } from './order-handlers.js';
import {
  idAt,
  OUT,
  parseAutoOpenOrders,
  parseBare,
  parseCancelById,
  parseMarketDataType,
  parseReqIds,
  RequestError,
  UNSUPPORTED,
} from './requests.js';
import * as R from './responses.js';

export { onExecutionUpdate } from './account-handlers.js';
export { onNewDayTicks } from './data-handlers.js';
export { applyAfter, type HandlerContext, type SessionState } from './handler-context.js';

/** Serves one message (after START_API). Throws RequestError for IB-style errors. */
export const handleRequest = (ctx: HandlerContext, fields: string[]): void => {
  const { core, state } = ctx;
  const msgId = Number(fields[0]);
  switch (msgId) {
    case OUT.START_API:
      throw new RequestError(
        -1,
        320,
        'Error reading request: START_API was already received on this connection',
      );
    case OUT.REQ_IDS:
      parseReqIds(fields);
      ctx.send(R.nextValidId(core.broker.maxOrderId(state.clientId) + 1));
      return;
    case OUT.REQ_CURRENT_TIME:
      parseBare(fields, 'reqCurrentTime');
      ctx.send(R.currentTime(Math.floor(core.clock.now().getTime() / 1000)));
      return;
    case OUT.REQ_MANAGED_ACCTS:
      parseBare(fields, 'reqManagedAccts');
      ctx.send(R.managedAccounts(core.broker.account));
      return;
    case OUT.REQ_MARKET_DATA_TYPE:
      state.marketDataType = parseMarketDataType(fields);
      return;
    case OUT.REQ_ACCOUNT_SUMMARY:
      accountSummary(ctx, fields);
      return;
    case OUT.CANCEL_ACCOUNT_SUMMARY:
      state.accountSummaries.delete(parseCancelById(fields, 'cancelAccountSummary'));
      return;
    case OUT.REQ_ACCOUNT_DATA:
      accountUpdates(ctx, fields);
      return;
    case OUT.REQ_POSITIONS:
      positions(ctx, fields);
      return;
    case OUT.CANCEL_POSITIONS:
      parseBare(fields, 'cancelPositions');
      state.positions = false;
      return;
    case OUT.REQ_HISTORICAL_DATA:
      historical(ctx, fields);
      return;
    case OUT.CANCEL_HISTORICAL_DATA:
      // Daily requests finish at once; a cancel after the fact is harmless at IB too.
      parseCancelById(fields, 'cancelHistoricalData');
      return;
    case OUT.REQ_MKT_DATA:
      mktData(ctx, fields);
      return;
    case OUT.CANCEL_MKT_DATA: {
      const reqId = parseCancelById(fields, 'cancelMktData');
      if (!state.mktData.delete(reqId))
        throw new RequestError(reqId, 300, `Can't find EId with tickerId:${reqId}`);
      return;
    }
    case OUT.REQ_CONTRACT_DATA:
      contractDetails(ctx, fields);
      return;
    case OUT.PLACE_ORDER:
      placeOrder(ctx, fields);
      return;
    case OUT.CANCEL_ORDER:
      cancelOrder(ctx, fields);
      return;
    case OUT.REQ_GLOBAL_CANCEL:
      globalCancel(ctx, fields);
      return;
    case OUT.REQ_OPEN_ORDERS:
      openOrders(ctx, fields, false);
      return;
    case OUT.REQ_ALL_OPEN_ORDERS:
      openOrders(ctx, fields, true);
      return;
    case OUT.REQ_AUTO_OPEN_ORDERS:
      if (parseAutoOpenOrders(fields) && state.clientId !== 0)
        throw new RequestError(
          -1,
          321,
          'Error validating request: auto-binding TWS orders needs client id 0',
        );
      return;
    case OUT.REQ_EXECUTIONS:
      executions(ctx, fields);
      return;
    case OUT.SET_SERVER_LOGLEVEL:
    case OUT.REQ_NEWS_BULLETINS:
    case OUT.CANCEL_NEWS_BULLETINS:
      // Accepted with nothing to answer, as at IB (the simulator has no bulletins).
      return;
    default: {
      const known = UNSUPPORTED.get(msgId);
      if (known)
        throw new RequestError(
          idAt(fields, known.idAt),
          321,
          `Error validating request: ${known.name} is not supported by the IB Gateway simulator`,
        );
      throw new RequestError(
        -1,
        320,
        `Error reading request: message id ${fields[0]?.slice(0, 20)} is unknown`,
      );
    }
  }
};
