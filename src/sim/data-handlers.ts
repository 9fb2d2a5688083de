// Market data requests: reqHistoricalData, reqMktData (snapshot and streaming), reqContractDetails.
import type { SimContractSpec } from './catalog.js';
import { sessionHours } from './contracts.js';
import type { FaultRule } from './faults.js';
import { type HandlerContext, resolve, resolveAll, underFaults } from './handler-context.js';
import {
  aggregate,
  checkSettings,
  durationStart,
  parseDuration,
  rangeStrings,
  resolveEnd,
  type ServedBarSize,
  toWire,
} from './history.js';
import { HISTORY_START } from './market.js';
import { parseContractDetails, parseHistorical, parseMktData, RequestError } from './requests.js';
import * as R from './responses.js';

export const historical = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseHistorical(fields);
  underFaults(ctx, 'reqHistoricalData', rq.reqId, () => {
    const spec = resolve(ctx, rq.contract, rq.reqId);
    if (spec.option)
      throw new RequestError(
        rq.reqId,
        162,
        `Historical Market Data Service error message:HMDS query returned no data: ${spec.localSymbol}@${spec.exchange} ${rq.whatToShow} (the simulator keeps no option history)`,
      );
    const settings = checkSettings(rq.reqId, rq.barSize, rq.duration, rq.whatToShow);
    if (!settings.ok) throw new RequestError(rq.reqId, settings.code, settings.message);
    if (rq.keepUpToDate && rq.endDateTime.trim() !== '')
      throw new RequestError(
        rq.reqId,
        321,
        "Error validating request.-'bW' : cause - End date not supported with live updates",
      );
    if (rq.keepUpToDate)
      throw new RequestError(
        rq.reqId,
        321,
        'Error validating request: keepUpToDate is not simulated; ask again after the clock moves',
      );
    const end = resolveEnd(rq.endDateTime, ctx.core.clock.today());
    if (end === null)
      throw new RequestError(
        rq.reqId,
        321,
        `Error validating request.-'bW' : cause - End date/time "${rq.endDateTime}" is invalid (yyyyMMdd HH:mm:ss [zone] or yyyyMMdd-HH:mm:ss)`,
      );
    const pacing = ctx.core.pacing({
      identity: [spec.conId, rq.endDateTime, rq.duration, rq.barSize, rq.whatToShow, rq.useRth].join('|'),
      contract: `${spec.conId}|${rq.contract.exchange}|${rq.whatToShow}`,
      barSeconds: settings.barSeconds,
    });
    if (pacing) throw new RequestError(rq.reqId, 162, pacing);
    if (!settings.served || end < HISTORY_START)
      throw new RequestError(
        rq.reqId,
        162,
        `Historical Market Data Service error message:HMDS query returned no data: ${spec.symbol}@${rq.contract.exchange || spec.exchange} ${rq.whatToShow}${settings.served ? '' : ` (the simulator serves ${['1 day', '1 week', '1 month'].join(', ')} bars)`}`,
      );
    const from = durationStart(end, parseDuration(rq.duration)!);
    const daily = ctx.core.market.bars(spec.symbol, from < HISTORY_START ? HISTORY_START : from, end);
    const bars = toWire(
      aggregate(daily, rq.barSize.trim() as ServedBarSize),
      rq.whatToShow,
      spec.spreadBps,
      spec.minTick,
    );
    const [startStr, endStr] = rangeStrings(from, end);
    ctx.send(R.historicalData(rq.reqId, startStr, endStr, bars));
  });
};

const LIVE = {
  bid: 1,
  ask: 2,
  last: 4,
  high: 6,
  low: 7,
  volume: 8,
  close: 9,
  open: 14,
  lastTimestamp: 45,
  bidSize: 0,
  askSize: 3,
  lastSize: 5,
};
const DELAYED = {
  bid: 66,
  ask: 67,
  last: 68,
  high: 72,
  low: 73,
  volume: 74,
  close: 75,
  open: 76,
  lastTimestamp: 88,
  bidSize: 69,
  askSize: 70,
  lastSize: 71,
};

/** Option computation tick types: bid, ask, last, model; the delayed ones are 70 higher. */
const OPTION_TICKS = { bid: 10, ask: 11, last: 12, model: 13 } as const;
const DELAYED_OPTION_OFFSET = 70;

/**
 * tickOptionComputation for bid, ask and last (vol implied from that price, Greeks at that vol, tickAttrib 1)
 * and for the model (the smile's vol, tickAttrib 0). A price no vol can explain (a zero bid) gets the
 * "not computed" sentinels, as from IB. `withheld` is the noGreeks fault: nothing, or sentinels only.
 */
const sendOptionComputations = (
  ctx: HandlerContext,
  reqId: number,
  spec: SimContractSpec,
  withheld: 'omit' | 'sentinel' | undefined,
) => {
  if (withheld === 'omit') return;
  const { optionPricing } = ctx.core;
  const today = ctx.core.clock.today();
  const q = ctx.core.prices.quote(spec, today);
  const model = optionPricing.model(spec, today);
  if (!q || !model) return;
  const offset = ctx.state.marketDataType >= 3 ? DELAYED_OPTION_OFFSET : 0;
  const figures = (m: typeof model | null, px: number | null): R.OptionComputation =>
    withheld === 'sentinel' || !m
      ? {
          impliedVol: null,
          delta: null,
          optPrice: withheld === 'sentinel' || !px ? null : px,
          pvDividend: null,
          gamma: null,
          vega: null,
          theta: null,
          undPrice: model.undPrice,
        }
      : {
          impliedVol: m.impliedVol,
          delta: m.delta,
          optPrice: px ?? m.price,
          pvDividend: m.pvDividend,
          gamma: m.gamma,
          vega: m.vega,
          theta: m.theta,
          undPrice: m.undPrice,
        };
  for (const side of ['bid', 'ask', 'last'] as const) {
    const px = q[side];
    ctx.send(
      R.tickOptionComputation(
        reqId,
        OPTION_TICKS[side] + offset,
        1,
        figures(px > 0 ? optionPricing.implied(spec, today, px) : null, px),
      ),
    );
  }
  ctx.send(R.tickOptionComputation(reqId, OPTION_TICKS.model + offset, 0, figures(model, null)));
};

