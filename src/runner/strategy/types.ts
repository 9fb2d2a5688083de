import type { DailyBar } from '../broker/types.js';

export type { DailyBar };

/**
 * What a strategy sees: per symbol its daily bars (oldest first, the last one is the decision bar), plus the
 * account it sizes against. Maps, not records, so symbol order is the universe's order.
 */
export interface StrategyInput {
  /** The trading date the cycle decides for (YYYY-MM-DD). */
  tradingDate: string;
  /** Net liquidation, in the account currency. */
  equity: number;
  /** Current signed positions (shares or contracts); a symbol absent here is flat. */
  positions: ReadonlyMap<string, number>;
  bars: ReadonlyMap<string, readonly DailyBar[]>;
  /** Contract multiplier per symbol; absent means 1 (stocks). */
  multipliers: ReadonlyMap<string, number>;
}

/** One symbol's decision: the position it wants, P(next close > this close), and the features it used. */
export interface StrategySignal {
  symbol: string;
  /** Signed integer quantity (shares or contracts) the strategy wants to hold after this cycle. */
  targetPosition: number;
  /** Predicted probability that the next daily close is above the last one, in [0, 1]. */
  probabilityUp: number;
  /**
   * The feature vector behind the decision. Names must be stable from one cycle to the next for a given
   * strategy and parameters: drift monitoring compares each name's distribution over time.
   */
  features: Record<string, number>;
  /** The price the target was sized at (the last close); the risk gate values positions with it. */
  price: number;
  /** Optional human-readable explanation, shown next to the signal. */
  reason?: string;
}

/** Signals for the symbols the strategy could evaluate; a symbol without enough history is left out. */
export type StrategyOutput = StrategySignal[];

/**
 * A strategy is a plain object made by a factory. `evaluate` must be pure and deterministic (same input, same
 * output, no I/O, no clock, no randomness): challengers run in shadow on the same input and are compared with
 * the champion, and drift monitoring compares the features over time.
 */
export interface Strategy {
  /** Unique among the champion and its challengers: experiments are keyed by it. */
  name: string;
  version: string;
  /** Everything that shapes the output, JSON-serialisable: a promoted variant is rebuilt from it. */
  params: Readonly<Record<string, unknown>>;
  /** Bars a symbol needs before it can be evaluated; the data step fetches at least this many. */
  requiredHistory: number;
  evaluate(input: StrategyInput): StrategyOutput;
}

/** What a user's strategy module may export (default or `strategy`): the object or a factory of it. */
export type StrategyFactory = () => Strategy | Promise<Strategy>;
