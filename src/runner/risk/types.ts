import type { RiskVerdict } from '../../plugins/facts.js';
import type { KillSwitchState } from '../../plugins/types.js';

export type { KillSwitchState, RiskVerdict };

/**
 * Limit rules (configured) and guards (data the gate cannot decide without: a positive equity, a usable
 * price, an integer target). Guards are recorded only when they block; limit rules always.
 */
export type RiskRule =
  | 'killSwitch'
  | 'equity'
  | 'price'
  | 'target'
  | 'maxPositionNotional'
  | 'maxGrossExposure'
  | 'maxDailyLoss'
  | 'maxOrderNotional';

/** One decision of the gate: which rule, about what, the measured value against the limit, and why. */
export interface RiskDecision {
  rule: RiskRule;
  /** A symbol, or 'portfolio'. */
  subject: string;
  /** In the account currency (notional, loss, exposure) except where the reason says otherwise. */
  value: number;
  limit: number;
  decision: RiskVerdict;
  reason: string;
}

/** Gross exposure cap: a multiple of equity, or a fixed notional. */
export type GrossExposureLimit = { multiple: number } | { notional: number };

/** What the gate enforces. Defaults in limits.ts, sized for IB's default 1,000,000 paper account. */
export interface RiskLimits {
  /**
   * Largest position in one symbol, as notional (|quantity| · price · multiplier). A backstop above the
   * strategy's own per-symbol cap (20% of equity), so it only bites when the sizer misbehaves.
   * @default 250_000
   */
  maxPositionNotional: number;
  /**
   * Largest gross exposure (Σ |quantity| · price · multiplier). Above it every proposed target is scaled by
   * the same factor, so the book keeps its shape.
   * @default { multiple: 1.5 }
   */
  maxGrossExposure: GrossExposureLimit;
  /**
   * Largest single order, as notional: a fat-finger guard. An order above 15% of a 1M account in one go is
   * more likely a bug than a decision; a full-size new position simply builds over two cycles.
   * @default 150_000
   */
  maxOrderNotional: number;
  /**
   * Loss today (against the previous cycle's net liquidation) beyond which only risk-reducing orders pass.
   * 2% of 1M: about a two-sigma day for a book running ~15% annualised volatility (15% / √252 ≈ 0.95%/day).
   * @default 20_000
   */
  maxDailyLoss: number;
  /** On: nothing trades, see gate.ts for why reductions are blocked too. @default { on: false, reason: null } */
  killSwitch: Pick<KillSwitchState, 'on' | 'reason'> & Partial<Pick<KillSwitchState, 'source' | 'since'>>;
}

/** What the gate decides on: proposed targets and the book as it stands. */
export interface RiskInput {
  /** Proposed signed target per symbol (integer shares or contracts). */
  targets: ReadonlyMap<string, number>;
  /** Current signed positions; absent means flat. */
  positions: ReadonlyMap<string, number>;
  prices: ReadonlyMap<string, number>;
  /** Contract multiplier per symbol; absent means 1. */
  multipliers: ReadonlyMap<string, number>;
  /** Net liquidation. */
  equity: number;
  /** Today's P&L against the previous cycle's equity; null when there is no previous cycle. */
  dailyPnl: number | null;
}

/** The gate's answer. */
export interface RiskResult {
  /** Allowed target per proposed symbol (the current position where blocked). */
  targets: Map<string, number>;
  /** Every decision, allows included, in the order they were taken. */
  decisions: RiskDecision[];
}
