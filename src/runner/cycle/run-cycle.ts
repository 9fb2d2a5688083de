import { errorMessage, hydraError, isHydraError } from '../../errors.js';
import {
  type BookPositionFact,
  type CycleReport,
  isOptionType,
  type PositionFact,
  type SignalFact,
  type StepName,
} from '../../plugins/facts.js';
import type { AccountSnapshot, BrokerPosition, InstrumentSpec, OptionGreeks } from '../broker/types.js';
import { checkMode, connectWithRetry } from './connect.js';
import { executeOrders, resumedWork, type WorkOrder } from './execute.js';
import type { CycleOptions, CycleOutcome, MarketData } from './types.js';

/** Options are held beside the strategy's book, not in it: the strategy trades stocks and futures by symbol. */
const isOption = (p: BrokerPosition) => isOptionType(p.secType);

const positionMap = (ps: readonly BrokerPosition[]) =>
  new Map(ps.filter((p) => p.quantity !== 0 && !isOption(p)).map((p) => [p.symbol, p.quantity]));

const bookPosition = (
  p: BrokerPosition,
  prices: ReadonlyMap<string, number>,
  greeks: ReadonlyMap<number, OptionGreeks>,
): BookPositionFact => {
  const g = p.conId !== null ? greeks.get(p.conId) : undefined;
  const option = isOption(p);
  return {
    symbol: p.symbol,
    secType: p.secType,
    conId: p.conId,
    right: p.option?.right ?? null,
    strike: p.option?.strike ?? null,
    expiry: p.option?.expiry ?? null,
    multiplier: p.multiplier,
    quantity: p.quantity,
    avgCost: p.avgCost,
    marketPrice: option ? (g?.optPrice ?? null) : (prices.get(p.symbol) ?? null),
    underlyingPrice: option ? (g?.undPrice ?? null) : (prices.get(p.symbol) ?? null),
    // A share or a future moves one for one with itself: its delta is known, not missing.
    delta: option ? (g?.delta ?? null) : 1,
    gamma: option ? (g?.gamma ?? null) : 0,
    vega: option ? (g?.vega ?? null) : 0,
    theta: option ? (g?.theta ?? null) : 0,
    impliedVol: option ? (g?.impliedVol ?? null) : null,
  };
};

/**
 * One daily cycle: the eight steps of DESIGN.md §4, each timed and recorded through the plugin hooks.
 * Nothing here knows whether the gateway is real or simulated. Refusals (mode truth, live account) end the
 * cycle `refused`; a step that throws ends it `failed`; an execution that could not complete ends it
 * `partial` with the reason. The cycle record is always closed, whatever happens.
 */
