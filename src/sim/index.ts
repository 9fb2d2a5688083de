import { hydraError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import type { CommissionPlan } from './account.js';
import { createSimBroker, type SimBroker } from './broker.js';
import {
  addTradingDays,
  afterClose,
  isIsoDate,
  nextTradingDay,
  tradingDayOnOrAfter,
  tradingDayOnOrBefore,
  wallTime,
} from './calendar.js';
import { buildCatalog, type SimContractSpec } from './catalog.js';
import type { SimClock, SimCore } from './core.js';
import { createFaultEngine, type FaultScript } from './faults.js';
import { SUPPORTED } from './handshake.js';
import {
  createMarket,
  defaultRegimes,
  EARLIEST_START,
  type Regime,
  type SimBar,
  type SimQuote,
} from './market.js';
import { createOptionChains } from './options/chain.js';
import { createInstrumentPrices, createOptionPricing, type OptionModel } from './options/pricing.js';
import { createPacing, DEFAULT_PACING, type PacingRules } from './pacing.js';
import { createSimServer } from './server.js';

export type { CommissionPlan } from './account.js';
export type { BrokerEvent, SimBroker, SimExecution, SimOrder, SimPosition } from './broker.js';
export type { SimContractSpec } from './catalog.js';
export type { SimClock } from './core.js';
export type { FaultRule, FaultScript } from './faults.js';
export { parseFaultScript } from './faults.js';
export type { Regime, SimBar, SimQuote } from './market.js';
export type { Greeks, Right } from './options/black-scholes.js';
export type { SimOptionTerms } from './options/chain.js';
export type { OptionModel } from './options/pricing.js';
export { RISK_FREE_RATE, yearsToExpiry } from './options/pricing.js';
export type { PacingRules } from './pacing.js';

export interface SimOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 4002 (the IB Gateway paper port); 0 in tests */
  port?: number;
  /** Market seed: the same seed and the same requests give the same bytes. @default 7 */
  seed?: number;
  /** Advertised server version, 166–193 (176 and 193 are the tested pair). @default 193 */
  serverVersion?: number;
  /** A "U…" account lets tests check that live accounts are refused. @default 'DU1234567' */
  account?: string;
  /** @default 1_000_000 */
  initialCash?: number;
  /**
   * The trading date the clock starts on, YYYY-MM-DD, no earlier than 2020-01-02 (five years of history).
   * A weekend moves on to Monday. @default today in New York, or the last trading day on a weekend
   */
  startDate?: string;
  /** null/undefined: the clock moves only when told (tests, backfill). N: one trading day per N real seconds. */
  daySeconds?: number | null;
  /** Regime changes; default: the quarterly rotation of defaultRegimes() (see market.ts). */
  regimes?: Regime[];
  faults?: FaultScript;
  /** Historical-data pacing thresholds (IB's by default); tests shrink them to trigger 162 fast. */
  pacing?: Partial<PacingRules>;
  /** Commission schedule. @default IBKR Pro fixed: $0.005/share, min $1, max 1 % of value; futures $2.25/contract */
  commissions?: Partial<CommissionPlan>;
  /** Largest share of ADV one execution takes; bigger orders fill in parts. @default 0.01 */
  maxFillFraction?: number;
  /** Largest share of a day's volume one order takes that day; the rest waits for the next session. @default 0.1 */
  dayParticipation?: number;
  /** Square-root impact coefficient of the fill model. @default 0.7 */
  impactCoefficient?: number;
  /** Wait between an order's states, partial fills and commission reports, in ms. @default 5 */
  fillDelayMs?: number;
  /** Concurrent account-summary subscriptions per client before error 322. @default 2 */
  maxAccountSummaries?: number;
  log?: Logger;
}

export interface SimMarketView {
  symbols(): SimContractSpec[];
  contract(symbol: string): SimContractSpec | null;
  bars(symbol: string, from: string, to: string): SimBar[];
  bar(symbol: string, date: string): SimBar | null;
  /** The closing quote of `date` (default: the clock's trading date); null for unknown symbols. */
  quote(symbol: string, date?: string): SimQuote | null;
  /**
   * The option chain listed on `date` (default: the clock's trading date) on a stock (OPT) or future (FOP):
   * every expiry, strike and right, sorted by expiry, strike, call before put. [] for unknown symbols.
   */
  optionChain(symbol: string, date?: string): SimContractSpec[];
  /** A listed option by its conId on `date` (default: today); null once it has expired or if unknown. */
  option(conId: number, date?: string): SimContractSpec | null;
  /** An option's bid/ask/last as the simulator quotes and fills it. */
  optionQuote(spec: SimContractSpec, date?: string): SimQuote | null;
  /** An option's model value, implied vol and Greeks (the tickOptionComputation "model" figures). */
  optionModel(spec: SimContractSpec, date?: string): OptionModel | null;
  readonly regimes: readonly Regime[];
}

