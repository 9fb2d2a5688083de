// Client → server parsers. Each takes the fields of one frame (index 0 = message id) and returns a typed
// request, or throws a RequestError carrying the IB code and the request id to answer with. Parsers are
// positional and strict: a message with fields left over is refused, so a protocol drift fails loudly.

/** An IB error answer to one request (not a simulator failure): an ERR_MSG with this id and code. */
export class RequestError extends Error {
  constructor(
    readonly id: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Message ids the client sends (EClient's outgoing ids). */
export const OUT = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_OPEN_ORDERS: 5,
  REQ_ACCOUNT_DATA: 6,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_CONTRACT_DATA: 9,
  REQ_NEWS_BULLETINS: 12,
  CANCEL_NEWS_BULLETINS: 13,
  SET_SERVER_LOGLEVEL: 14,
  REQ_AUTO_OPEN_ORDERS: 15,
  REQ_ALL_OPEN_ORDERS: 16,
  REQ_MANAGED_ACCTS: 17,
  REQ_HISTORICAL_DATA: 20,
  CANCEL_HISTORICAL_DATA: 25,
  REQ_CURRENT_TIME: 49,
  REQ_GLOBAL_CANCEL: 58,
  REQ_MARKET_DATA_TYPE: 59,
  REQ_POSITIONS: 61,
  REQ_ACCOUNT_SUMMARY: 62,
  CANCEL_ACCOUNT_SUMMARY: 63,
  CANCEL_POSITIONS: 64,
  START_API: 71,
} as const;

/**
 * Requests the simulator knows but does not serve, with the index of their request id (null: none).
 * Each is answered with an error for that id, never dropped.
 */
export const UNSUPPORTED: ReadonlyMap<number, { name: string; idAt: number | null }> = new Map([
  [10, { name: 'reqMktDepth', idAt: 2 }],
  [11, { name: 'cancelMktDepth', idAt: 2 }],
  [18, { name: 'requestFA', idAt: null }],
  [19, { name: 'replaceFA', idAt: 4 }],
  [21, { name: 'exerciseOptions', idAt: 2 }],
  [22, { name: 'reqScannerSubscription', idAt: 1 }],
  [23, { name: 'cancelScannerSubscription', idAt: 2 }],
  [24, { name: 'reqScannerParameters', idAt: null }],
  [50, { name: 'reqRealTimeBars', idAt: 2 }],
  [51, { name: 'cancelRealTimeBars', idAt: 2 }],
  [52, { name: 'reqFundamentalData', idAt: 2 }],
  [53, { name: 'cancelFundamentalData', idAt: 2 }],
  [54, { name: 'calculateImpliedVolatility', idAt: 2 }],
  [55, { name: 'calculateOptionPrice', idAt: 2 }],
  [56, { name: 'cancelCalculateImpliedVolatility', idAt: 2 }],
  [57, { name: 'cancelCalculateOptionPrice', idAt: 2 }],
  [67, { name: 'queryDisplayGroups', idAt: 2 }],
  [68, { name: 'subscribeToGroupEvents', idAt: 2 }],
  [69, { name: 'updateDisplayGroup', idAt: 2 }],
  [70, { name: 'unsubscribeFromGroupEvents', idAt: 2 }],
  [74, { name: 'reqPositionsMulti', idAt: 2 }],
  [75, { name: 'cancelPositionsMulti', idAt: 2 }],
  [76, { name: 'reqAccountUpdatesMulti', idAt: 2 }],
  [77, { name: 'cancelAccountUpdatesMulti', idAt: 2 }],
  [78, { name: 'reqSecDefOptParams', idAt: 1 }],
  [79, { name: 'reqSoftDollarTiers', idAt: 1 }],
  [80, { name: 'reqFamilyCodes', idAt: null }],
  [81, { name: 'reqMatchingSymbols', idAt: 1 }],
  [82, { name: 'reqMktDepthExchanges', idAt: null }],
  [83, { name: 'reqSmartComponents', idAt: 1 }],
  [84, { name: 'reqNewsArticle', idAt: 1 }],
  [85, { name: 'reqNewsProviders', idAt: null }],
  [86, { name: 'reqHistoricalNews', idAt: 1 }],
  [87, { name: 'reqHeadTimestamp', idAt: 1 }],
  [88, { name: 'reqHistogramData', idAt: 1 }],
  [89, { name: 'cancelHistogramData', idAt: 1 }],
  [90, { name: 'cancelHeadTimestamp', idAt: 1 }],
  [91, { name: 'reqMarketRule', idAt: null }],
  [92, { name: 'reqPnL', idAt: 1 }],
  [93, { name: 'cancelPnL', idAt: 1 }],
  [94, { name: 'reqPnLSingle', idAt: 1 }],
  [95, { name: 'cancelPnLSingle', idAt: 1 }],
  [96, { name: 'reqHistoricalTicks', idAt: 1 }],
  [97, { name: 'reqTickByTickData', idAt: 1 }],
  [98, { name: 'cancelTickByTickData', idAt: 1 }],
  [99, { name: 'reqCompletedOrders', idAt: null }],
  [100, { name: 'reqWshMetaData', idAt: 1 }],
  [101, { name: 'cancelWshMetaData', idAt: 1 }],
  [102, { name: 'reqWshEventData', idAt: 1 }],
  [103, { name: 'cancelWshEventData', idAt: 1 }],
  [104, { name: 'reqUserInfo', idAt: 1 }],
]);

export interface ContractRef {
  conId: number | null;
  symbol: string;
  secType: string;
  lastTradeDateOrContractMonth: string;
  /** Options: null when unset (empty, 0 or Double.MAX), which in a contract-details request means "any". */
  strike?: number | null;
  /** Options: 'C', 'P', 'CALL', 'PUT' or '' (any). */
  right?: string;
  multiplier: string;
  exchange: string;
  primaryExch: string;
  currency: string;
  localSymbol: string;
}

const isUnsetDouble = (v: string) => v === '' || v.startsWith('1.7976931348623157');

/** Reads fields in order; `id` is the request id errors are reported against. */
export const cursor = (fields: readonly string[], id = -1) => {
  let i = 1;
  const what = () => `message ${fields[0]}`;
  const take = (): string => {
    if (i >= fields.length)
      throw new RequestError(id, 320, `Error reading request: ${what()} ended after ${fields.length} fields`);
    return fields[i++]!;
  };
  const int = (name: string): number => {
    const v = take();
    if (v === '') return 0;
    const n = Number(v);
    if (!Number.isInteger(n))
      throw new RequestError(id, 320, `Error reading request: ${name} "${v.slice(0, 20)}" is not an integer`);
    return n;
  };
  return {
    take,
    int,
    /** A double, or null when unset (empty or Double.MAX). */
    num: (name: string): number | null => {
      const v = take();
      if (isUnsetDouble(v)) return null;
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new RequestError(id, 320, `Error reading request: ${name} "${v.slice(0, 20)}" is not a number`);
      return n;
    },
    skip: (n: number) => {
      for (let k = 0; k < n; k++) take();
    },
    done: (name: string) => {
      if (i !== fields.length)
        throw new RequestError(
          id,
          320,
          `Error reading request: ${fields.length - i} unexpected field(s) left at the end of ${name}`,
        );
    },
  };
};
type Cursor = ReturnType<typeof cursor>;

/** The request id at a position, for answering a message we do not parse further. */
export const idAt = (fields: readonly string[], index: number | null): number => {
  if (index === null) return -1;
  const n = Number(fields[index]);
  return Number.isInteger(n) ? n : -1;
};

const contract = (c: Cursor, withPrimaryExch = true): ContractRef => {
  const conId = c.int('conId');
  const symbol = c.take();
  const secType = c.take();
  const lastTradeDateOrContractMonth = c.take();
  const strike = c.num('strike');
  const right = c.take().toUpperCase();
  const multiplier = c.take();
  const exchange = c.take();
  const primaryExch = withPrimaryExch ? c.take() : '';
  const currency = c.take();
  const localSymbol = c.take();
  c.take(); // tradingClass
  return {
    conId: conId || null,
    symbol,
    secType,
    lastTradeDateOrContractMonth,
    strike: strike === 0 ? null : strike,
    right: right === '?' ? '' : right,
    multiplier,
    exchange,
    primaryExch,
    currency,
    localSymbol,
  };
};

const leadingId = (fields: readonly string[], index: number) => idAt(fields, index);

export const parseStartApi = (fields: readonly string[]): { clientId: number; capabilities: string } => {
  const c = cursor(fields);
  c.take(); // version
  const clientId = c.int('clientId');
  const capabilities = c.take();
  c.done('startApi');
  return { clientId, capabilities };
};

/** Messages that are just [id, version]: reqCurrentTime, reqManagedAccts, reqPositions, reqOpenOrders… */
export const parseBare = (fields: readonly string[], name: string): void => {
  const c = cursor(fields);
  c.take();
  c.done(name);
};

export const parseReqIds = (fields: readonly string[]): number => {
  const c = cursor(fields);
  c.take();
  const n = c.int('numIds');
  c.done('reqIds');
  return n;
};

/** [id, version, reqId]: the cancels of mkt data, historical data and account summary. */
export const parseCancelById = (fields: readonly string[], name: string): number => {
  const c = cursor(fields);
  c.take();
  const reqId = c.int('reqId');
  c.done(name);
  return reqId;
};

export const parseMarketDataType = (fields: readonly string[]): number => {
  const c = cursor(fields);
  c.take();
  const t = c.int('marketDataType');
  c.done('reqMarketDataType');
  if (t < 1 || t > 4)
    throw new RequestError(-1, 321, `Error validating request: market data type ${t} is not 1-4`);
  return t;
};

export const parseAutoOpenOrders = (fields: readonly string[]): boolean => {
  const c = cursor(fields);
  c.take();
  const bind = c.take() === '1';
  c.done('reqAutoOpenOrders');
  return bind;
};

export const parseAccountSummary = (fields: readonly string[]) => {
  const reqId = leadingId(fields, 2);
  const c = cursor(fields, reqId);
  c.take();
  c.int('reqId');
  const group = c.take();
  const tags = c.take();
  c.done('reqAccountSummary');
  return {
    reqId,
    group,
    tags: tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  };
};

export const parseAccountUpdates = (fields: readonly string[]) => {
  const c = cursor(fields);
  c.take();
  const subscribe = c.take() === '1';
  const account = c.take();
  c.done('reqAccountUpdates');
  return { subscribe, account };
};

export type OrderTypeName = 'MKT' | 'LMT';

export interface PlaceOrderRequest {
  orderId: number;
  contract: ContractRef;
  action: string;
  quantity: number;
  orderType: string;
  limitPrice: number | null;
  tif: string;
  account: string;
  orderRef: string;
  transmit: boolean;
  parentId: number;
  outsideRth: boolean;
}

/**
 * A full positional decoder of placeOrder (114 fields at server version 166, 115 at 176, 118 at 193).
 * Variable-length sections the simulator does not model (combos, delta-neutral, scale, hedge, algos,
 * conditions, pegs to benchmark/best/mid) are refused with 321 before they could shift the fields after
 * them, and leftover fields are an error: a misread order is never traded.
 */
export const parsePlaceOrder = (fields: readonly string[], sv: number): PlaceOrderRequest => {
  const orderId = leadingId(fields, 1);
  const c = cursor(fields, orderId);
  const unsupported = (what: string) =>
    new RequestError(orderId, 321, `Error validating request: ${what} is not supported by the simulator`);
  c.int('orderId');
  const ref = contract(c);
  c.skip(2); // secIdType, secId
  const action = c.take();
  const quantity = c.num('totalQuantity');
  const orderType = c.take();
  const limitPrice = c.num('lmtPrice');
  c.num('auxPrice');
  const tif = c.take();
  c.take(); // ocaGroup
  const account = c.take();
  c.skip(2); // openClose, origin
  const orderRef = c.take();
  const transmit = c.take() === '1';
  const parentId = c.int('parentId');
  c.skip(4); // blockOrder, sweepToFill, displaySize, triggerMethod
  const outsideRth = c.take() === '1';
  c.take(); // hidden
  if (ref.secType === 'BAG') throw unsupported('a combo (BAG) order');
  c.skip(7); // sharesAllocation, discretionaryAmt, goodAfterTime, goodTillDate, faGroup, faMethod, faPercentage
  if (sv < 177) c.skip(1); // faProfile
  c.skip(22); // modelCode … volatilityType
  if (c.take() !== '') throw unsupported('a delta-neutral order');
  c.skip(7); // deltaNeutralAuxPrice … scaleSubsLevelSize
  const scaleIncrement = c.num('scalePriceIncrement');
  if (scaleIncrement !== null && scaleIncrement > 0) throw unsupported('a scale order');
  c.skip(3); // scaleTable, activeStartTime, activeStopTime
  if (c.take() !== '') throw unsupported('a hedge order');
  c.skip(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
  if (c.take() === '1') throw unsupported('a delta-neutral contract');
  if (c.take() !== '') throw unsupported('an algo order');
  c.skip(6); // algoId, whatIf, orderMiscOptions, solicited, randomizeSize, randomizePrice
  if (orderType === 'PEG BENCH') throw unsupported('a PEG BENCH order');
  if (c.int('conditionsCount') > 0) throw unsupported('an order with conditions');
  // adjusted order params (7), extOperator, softDollarTier (2), cashQty, mifid2 (4), dontUseAutoPriceForHedge, isOmsContainer
  c.skip(7 + 1 + 2 + 1 + 4 + 2);
  if (sv >= 148) c.skip(1); // discretionaryUpToLimitPrice
  if (sv >= 151) c.skip(1); // usePriceMgmtAlgo
  if (sv >= 158) c.skip(1); // duration
  if (sv >= 160) c.skip(1); // postToAts
  if (sv >= 162) c.skip(1); // autoCancelParent
  if (sv >= 166) c.skip(1); // advancedErrorOverride
  if (sv >= 169) c.skip(1); // manualOrderTime
  if (sv >= 170 && (ref.exchange === 'IBKRATS' || orderType === 'PEG BEST' || orderType === 'PEG MID'))
    throw unsupported(
      `an ${orderType === 'PEG BEST' || orderType === 'PEG MID' ? orderType : 'IBKRATS'} order`,
    );
  if (sv >= 183) c.skip(1); // customerAccount
  if (sv >= 184) c.skip(1); // professionalCustomer
  if (sv >= 187 && sv <= 189) c.skip(2); // RFQ fields
  if (sv >= 189) c.skip(1); // includeOvernight
  if (sv >= 192) c.skip(1); // manualOrderIndicator
  c.done('placeOrder');
  return {
    orderId,
    contract: ref,
    action,
    quantity: quantity ?? 0,
    orderType,
    limitPrice,
    tif,
    account,
    orderRef,
    transmit,
    parentId,
    outsideRth,
  };
};

export const parseCancelOrder = (fields: readonly string[], sv: number): number => {
  const orderId = leadingId(fields, sv >= 192 ? 1 : 2);
  const c = cursor(fields, orderId);
  if (sv < 192) c.take(); // version
  c.int('orderId');
  if (sv >= 169) c.take(); // manualOrderCancelTime
  if (sv >= 187 && sv <= 189) c.skip(3); // RFQ fields
  if (sv >= 192) c.skip(2); // extOperator, manualOrderIndicator
  c.done('cancelOrder');
  return orderId;
};

export const parseGlobalCancel = (fields: readonly string[], sv: number): void => {
  const c = cursor(fields);
  if (sv >= 192)
    c.skip(2); // extOperator, manualOrderIndicator
  else c.take(); // version
  c.done('reqGlobalCancel');
};

export interface HistoricalRequest {
  reqId: number;
  contract: ContractRef;
  endDateTime: string;
  barSize: string;
  duration: string;
  useRth: boolean;
  whatToShow: string;
  formatDate: number;
  keepUpToDate: boolean;
}

export const parseHistorical = (fields: readonly string[]): HistoricalRequest => {
  const reqId = leadingId(fields, 1);
  const c = cursor(fields, reqId);
  c.int('reqId');
  const ref = contract(c);
  c.take(); // includeExpired
  const endDateTime = c.take();
  const barSize = c.take();
  const duration = c.take();
  const useRth = c.take() === '1';
  const whatToShow = c.take();
  const formatDate = c.int('formatDate');
  if (ref.secType === 'BAG')
    throw new RequestError(
      reqId,
      321,
      'Error validating request: combo historical data is not supported by the simulator',
    );
  const keepUpToDate = c.take() === '1';
  c.take(); // chartOptions
  c.done('reqHistoricalData');
  return {
    reqId,
    contract: ref,
    endDateTime,
    barSize,
    duration,
    useRth,
    whatToShow,
    formatDate,
    keepUpToDate,
  };
};

export interface MktDataRequest {
  reqId: number;
  contract: ContractRef;
  genericTicks: string;
  snapshot: boolean;
  regulatorySnapshot: boolean;
}

export const parseMktData = (fields: readonly string[]): MktDataRequest => {
  const reqId = leadingId(fields, 2);
  const c = cursor(fields, reqId);
  c.take(); // version
  c.int('reqId');
  const ref = contract(c);
  if (ref.secType === 'BAG')
    throw new RequestError(
      reqId,
      321,
      'Error validating request: combo market data is not supported by the simulator',
    );
  if (c.take() === '1') c.skip(3); // delta-neutral contract
  const genericTicks = c.take();
  const snapshot = c.take() === '1';
  const regulatorySnapshot = c.take() === '1';
  c.take(); // mktDataOptions
  c.done('reqMktData');
  return { reqId, contract: ref, genericTicks, snapshot, regulatorySnapshot };
};

export const parseContractDetails = (
  fields: readonly string[],
  sv: number,
): { reqId: number; contract: ContractRef; includeExpired: boolean } => {
  const reqId = leadingId(fields, 2);
  const c = cursor(fields, reqId);
  c.take(); // version
  c.int('reqId');
  const ref = contract(c);
  const includeExpired = c.take() === '1';
  c.skip(2); // secIdType, secId
  if (sv >= 176) c.take(); // issuerId
  c.done('reqContractDetails');
  return { reqId, contract: ref, includeExpired };
};

export interface ExecutionsRequest {
  reqId: number;
  /** null or 0: every client. */
  clientId: number | null;
  account: string;
  /** The filter's time as epoch ms, or null for the whole day. */
  since: number | null;
  symbol: string;
  secType: string;
  exchange: string;
  side: string;
}

export const parseExecutions = (
  fields: readonly string[],
  parseTime: (s: string) => number | null,
): ExecutionsRequest => {
  const reqId = leadingId(fields, 2);
  const c = cursor(fields, reqId);
  c.take(); // version
  c.int('reqId');
  const clientId = c.take();
  const account = c.take();
  const time = c.take();
  const symbol = c.take();
  const secType = c.take();
  const exchange = c.take();
  const side = c.take();
  c.done('reqExecutions');
  const since = time === '' ? null : parseTime(time);
  if (time !== '' && since === null)
    throw new RequestError(
      reqId,
      321,
      `Error validating request: execution filter time "${time}" is not yyyymmdd-hh:mm:ss (UTC) or yyyymmdd hh:mm:ss [zone]`,
    );
  const cid = clientId === '' ? null : Number(clientId);
  if (cid !== null && !Number.isInteger(cid))
    throw new RequestError(
      reqId,
      321,
      `Error validating request: execution filter clientId "${clientId}" is not an integer`,
    );
  return { reqId, clientId: cid, account, since, symbol, secType, exchange, side };
};
