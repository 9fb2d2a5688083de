// Account requests: reqAccountSummary, reqAccountUpdates, reqPositions, and the updates a fill causes.
import { LEDGER_TAGS } from './account.js';
import { wallTime } from './calendar.js';
import type { SimContractSpec } from './catalog.js';
import { type HandlerContext, underFaults } from './handler-context.js';
import { parseAccountSummary, parseAccountUpdates, parseBare, RequestError } from './requests.js';
import * as R from './responses.js';

const portfolioLine = (ctx: HandlerContext, conId: number) => {
  const b = ctx.core.broker;
  const p = b.positions().find((x) => x.spec.conId === conId);
  if (!p) return null;
  const px = b.mark(p.spec);
  const m = p.spec.multiplier;
  return R.portfolioValue(
    {
      spec: p.spec,
      position: p.quantity,
      marketPrice: px,
      marketValue: p.quantity * px * m,
      averageCost: p.avgCost * m,
      unrealizedPnl: b.unrealizedOf(p),
      realizedPnl: p.realizedPnl,
    },
    b.account,
  );
};

const sendAccountValues = (ctx: HandlerContext) => {
  const b = ctx.core.broker;
  for (const [k, v] of b.accountValues())
    ctx.send(R.accountValue(k, v, k === 'AccountType' ? '' : 'USD', b.account));
  ctx.send(R.accountValue('AccountCode', b.account, '', b.account));
  ctx.send(R.accountValue('Currency', 'USD', 'USD', b.account));
};

export const accountSummary = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseAccountSummary(fields);
  underFaults(ctx, 'reqAccountSummary', rq.reqId, () => {
    const { state } = ctx;
    if (!state.accountSummaries.has(rq.reqId) && state.accountSummaries.size >= ctx.core.maxAccountSummaries)
      throw new RequestError(
        rq.reqId,
        322,
        `Error processing request.-'bd' : cause - Maximum number of account summary requests exceeded (${ctx.core.maxAccountSummaries} active; cancel one first)`,
      );
    if (rq.group !== 'All')
      throw new RequestError(
        rq.reqId,
        321,
        `Error validating request: account group "${rq.group}" is unknown; use "All"`,
      );
    state.accountSummaries.add(rq.reqId);
    const b = ctx.core.broker;
    const values = b.accountValues();
    for (const tag of rq.tags) {
      const m = /^\$LEDGER(?::(\w+))?$/.exec(tag);
      if (m) {
        const ccy = m[1] ?? 'BASE';
        const ccys = ccy === 'ALL' ? ['BASE', 'USD'] : ccy === 'USD' || ccy === 'BASE' ? [ccy] : [];
        for (const c of ccys)
          for (const t of LEDGER_TAGS) ctx.send(R.accountSummary(rq.reqId, b.account, t, values.get(t)!, c));
        continue;
      }
      const v = values.get(tag);
      if (v !== undefined)
        ctx.send(R.accountSummary(rq.reqId, b.account, tag, v, tag === 'AccountType' ? '' : 'USD'));
    }
    ctx.send(R.accountSummaryEnd(rq.reqId));
  });
};

export const accountUpdates = (ctx: HandlerContext, fields: string[]) => {
  const rq = parseAccountUpdates(fields);
  const b = ctx.core.broker;
  if (!rq.subscribe) {
    ctx.state.accountUpdates = false;
    return;
  }
  if (rq.account !== '' && rq.account !== b.account)
    throw new RequestError(
      -1,
      321,
      `Error validating request: account ${rq.account} is not managed by this gateway`,
    );
  ctx.state.accountUpdates = true;
  sendAccountValues(ctx);
  for (const p of b.positions()) ctx.send(portfolioLine(ctx, p.spec.conId)!);
  ctx.send(R.accountUpdateTime(wallTime(ctx.core.clock.now().getTime()).time.slice(0, 5)));
  ctx.send(R.accountDownloadEnd(b.account));
};

export const positions = (ctx: HandlerContext, fields: string[]) => {
  parseBare(fields, 'reqPositions');
  underFaults(ctx, 'reqPositions', -1, () => {
    const b = ctx.core.broker;
    ctx.state.positions = true;
    for (const p of b.positions())
      ctx.send(R.position(b.account, p.spec, p.quantity, p.avgCost * p.spec.multiplier));
    ctx.send(R.positionEnd());
  });
};

/** After a fill: position and portfolio subscribers hear about the contract that changed, as from IB. */
export const onExecutionUpdate = (ctx: HandlerContext, spec: SimContractSpec) => {
  const b = ctx.core.broker;
  const p = b.positions().find((x) => x.spec.conId === spec.conId);
  if (ctx.state.positions)
    ctx.send(R.position(b.account, spec, p?.quantity ?? 0, (p?.avgCost ?? 0) * spec.multiplier));
  if (ctx.state.accountUpdates) {
    const line = portfolioLine(ctx, spec.conId);
    if (line) ctx.send(line);
    sendAccountValues(ctx);
  }
};