export interface Simulator {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly serverVersion: number;
  readonly clock: SimClock;
  readonly market: SimMarketView;
  readonly broker: SimBroker;
  /** Messages sent and received, connections accepted and refused, since start. */
  readonly stats: Readonly<SimCore['stats']>;
  /** Replaces the fault script (and resets its counters). */
  setFaults(script: FaultScript): void;
  /** Drops every client connection (a gateway restart, as clients see it); state is kept. */
  dropClients(): void;
  close(): Promise<void>;
}

/** The simulator has no 50 messages/s limit: clients of the embedded one may go faster (backfills). */
export const SIM_MAX_REQ_PER_SEC = 400;

const bad = (option: string, value: unknown, accepted: string) =>
  hydraError('HYDRA_ERR_SIM', `simulator option ${option} = ${JSON.stringify(value)}: expected ${accepted}`, {
    option,
  });

const positive = (option: string, v: number | undefined, max = Number.POSITIVE_INFINITY) => {
  if (v !== undefined && !(Number.isFinite(v) && v > 0 && v <= max))
    throw bad(option, v, `a number > 0${Number.isFinite(max) ? ` and ≤ ${max}` : ''}`);
};

const defaultStart = (): string => tradingDayOnOrBefore(wallTime(Date.now()).date);

const checkRegimes = (regimes: readonly Regime[], catalog: ReadonlyMap<string, SimContractSpec>) => {
  regimes.forEach((r, i) => {
    if (!isIsoDate(r.from)) throw bad(`regimes[${i}].from`, r.from, 'YYYY-MM-DD');
    if (r.until !== undefined && !(isIsoDate(r.until) && r.until > r.from))
      throw bad(`regimes[${i}].until`, r.until, 'YYYY-MM-DD after from');
    positive(`regimes[${i}].volMultiplier`, r.volMultiplier);
    if (!Number.isFinite(r.driftShift))
      throw bad(`regimes[${i}].driftShift`, r.driftShift, 'a finite number');
    if (r.symbols !== '*') {
      const unknown = r.symbols.filter((s) => !catalog.has(s));
      if (unknown.length > 0) throw bad(`regimes[${i}].symbols`, unknown, `'*' or symbols of the catalog`);
    }
  });
};

/**
 * Starts the IB Gateway simulator: a TCP server speaking the TWS API wire protocol, backed by a
 * deterministic synthetic market and a paper account. The runner reaches it only over TCP, exactly as
 * it would reach IB Gateway.
 */
