// What every request handler gets: the session's state, the shared core, and the fault-script plumbing.
import type { Logger } from '../log.js';
import type { SimContractSpec } from './catalog.js';
import { NO_DEFINITION, resolveContract } from './contracts.js';
import type { SimCore } from './core.js';
import type { FaultRule, FaultTrigger } from './faults.js';
import { findOptions } from './options/resolve.js';
import { RequestError } from './requests.js';
import type * as R from './responses.js';

/** Per-connection state the handlers read and change. */
export interface SessionState {
  sv: number;
  clientId: number;
  /** 1 live, 2 frozen, 3 delayed, 4 delayed-frozen (reqMarketDataType). */
  marketDataType: number;
  /** Streaming reqMktData subscriptions: they get fresh ticks whenever the clock moves. */
  mktData: Map<number, SimContractSpec>;
  accountSummaries: Set<number>;
  accountUpdates: boolean;
  positions: boolean;
  /** Streaming option subscriptions whose Greeks the noGreeks fault withholds, and how. */
  greeksWithheld?: Map<number, 'omit' | 'sentinel'>;
}

export interface HandlerContext {
  core: SimCore;
  state: SessionState;
  log: Logger;
  send(msg: R.Msg): void;
  /** Closes this client's socket. */
  drop(why: string): void;
  fire(on: FaultTrigger): FaultRule[];
  after(ms: number, fn: () => void): void;
}

/**
 * Runs a request under the fault script: "before" actions (drop, fail) stop it, the rest run after it.
 * Returns the rules that fired, for the handlers that act on them (reject, delayFills).
 */
export const underFaults = (
  ctx: HandlerContext,
  on: FaultTrigger,
  id: number,
  serve: (rules: FaultRule[]) => void,
) => {
  const rules = ctx.fire(on);
  for (const r of rules) {
    if (r.action === 'drop' && r.phase === 'before') {
      ctx.drop(`fault script: drop before ${on}`);
      return;
    }
    if (r.action === 'fail') throw new RequestError(id, r.code, r.message);
  }
  try {
    serve(rules);
  } finally {
    applyAfter(ctx, rules, on);
  }
};

/** The fault actions that take effect once the triggering event has been handled. */
export const applyAfter = (ctx: HandlerContext, rules: readonly FaultRule[], on: string) => {
  for (const r of rules) {
    if (r.action === 'drop' && r.phase === 'after')
      ctx.after(1, () => ctx.drop(`fault script: drop after ${on}`));
    else if (r.action === 'dropAll') ctx.core.control.dropAll(`fault script: dropAll on ${on}`);
    else if (r.action === 'resetWindow') ctx.core.control.resetWindow(r.ms);
    else if (r.action === 'connectivity') ctx.core.control.connectivity(r.codes, r.intervalMs);
  }
};

type Ref = Parameters<typeof resolveContract>[1];

/** Every contract a request names: one for stocks and futures, a chain's worth for an open option query. */
export const resolveAll = (ctx: HandlerContext, ref: Ref, id: number): SimContractSpec[] => {
  const options = findOptions(ctx.core.options, ref, ctx.core.clock.today());
  if (options === null) return [resolveContract(ctx.core.catalog, ref, id)];
  if (options.length === 0) throw new RequestError(id, 200, NO_DEFINITION);
  return options;
};

/** The one contract a request names (market data, orders): an open option query is ambiguous, as at IB. */
export const resolve = (ctx: HandlerContext, ref: Ref, id: number): SimContractSpec => {
  const all = resolveAll(ctx, ref, id);
  if (all.length > 1)
    throw new RequestError(
      id,
      200,
      `The contract description specified for ${ref.symbol.toUpperCase()} is ambiguous; you must specify expiry, strike and right (${all.length} contracts match)`,
    );
  return all[0]!;
};
