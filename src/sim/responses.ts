// Server → client encoders, gated by the negotiated server version (166..193). Field orders follow the
// decoder of @stoqey/ib 1.6.10 (shared/reference/ib-tws-protocol.md §2.3–2.4). The tests run every encoder
// through the library's own Decoder, so a misplaced field shows up as a 505 instead of drifting silently.

import type { SimExecution, SimOrder } from './broker.js';
import { ibDate, ibTime } from './calendar.js';
import type { SimContractSpec } from './catalog.js';
import { type Field, UNSET_DOUBLE, UNSET_INT } from './codec.js';
import type { SimBar } from './market.js';

export type Msg = Field[];

/** Incoming message ids (EDecoder's). */
export const IN = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  TICK_OPTION_COMPUTATION: 21,
  ORDER_STATUS: 3,
  ERR_MSG: 4,
  OPEN_ORDER: 5,
  ACCT_VALUE: 6,
  PORTFOLIO_VALUE: 7,
  ACCT_UPDATE_TIME: 8,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  EXECUTION_DATA: 11,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  TICK_STRING: 46,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  OPEN_ORDER_END: 53,
  ACCT_DOWNLOAD_END: 54,
  EXECUTION_DATA_END: 55,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  COMMISSION_REPORT: 59,
  POSITION: 61,
  POSITION_END: 62,
  ACCOUNT_SUMMARY: 63,
  ACCOUNT_SUMMARY_END: 64,
  TICK_REQ_PARAMS: 81,
} as const;

const multiplierField = (c: SimContractSpec): Field => (c.multiplier === 1 ? '' : c.multiplier);

/** conId … multiplier, as most contract-carrying messages start (strike and right: options only). */
const contractHead = (c: SimContractSpec): Field[] => [
  c.conId,
  c.symbol,
  c.secType,
  c.lastTradeDate ?? '',
  c.option?.strike ?? 0,
  c.option?.right ?? '',
  multiplierField(c),
];

export const nextValidId = (id: number): Msg => [IN.NEXT_VALID_ID, 1, id];
export const managedAccounts = (accounts: string): Msg => [IN.MANAGED_ACCTS, 1, accounts];
export const currentTime = (epochSeconds: number): Msg => [IN.CURRENT_TIME, 1, epochSeconds];

/** ERR_MSG. id −1 reaches @stoqey/ib as "info"; any other id as an error for that request or order. */
export const error = (sv: number, id: number, code: number, message: string): Msg =>
  sv >= 166 ? [IN.ERR_MSG, 2, id, code, message, ''] : [IN.ERR_MSG, 2, id, code, message];

export const accountSummary = (
  reqId: number,
  account: string,
  tag: string,
  value: string,
  currency: string,
): Msg => [IN.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency];
export const accountSummaryEnd = (reqId: number): Msg => [IN.ACCOUNT_SUMMARY_END, 1, reqId];

export const accountValue = (key: string, value: string, currency: string, account: string): Msg => [
  IN.ACCT_VALUE,
  2,
  key,
  value,
  currency,
  account,
];