export const startSimulator = async (opts: SimOptions = {}): Promise<Simulator> => {
  const log = opts.log ?? silentLogger();
  const seed = opts.seed ?? 7;
  if (!Number.isSafeInteger(seed)) throw bad('seed', seed, 'an integer');
  const serverVersion = opts.serverVersion ?? 193;
  if (!(Number.isInteger(serverVersion) && serverVersion >= SUPPORTED.min && serverVersion <= SUPPORTED.max))
    throw bad('serverVersion', serverVersion, `an integer ${SUPPORTED.min}–${SUPPORTED.max}`);
  const account = opts.account ?? 'DU1234567';
  if (!/^[A-Z]{1,3}\d{1,10}$/.test(account))
    throw bad('account', account, 'an IB account id such as DU1234567');
  const initialCash = opts.initialCash ?? 1_000_000;
  positive('initialCash', initialCash);
  if (opts.daySeconds !== undefined && opts.daySeconds !== null)
    positive('daySeconds', opts.daySeconds, 86_400);
  positive('maxFillFraction', opts.maxFillFraction, 1);
  positive('dayParticipation', opts.dayParticipation, 1);
  positive('impactCoefficient', opts.impactCoefficient);
  if (opts.fillDelayMs !== undefined && !(Number.isInteger(opts.fillDelayMs) && opts.fillDelayMs >= 0))
    throw bad('fillDelayMs', opts.fillDelayMs, 'an integer ≥ 0');
  const start = opts.startDate ?? defaultStart();
  if (!isIsoDate(start)) throw bad('startDate', start, 'YYYY-MM-DD');
  if (start < EARLIEST_START)
    throw bad('startDate', start, `a date from ${EARLIEST_START} on (five years of history)`);
  let today = tradingDayOnOrAfter(start);

  const catalog = buildCatalog(seed, today);
  const regimes = opts.regimes ?? defaultRegimes([...catalog.keys()]);
  checkRegimes(regimes, catalog);
  const market = createMarket(catalog, seed, regimes);
  const options = createOptionChains(catalog, market);
  const optionPricing = createOptionPricing(market);
  const prices = createInstrumentPrices(market, optionPricing);
  const broker = createSimBroker({
    account,
    initialCash,
    seed,
    market,
    catalog,
    today: () => today,
    maxFillFraction: opts.maxFillFraction,
    dayParticipation: opts.dayParticipation,
    impactCoefficient: opts.impactCoefficient,
    fillDelayMs: opts.fillDelayMs,
    commissions: opts.commissions,
    prices,
  });
  const faults = createFaultEngine(opts.faults);
  const server = createSimServer(log);

  const clock: SimClock = {
    today: () => today,
    now: () => new Date(afterClose(today)),
    setDate: (date) => {
      if (!isIsoDate(date)) throw bad('clock.setDate', date, 'YYYY-MM-DD');
      const target = tradingDayOnOrAfter(date);
      if (target <= today) {
        // Going back (a replay) moves the clock only; no session runs twice.
        today = target;
        return;
      }
      while (today < target) {
        today = nextTradingDay(today);
        broker.onNewDay(today);
        for (const r of faults.hit('day', { clientId: null, date: today })) {
          if (r.action === 'dropAll') server.control.dropAll(`fault script: dropAll on ${today}`);
          else if (r.action === 'resetWindow') server.control.resetWindow(r.ms);
          else if (r.action === 'connectivity') server.control.connectivity(r.codes, r.intervalMs);
        }
      }
      for (const s of server.sessions()) s.onNewDay();
    },
    advance: (days = 1) => {
      if (!(Number.isInteger(days) && days >= 0)) throw bad('clock.advance', days, 'an integer ≥ 0');
      clock.setDate(addTradingDays(today, days));
      return today;
    },
  };

  const core: SimCore = {
    serverVersion,
    catalog,
    market,
    options,
    optionPricing,
    prices,
    broker,
    clock,
    faults,
    pacing: createPacing({ ...DEFAULT_PACING, ...opts.pacing }),
    control: server.control,
    log,
    clients: new Map(),
    stats: { sent: 0, received: 0, connections: 0, refused: 0 },
    maxAccountSummaries: opts.maxAccountSummaries ?? 2,
  };
  const host = opts.host ?? '127.0.0.1';
  const port = await server.listen(core, host, opts.port ?? 4002);

  let dayTimer: NodeJS.Timeout | null = null;
  if (opts.daySeconds) {
    dayTimer = setInterval(() => {
      clock.advance(1);
      log.info({ date: today }, 'simulated trading day advanced');
    }, opts.daySeconds * 1000);
    dayTimer.unref();
  }
  log.info(
    { host, port, seed, serverVersion, account, date: today, daySeconds: opts.daySeconds ?? null },
    'IB Gateway simulator listening',
  );

  return {
    host,
    port,
    seed,
    serverVersion,
    clock,
    market: {
      symbols: () => [...catalog.values()],
      contract: (symbol) => catalog.get(symbol) ?? null,
      bars: market.bars,
      bar: market.bar,
      quote: (symbol, date) => market.quote(symbol, date ?? today),
      optionChain: (symbol, date) => options.chain(symbol, date ?? today),
      option: (conId, date) => options.byConId(conId, date ?? today),
      optionQuote: (spec, date) => optionPricing.quote(spec, date ?? today),
      optionModel: (spec, date) => optionPricing.model(spec, date ?? today),
      regimes,
    },
    broker,
    stats: core.stats,
    setFaults: (script) => faults.set(script),
    dropClients: () => server.control.dropAll('dropClients()'),
    close: async () => {
      if (dayTimer) clearInterval(dayTimer);
      broker.close();
      await server.close();
      log.info({ port }, 'IB Gateway simulator closed');
    },
  };
};