export const runCycle = async (opts: CycleOptions): Promise<CycleOutcome> => {
  const { broker, record, decisions, log } = opts;
  const now = opts.now ?? (() => new Date());
  const { cycleId, tradingDate } = opts.cycle;
  const startedAt = now();
  const outcome: CycleOutcome = { cycleId, status: 'ok', error: null, orders: 0, fills: 0, positions: [] };
  let account: AccountSnapshot | null = null;
  let greeks = new Map<number, OptionGreeks>();
  let signals: SignalFact[] = [];
  let shadow: CycleReport['shadow'] = [];
  let brokerExecutions: CycleReport['brokerExecutions'] = [];

  const step = async <T>(
    name: StepName,
    fn: () => Promise<T>,
    detail?: (r: T) => string | null,
  ): Promise<T> => {
    const began = now();
    record('onCycleStep', {
      cycleId,
      step: name,
      status: 'running',
      startedAt: began,
      endedAt: null,
      detail: null,
    });
    try {
      if (Date.now() > opts.deadline)
        throw hydraError('HYDRA_ERR_CYCLE', `cycle timed out before the ${name} step`, { step: name });
      const r = await fn();
      record('onCycleStep', {
        cycleId,
        step: name,
        status: 'ok',
        startedAt: began,
        endedAt: now(),
        detail: detail?.(r) ?? null,
      });
      return r;
    } catch (err) {
      record('onCycleStep', {
        cycleId,
        step: name,
        status: 'failed',
        startedAt: began,
        endedAt: now(),
        detail: errorMessage(err),
      });
      throw err;
    }
  };

  record('onCycleStart', { ...opts.cycle, startedAt });
  if (opts.resumed) {
    record('onAuditEvent', {
      at: now(),
      kind: 'cycle-resumed',
      severity: 'warn',
      source: 'runner',
      message: `${cycleId} was interrupted and is resumed; its orders are reconciled by orderRef before anything is sent`,
    });
  }
  try {
    const info = await step(
      'connect',
      () => connectWithRetry(broker, opts.deadline),
      (i) => `server ${i.serverVersion}, accounts ${i.accounts.join(',')}`,
    );
    record('onGatewayStatus', {
      state: 'connected',
      at: now(),
      host: broker.host,
      port: broker.port,
      serverVersion: info.serverVersion,
      account: info.accounts[0] ?? null,
      code: null,
      message: null,
    });
    const acct = checkMode(info, {
      tradingMode: opts.tradingMode,
      allowLive: opts.allowLive,
      simulated: opts.simulated,
      port: broker.port,
    });

    const { positions } = await step(
      'account',
      async () => {
        account = await broker.accountSnapshot(acct);
        const all = (await broker.positions()).filter((p) => p.account === acct);
        const options = all.filter((p) => isOption(p) && p.quantity !== 0);
        // Greeks IB does not send stay missing; a failed request leaves them all missing, not the cycle failed.
        greeks = await broker.optionGreeks(options).catch((err: unknown) => {
          record('onAuditEvent', {
            at: now(),
            kind: 'greeks-missing',
            severity: 'warn',
            source: 'runner',
            message: `option Greeks could not be read: ${errorMessage(err)}`,
          });
          return new Map();
        });
        return { positions: all, options: options.length };
      },
      (r) =>
        `net liquidation ${account?.netLiquidation.toFixed(2)}, ${r.positions.length} positions${r.options > 0 ? `, Greeks for ${greeks.size} of ${r.options} options` : ''}`,
    );
    const held = positionMap(positions);

    const market = await step(
      'data',
      async () => {
        const out = new Map<string, MarketData>();
        const symbols = [...new Set([...opts.universe, ...held.keys()])];
        for (const symbol of symbols) {
          try {
            const instrument = await broker.instrument(symbol);
            // Durations are calendar days: ask for enough to cover the trading days the strategy needs.
            const days = Math.ceil((decisions.requiredHistory * 7) / 5) + 14;
            const bars = await broker.dailyBars(instrument, tradingDate, days);
            out.set(symbol, { instrument, bars: bars.filter((b) => b.date <= tradingDate) });
          } catch (err) {
            record('onAuditEvent', {
              at: now(),
              kind: 'data-missing',
              severity: 'warn',
              source: 'runner',
              message: `no data for ${symbol}: ${errorMessage(err)}`,
              data: { symbol },
            });
          }
        }
        if (out.size === 0)
          throw hydraError('HYDRA_ERR_CYCLE', 'no market data for any symbol of the universe', {});
        return out;
      },
      (m) => `${m.size} symbols, ${[...m.values()].reduce((n, d) => n + d.bars.length, 0)} bars`,
    );

    const equity = (account as AccountSnapshot | null)?.netLiquidation ?? 0;
    const input = { tradingDate, equity, positions: held, market };
    signals = await step(
      'signal',
      async () => {
        const s = decisions.evaluate(input);
        shadow = decisions.shadow(input);
        return s;
      },
      (s) => `${s.length} signals, ${shadow.length} challengers`,
    );

    const previous = opts.journal.previousNetLiquidation(tradingDate);
    const allowed = await step(
      'risk',
      async () => {
        const prices = new Map(signals.map((s) => [s.symbol, s.price]));
        const multipliers = new Map([...market].map(([sym, m]) => [sym, m.instrument.multiplier]));
        const gate = decisions.gate({
          cycleId,
          equity,
          dailyPnl: previous === null ? null : equity - previous,
          positions: held,
          prices,
          multipliers,
          targets: new Map(signals.map((s) => [s.symbol, s.targetPosition])),
          at: now(),
        });
        record('onRiskDecisions', gate.decisions);
        return gate;
      },
      (g) =>
        `${g.decisions.filter((d) => d.decision !== 'allow').length} clipped or blocked of ${g.decisions.length}`,
    );

    const work = await step(
      'intents',
      async () => {
        const existing = opts.journal.intentsOfCycle(cycleId);
        const instruments = new Map<string, InstrumentSpec>([...market].map(([s, m]) => [s, m.instrument]));
        const out: WorkOrder[] = resumedWork(existing, instruments);
        const already = new Set(existing.map((i) => i.symbol));
        for (const [symbol, target] of allowed.targets) {
          const delta = Math.round(target - (held.get(symbol) ?? 0));
          const data = market.get(symbol);
          if (delta === 0 || !data || already.has(symbol)) continue;
          const side = delta > 0 ? 'BUY' : 'SELL';
          const quantity = Math.abs(delta);
          const quote = await broker.quote(data.instrument);
          const last = data.bars.at(-1)?.close ?? null;
          const arrival =
            quote.bid !== null && quote.ask !== null ? (quote.bid + quote.ask) / 2 : (quote.last ?? last);
          if (arrival === null || !(arrival > 0)) {
            record('onAuditEvent', {
              at: now(),
              kind: 'no-price',
              severity: 'warn',
              source: 'runner',
              message: `no price for ${symbol}; no order`,
              data: { symbol },
            });
            continue;
          }
          const intent = {
            orderRef: `hydra:${cycleId}:${symbol}`,
            cycleId,
            symbol,
            secType: data.instrument.secType,
            currency: data.instrument.currency,
            multiplier: data.instrument.multiplier,
            side,
            quantity,
            orderType: 'MKT',
            limitPrice: null,
            arrivalPrice: arrival,
            predictedSlippageBps: decisions.predictSlippageBps(side, quantity, quote, data),
            decidedAt: now(),
          } as const;
          // Committed (synchronous=FULL) before the order can be sent: the basis of "never sent twice".
          record('onOrderIntent', intent);
          out.push({ intent, instrument: data.instrument, brokerOrderId: null });
        }
        return out;
      },
      (w) => `${w.length} orders`,
    );
    outcome.orders = work.length;

    const executed = await step(
      'execute',
      () =>
        executeOrders(work, {
          broker,
          record,
          journal: opts.journal,
          cycleId,
          deadline: Math.min(opts.deadline, Date.now() + (opts.executeTimeoutMs ?? 60_000)),
          maxReconnects: opts.maxReconnects ?? 5,
          log,
          now,
        }),
      (r) =>
        `${r.fills} fills${r.incomplete.length > 0 ? `, ${r.incomplete.length} incomplete` : ''}${r.problem ? `: ${r.problem}` : ''}`,
    );
    outcome.fills = executed.fills;
    if (executed.problem || executed.incomplete.length > 0) {
      outcome.status = 'partial';
      outcome.error =
        executed.problem ??
        `${executed.incomplete.length} order(s) did not complete: ${executed.incomplete.join(', ')}`;
    }

    outcome.positions = await step(
      'close',
      async () => {
        if (!broker.isConnected()) return [];
        account = await broker.accountSnapshot(acct);
        const final = (await broker.positions()).filter((p) => p.account === acct && p.quantity !== 0);
        // Everything the broker executed this session, for reconciliation against the journal.
        const { executions } = await broker.executions(null, { allClients: true });
        // Options are traded by hand beside the strategy: the journal never holds them, so they are not breaks.
        brokerExecutions = executions
          .filter((x) => !isOptionType(x.secType))
          .map((x) => ({
            execId: x.execId,
            orderRef: x.orderRef,
            symbol: x.symbol,
            side: x.side,
            quantity: x.quantity,
            price: x.price,
          }));
        const prices = new Map(signals.map((s) => [s.symbol, s.price]));
        // Options opened while the cycle ran (by hand, in TWS) were not in the account step's book.
        const late = final.filter((p) => isOption(p) && p.conId !== null && !greeks.has(p.conId));
        if (late.length > 0)
          for (const [conId, g] of await broker
            .optionGreeks(late)
            .catch(() => new Map<number, OptionGreeks>()))
            greeks.set(conId, g);
        record('onPositionsSnapshot', {
          cycleId,
          tradingDate,
          at: now(),
          positions: final.map((p) => bookPosition(p, prices, greeks)),
        });
        return final
          .filter((p) => !isOption(p))
          .map((p): PositionFact => {
            const price = prices.get(p.symbol) ?? null;
            return {
              symbol: p.symbol,
              secType: p.secType,
              quantity: p.quantity,
              avgCost: p.avgCost,
              multiplier: p.multiplier,
              marketPrice: price,
              marketValue: price === null ? null : price * p.quantity * p.multiplier,
              unrealizedPnl: price === null ? null : (price - p.avgCost) * p.quantity * p.multiplier,
            };
          });
      },
      (p) => `${p.length} positions`,
    );
  } catch (err) {
    outcome.status = isHydraError(err, 'HYDRA_ERR_CYCLE_REFUSED') ? 'refused' : 'failed';
    outcome.error = errorMessage(err);
    log.error({ cycleId, err: outcome.error }, `cycle ${outcome.status}`);
    record('onAuditEvent', {
      at: now(),
      kind: outcome.status === 'refused' ? 'cycle-refused' : 'cycle-failed',
      severity: 'error',
      source: 'runner',
      message: `${cycleId}: ${outcome.error}`,
      data: isHydraError(err) ? { code: err.code, ...err.details } : undefined,
    });
  } finally {
    const acct = account as AccountSnapshot | null;
    const previous = opts.journal.previousNetLiquidation(tradingDate);
    record('onCycleEnd', {
      cycleId,
      tradingDate,
      status: outcome.status,
      error: outcome.error,
      endedAt: now(),
      account: acct
        ? {
            netLiquidation: acct.netLiquidation,
            cash: acct.cash,
            dailyPnl: previous === null ? null : acct.netLiquidation - previous,
            currency: acct.currency,
          }
        : null,
      positions: outcome.positions,
      strategy: decisions.strategy,
      signals,
      shadow,
      brokerExecutions,
    });
  }
  return outcome;
};