export interface PortfolioLine {
  spec: SimContractSpec;
  position: number;
  marketPrice: number;
  marketValue: number;
  /** Per contract: multiplier included, as IB reports it. */
  averageCost: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

const money = (x: number) => Number(x.toFixed(4));

export const portfolioValue = (p: PortfolioLine, account: string): Msg => [
  IN.PORTFOLIO_VALUE,
  8,
  ...contractHead(p.spec),
  p.spec.primaryExchange,
  p.spec.currency,
  p.spec.localSymbol,
  p.spec.symbol,
  p.position,
  p.marketPrice,
  money(p.marketValue),
  money(p.averageCost),
  money(p.unrealizedPnl),
  money(p.realizedPnl),
  account,
];
export const accountUpdateTime = (hhmm: string): Msg => [IN.ACCT_UPDATE_TIME, 1, hhmm];
export const accountDownloadEnd = (account: string): Msg => [IN.ACCT_DOWNLOAD_END, 1, account];

export const position = (account: string, c: SimContractSpec, qty: number, avgCost: number): Msg => [
  IN.POSITION,
  3,
  account,
  ...contractHead(c),
  c.secType === 'STK' ? c.primaryExchange : c.exchange,
  c.currency,
  c.localSymbol,
  c.symbol,
  qty,
  money(avgCost),
];
export const positionEnd = (): Msg => [IN.POSITION_END, 1];

/** A bar as sent: volume, WAP and count are −1 for quote-based series (MIDPOINT, BID, ASK), as IB sends. */
export interface WireBar extends SimBar {
  wap: number;
  count: number;
}

/** HISTORICAL_DATA (sv ≥ 124: no version, no hasGaps); @stoqey/ib adds the "finished" marker itself. */
export const historicalData = (
  reqId: number,
  startStr: string,
  endStr: string,
  bars: readonly WireBar[],
): Msg => {
  const out: Msg = [IN.HISTORICAL_DATA, reqId, startStr, endStr, bars.length];
  for (const b of bars) out.push(ibDate(b.date), b.open, b.high, b.low, b.close, b.volume, b.wap, b.count);
  return out;
};

/** TICK_PRICE version 3: the decoder also emits the matching size tick for bid, ask and last. */
export const tickPrice = (reqId: number, tickType: number, price: number, size: number | ''): Msg => [
  IN.TICK_PRICE,
  3,
  reqId,
  tickType,
  price,
  size,
  0,
];
export const tickSize = (reqId: number, tickType: number, size: number): Msg => [
  IN.TICK_SIZE,
  1,
  reqId,
  tickType,
  size,
];
export const tickString = (reqId: number, tickType: number, value: string): Msg => [
  IN.TICK_STRING,
  1,
  reqId,
  tickType,
  value,
];
/** What tickOptionComputation carries; null figures go out as IB's "not computed" sentinels. */
export interface OptionComputation {
  impliedVol: number | null;
  delta: number | null;
  optPrice: number | null;
  pvDividend: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  undPrice: number | null;
}

/**
 * TICK_OPTION_COMPUTATION (21). From server version 156 (PRICE_BASED_VOLATILITY; every version the
 * simulator speaks) there is no version field and a tickAttrib int follows the tick type: 0 return-based
 * (the model), 1 price-based (implied from a bid/ask/last price). All eight figures are always sent, as
 * message version ≥ 6 did. Unknown figures are −1 (impliedVol, optPrice, pvDividend, undPrice) or −2
 * (delta, gamma, vega, theta), which @stoqey/ib turns into undefined.
 */
export const tickOptionComputation = (
  reqId: number,
  tickType: number,
  tickAttrib: 0 | 1,
  c: OptionComputation,
): Msg => [
  IN.TICK_OPTION_COMPUTATION,
  reqId,
  tickType,
  tickAttrib,
  c.impliedVol ?? -1,
  c.delta ?? -2,
  c.optPrice ?? -1,
  c.pvDividend ?? -1,
  c.gamma ?? -2,
  c.vega ?? -2,
  c.theta ?? -2,
  c.undPrice ?? -1,
];

export const tickReqParams = (
  reqId: number,
  minTick: number,
  bboExchange: string,
  permissions: number,
): Msg => [IN.TICK_REQ_PARAMS, reqId, minTick, bboExchange, permissions];
export const marketDataType = (reqId: number, type: number): Msg => [IN.MARKET_DATA_TYPE, 1, reqId, type];
export const tickSnapshotEnd = (reqId: number): Msg => [IN.TICK_SNAPSHOT_END, 1, reqId];

export interface ContractExtras {
  /** "20260302:0930-20260302:1600;…" for the next few sessions. */
  tradingHours: string;
  liquidHours: string;
}

/** Venues listed in an option's validExchanges (SMART first, as IB lists them). */
const OPTION_EXCHANGES = 'SMART,AMEX,CBOE,ISE,PHLX,BOX,BATS,NASDAQOM,MIAX';

export const contractData = (sv: number, reqId: number, c: SimContractSpec, extra: ContractExtras): Msg => {
  const stock = c.secType === 'STK';
  const o = c.option;
  const out: Msg = [IN.CONTRACT_DATA, reqId, c.symbol, c.secType, c.lastTradeDate ?? ''];
  if (sv >= 182) out.push(c.lastTradeDate ?? '');
  // marketName and tradingClass: the symbol (IB's for stock options and the quarterly futures options).
  out.push(o?.strike ?? 0, o?.right ?? '', c.exchange, c.currency, c.localSymbol, c.symbol, c.symbol);
  out.push(c.conId, c.minTick);
  out.push(
    multiplierField(c),
    'ACTIVETIM,ADJUST,ALERT,DAY,GTC,IOC,LMT,MKT',
    stock ? `SMART,${c.primaryExchange},ARCA,BATS,IEX` : c.secType === 'OPT' ? OPTION_EXCHANGES : c.exchange,
    1, // priceMagnifier
    o?.underlying.conId ?? 0, // underConId
    c.longName,
    c.primaryExchange,
  );
  out.push(
    c.expiry ?? '',
    stock ? 'Simulated' : '',
    stock ? 'Simulated' : '',
    stock ? 'Simulated' : '',
    stock || c.secType === 'OPT' ? 'US/Eastern' : 'US/Central',
    extra.tradingHours,
    extra.liquidHours,
    '', // evRule
    '', // evMultiplier
  );
  out.push(0); // secIdListCount
  out.push(1, o?.underlying.symbol ?? '', o?.underlying.secType ?? ''); // aggGroup, underSymbol, underSecType
  out.push(stock ? '26' : '32', c.lastTradeDate ?? '', stock ? 'COMMON' : ''); // marketRuleIds … stockType
  out.push(1, 1, 1); // minSize, sizeIncrement, suggestedSizeIncrement
  if (sv >= 186) out.push(0); // ineligibilityReasonCount
  return out;
};
export const contractDataEnd = (reqId: number): Msg => [IN.CONTRACT_DATA_END, 1, reqId];

export const orderStatus = (o: SimOrder): Msg => [
  IN.ORDER_STATUS,
  o.orderId,
  o.status,
  o.filled,
  o.quantity - o.filled,
  o.avgFillPrice,
  o.permId,
  0, // parentId
  o.lastFillPrice,
  o.clientId,
  '', // whyHeld
  0, // mktCapPrice
];

/** OPEN_ORDER of a plain MKT/LMT order (no combos, algos, scale, hedge, conditions), sv ≥ 145 shape. */
export const openOrder = (sv: number, o: SimOrder): Msg => {
  const c = o.spec;
  const m: Msg = [
    IN.OPEN_ORDER,
    o.orderId,
    ...contractHead(c),
    c.exchange,
    c.currency,
    c.localSymbol,
    c.symbol,
  ];
  m.push(o.side, o.quantity, o.orderType, o.limitPrice ?? 0, 0, o.tif, '', o.account, 'O', 0);
  m.push(o.orderRef, o.clientId, o.permId);
  m.push(0, 0, 0, '', ''); // outsideRth, hidden, discretionaryAmt, goodAfterTime, sharesAllocation
  m.push('', '', ''); // faGroup, faMethod, faPercentage
  if (sv < 177) m.push(''); // faProfile
  m.push('', '', '', '', ''); // modelCode, goodTillDate, rule80A, percentOffset, settlingFirm
  m.push(0, '', -1); // shortSaleSlot, designatedLocation, exemptCode
  m.push(0, '', '', '', '', ''); // auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower/Upper
  m.push(UNSET_INT, 0, 0, 0, ''); // displaySize, blockOrder, sweepToFill, allOrNone, minQty
  m.push(3, 0, 0, ''); // ocaType, eTradeOnly, firmQuoteOnly, nbboPriceCap
  m.push(0, 0); // parentId, triggerMethod
  m.push('', 0, '', ''); // volatility, volatilityType, deltaNeutralOrderType (empty: no block), deltaNeutralAuxPrice
  m.push(0, 0); // continuousUpdate, referencePriceType
  m.push('', ''); // trailStopPrice, trailingPercent
  m.push('', UNSET_INT); // basisPoints, basisPointsType
  m.push('', 0, 0); // comboLegsDescrip, comboLegsCount, orderComboLegsCount
  m.push(0); // smartComboRoutingParamsCount
  m.push(UNSET_INT, UNSET_INT, ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement (empty: no block)
  m.push(''); // hedgeType (empty: no hedgeParam)
  m.push(0, '', 'IB', 0); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
  m.push(0); // deltaNeutralContract flag
  m.push(''); // algoStrategy (empty: no params)
  m.push(0); // solicited
  m.push(0, o.status); // whatIf, status
  for (let i = 0; i < 9; i++) m.push(UNSET_DOUBLE); // margins before/change/after
  // The order state carries the total commission once the order is done.
  m.push(o.status === 'Filled' ? o.commissionCharged : UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 'USD', '');
  m.push(0, 0); // randomizeSize, randomizePrice
  m.push(0); // conditionsCount
  m.push('None', UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 0); // adjusted params
  m.push('', '', ''); // softDollarTier
  m.push(UNSET_DOUBLE); // cashQty
  m.push(0, 0); // dontUseAutoPriceForHedge, isOmsContainer
  m.push(0, ''); // discretionaryUpToLimitPrice, usePriceMgmtAlgo
  m.push(UNSET_INT, 0, 0); // duration, postToAts, autoCancelParent
  if (sv >= 170) m.push(UNSET_INT, UNSET_INT, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE); // minTradeQty … midOffsetAtHalf
  if (sv >= 183) m.push(''); // customerAccount
  if (sv >= 184) m.push(0); // professionalCustomer
  if (sv >= 185) m.push(''); // bondAccruedInterest
  if (sv >= 189) m.push(0); // includeOvernight
  if (sv >= 193) m.push('', UNSET_INT); // extOperator, manualOrderIndicator
  return m;
};
export const openOrderEnd = (): Msg => [IN.OPEN_ORDER_END, 1];

export const executionData = (sv: number, reqId: number, x: SimExecution): Msg => {
  const c = x.spec;
  const m: Msg = [
    IN.EXECUTION_DATA,
    reqId,
    x.orderId,
    ...contractHead(c),
    c.exchange,
    c.currency,
    c.localSymbol,
    c.symbol,
  ];
  m.push(
    x.execId,
    ibTime(x.time),
    x.account,
    c.secType === 'STK' ? 'ISLAND' : c.secType === 'OPT' ? 'CBOE' : c.exchange,
    x.side === 'BUY' ? 'BOT' : 'SLD',
    x.shares,
    x.price,
  );
  m.push(x.permId, x.clientId, 0, x.cumQty, x.avgPrice, x.orderRef, '', '', '', x.liquidity);
  if (sv >= 178) m.push(0); // pendingPriceRevision
  return m;
};
export const executionDataEnd = (reqId: number): Msg => [IN.EXECUTION_DATA_END, 1, reqId];

export const commissionReport = (x: SimExecution): Msg => [
  IN.COMMISSION_REPORT,
  1,
  x.execId,
  x.commission,
  'USD',
  x.realizedPnl === null ? UNSET_DOUBLE : money(x.realizedPnl),
  UNSET_DOUBLE,
  '',
];
