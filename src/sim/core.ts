import type { Logger } from '../log.js';
import type { SimBroker } from './broker.js';
import type { SimContractSpec } from './catalog.js';
import type { FaultEngine } from './faults.js';
import type { Market } from './market.js';
import type { OptionChains } from './options/chain.js';
import type { InstrumentPrices, OptionPricing } from './options/pricing.js';
import type { Pacing } from './pacing.js';

export interface SimClock {
  /** The simulator's trading date, YYYY-MM-DD. */
  today(): string;
  /** Now in the simulator: five minutes after the trading date's 16:00 New York close. */
  now(): Date;
  /** Moves to a date (a weekend moves on to Monday); moving forward runs every session in between. */
  setDate(date: string): void;
  /** Moves forward `days` trading days (default 1) and returns the new date. */
  advance(days?: number): string;
}

/** Gateway-wide actions the fault script and the clock can take. */
export interface SimControl {
  /** Closes every client socket (a gateway restart, as clients see it). */
  dropAll(why: string): void;
  /** Drops everyone and refuses new connections for `ms` of wall time (the nightly reset/restart). */
  resetWindow(ms: number): void;
  /** Sends connectivity codes (1100, 1101, 1102, farm codes) to every client, `intervalMs` apart. */
  connectivity(codes: readonly number[], intervalMs: number): void;
}

/** What one connection needs to know about the others, kept by the server. */
export interface SessionHandle {
  clientId: number | null;
  /** A new trading day: streaming subscriptions get fresh ticks. */
  onNewDay(): void;
  /** An ERR_MSG to this client: id −1 for gateway-wide notices (connectivity), else an order or request id. */
  error(id: number, code: number, message: string): void;
  /** 1101: the gateway lost the client's market data subscriptions. */
  dropSubscriptions(): void;
  close(why: string): void;
}

/** Everything every session shares: one market, one account, one clock, one fault script. */
export interface SimCore {
  serverVersion: number;
  catalog: ReadonlyMap<string, SimContractSpec>;
  market: Market;
  /** Option chains on the catalog's stocks and futures, and their quotes and Greeks. */
  options: OptionChains;
  optionPricing: OptionPricing;
  /** Quotes and bars for any contract, options included. */
  prices: InstrumentPrices;
  broker: SimBroker;
  clock: SimClock;
  faults: FaultEngine;
  pacing: Pacing;
  control: SimControl;
  log: Logger;
  /** Sessions past START_API, by client id (a second one with the same id gets 326). */
  clients: Map<number, SessionHandle>;
  stats: { sent: number; received: number; connections: number; refused: number };
  /** IB allows this many account-summary subscriptions at once (error 322 beyond). @default 2 */
  maxAccountSummaries: number;
}
