/**
 * IB's historical-data pacing rules (TWS API docs, "Historical Data Limitations"). Counted on wall time:
 * pacing is about how fast a client asks, not about the simulated day.
 */
export interface PacingRules {
  /** An identical request within this many ms is a violation. @default 15000 */
  identicalWithinMs: number;
  /** More than `perContract` requests for one contract, exchange and tick type within the window is a violation. @default 6 per 2000 ms */
  perContract: number;
  perContractWindowMs: number;
  /** For bars of `smallBarMaxSeconds` or less only: at most `smallBarRequests` per `smallBarWindowMs`. @default 60 per 600000 ms, bars ≤ 30 s */
  smallBarRequests: number;
  smallBarWindowMs: number;
  smallBarMaxSeconds: number;
  /**
   * Arrivals are judged with this slack on every window. @stoqey/ib releases requests in 100 ms slices, so a
   * client that keeps a rule to the millisecond by its own clock can land a little early here; it is not
   * refused for that. @default 150
   */
  toleranceMs: number;
}

export const DEFAULT_PACING: PacingRules = {
  identicalWithinMs: 15_000,
  perContract: 6,
  perContractWindowMs: 2_000,
  smallBarRequests: 60,
  smallBarWindowMs: 600_000,
  smallBarMaxSeconds: 30,
  toleranceMs: 150,
};

export interface PacedRequest {
  /** Everything that makes two requests identical (contract, end, duration, bar size, what to show…). */
  identity: string;
  /** Contract + exchange + tick type. */
  contract: string;
  barSeconds: number;
}

/** Returns a checker: the violation's text when a request comes too fast, else null (and it is counted). */
export const createPacing = (rules: PacingRules, now: () => number = Date.now) => {
  const identical = new Map<string, number>();
  const perContract = new Map<string, number[]>();
  let small: number[] = [];
  return (rq: PacedRequest): string | null => {
    const t = now();
    const within = (x: number, windowMs: number) => t - x < windowMs - rules.toleranceMs;
    const last = identical.get(rq.identity);
    if (last !== undefined && within(last, rules.identicalWithinMs))
      return `Historical Market Data Service error message:Pacing violation: identical request within ${rules.identicalWithinMs / 1000} seconds`;
    const recent = (perContract.get(rq.contract) ?? []).filter((x) => within(x, rules.perContractWindowMs));
    if (recent.length >= rules.perContract)
      return `Historical Market Data Service error message:Pacing violation: more than ${rules.perContract} requests for the same contract within ${rules.perContractWindowMs / 1000} seconds`;
    const isSmall = rq.barSeconds <= rules.smallBarMaxSeconds;
    if (isSmall) {
      small = small.filter((x) => within(x, rules.smallBarWindowMs));
      if (small.length >= rules.smallBarRequests)
        return `Historical Market Data Service error message:Pacing violation: more than ${rules.smallBarRequests} requests for bars of ${rules.smallBarMaxSeconds} seconds or less within ${rules.smallBarWindowMs / 60_000} minutes`;
      small.push(t);
    }
    recent.push(t);
    perContract.set(rq.contract, recent);
    identical.set(rq.identity, t);
    return null;
  };
};
export type Pacing = ReturnType<typeof createPacing>;