/** One round of ticks for a contract: the closing quote of the current trading date. */
const sendTicks = (ctx: HandlerContext, reqId: number, spec: SimContractSpec) => {
  const { core } = ctx;
  const today = core.clock.today();
  const q = core.prices.quote(spec, today);
  const bar = core.prices.bar(spec, today);
  const prev = spec.option
    ? core.prices.bar(spec, core.market.bars(spec.symbol, '2000-01-01', today).at(-2)?.date ?? today)
    : core.market.bars(spec.symbol, '2000-01-01', today).at(-2);
  if (!q || !bar)
    throw new RequestError(reqId, 10167, 'Requested market data is not available for this date');
  const t = ctx.state.marketDataType >= 3 ? DELAYED : LIVE;
  ctx.send(R.marketDataType(reqId, ctx.state.marketDataType));
  const lastSize = Math.max(1, Math.round(q.bidSize / 4));
  // Like TWS: each price tick carries its size, and the size follows as its own tick too.
  ctx.send(R.tickPrice(reqId, t.bid, q.bid, q.bidSize));
  ctx.send(R.tickSize(reqId, t.bidSize, q.bidSize));
  ctx.send(R.tickPrice(reqId, t.ask, q.ask, q.askSize));
  ctx.send(R.tickSize(reqId, t.askSize, q.askSize));
  ctx.send(R.tickPrice(reqId, t.last, q.last, lastSize));
  ctx.send(R.tickSize(reqId, t.lastSize, lastSize));
  ctx.send(R.tickPrice(reqId, t.high, bar.high, 0));
  ctx.send(R.tickPrice(reqId, t.low, bar.low, 0));
  ctx.send(R.tickSize(reqId, t.volume, spec.secType === 'STK' ? Math.round(bar.volume / 100) : bar.volume));
  // IB's "close" tick is the previous session's close.
  ctx.send(R.tickPrice(reqId, t.close, prev?.close ?? bar.open, 0));
  ctx.send(R.tickPrice(reqId, t.open, bar.open, 0));
  ctx.send(R.tickString(reqId, t.lastTimestamp, String(Math.floor(core.clock.now().getTime() / 1000))));
  if (spec.option) sendOptionComputations(ctx, reqId, spec, ctx.state.greeksWithheld?.get(reqId));
};

/** The noGreeks fault rules that apply to a market-data request for `spec` (options only). */
const greeksWithheld = (rules: readonly FaultRule[], spec: SimContractSpec) => {
  if (!spec.option) return undefined;
  const r = rules.find(
    (x): x is Extract<FaultRule, { action: 'noGreeks' }> =>
      x.action === 'noGreeks' && (x.symbol === null || x.symbol === spec.symbol),
  );
  return r?.mode;
};

export const mktData = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseMktData(fields);
  underFaults(ctx, 'reqMktData', rq.reqId, (rules) => {
    const spec = resolve(ctx, rq.contract, rq.reqId);
    if (rq.snapshot && rq.genericTicks !== '')
      throw new RequestError(
        rq.reqId,
        321,
        "Error validating request.-'bK' : cause - Snapshot market data subscription is not applicable to generic ticks",
      );
    if (!rq.snapshot && ctx.state.mktData.has(rq.reqId))
      throw new RequestError(
        rq.reqId,
        322,
        `Error processing request.-'bK' : cause - Duplicate ticker id ${rq.reqId}`,
      );
    ctx.send(R.tickReqParams(rq.reqId, spec.minTick, spec.secType === 'STK' ? 'a6' : '', 3));
    const withheld = greeksWithheld(rules, spec);
    ctx.state.greeksWithheld ??= new Map();
    if (withheld) ctx.state.greeksWithheld.set(rq.reqId, withheld);
    else ctx.state.greeksWithheld.delete(rq.reqId);
    sendTicks(ctx, rq.reqId, spec);
    if (rq.snapshot || rq.regulatorySnapshot) {
      ctx.send(R.tickSnapshotEnd(rq.reqId));
      ctx.state.greeksWithheld.delete(rq.reqId);
    } else ctx.state.mktData.set(rq.reqId, spec);
  });
};

/** Streaming subscribers get the new day's quote; a day that fails to quote ends nothing. */
export const onNewDayTicks = (ctx: HandlerContext) => {
  for (const [reqId, spec] of ctx.state.mktData) {
    try {
      sendTicks(ctx, reqId, spec);
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
    }
  }
};

export const contractDetails = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseContractDetails(fields, ctx.state.sv);
  underFaults(ctx, 'reqContractDetails', rq.reqId, () => {
    for (const spec of resolveAll(ctx, rq.contract, rq.reqId)) {
      const hours = sessionHours(spec, ctx.core.clock.today());
      ctx.send(
        R.contractData(ctx.state.sv, rq.reqId, spec, {
          tradingHours: hours.trading,
          liquidHours: hours.liquid,
        }),
      );
    }
    ctx.send(R.contractDataEnd(rq.reqId));
  });
};
