import type { RiskDecisionFact } from '../../plugins/facts.js';
import type { KillSwitchState } from '../../plugins/types.js';
import type { GateInput as ProposedTargets } from '../cycle/types.js';
import { capGross } from './gross.js';
import { checkLimits, DEFAULT_LIMITS, grossCap } from './limits.js';
import { capOrder, capPosition, type Decide, money, reduceOnly } from './rules.js';
import type { RiskDecision, RiskInput, RiskLimits, RiskResult } from './types.js';

export { DEFAULT_LIMITS } from './limits.js';
export type { RiskDecision, RiskInput, RiskLimits, RiskResult } from './types.js';

/**
 * The risk gate, pure: every proposed target passes each rule and every decision is recorded, allows
 * included. Order matters and is deliberate:
 *
 * 1. kill switch: on → every target is held at the current position and nothing else is evaluated.
 *    Reductions are blocked too: whoever pulls the switch wants the book frozen while they look, and an
 *    automatic flatten into whatever made them pull it (bad data, a broken gateway, a runaway model) is a
 *    trade of its own that a human should decide. "Blocked" then means exactly one thing (freqtrade#4837:
 *    users misread what protections block).
 * 2. guards: no positive equity → hold everything (a failed account read must not size the book to zero);
 *    no usable price or a non-integer target → hold that symbol.
 * 3. target rules: max position per symbol, then max gross exposure (proportional scaling).
 * 4. order rules, on what would be sent: daily loss breached → reductions only; then max order size last,
 *    so no later step can make an order bigger than the limit. Cutting orders can leave gross above its cap
 *    for a cycle when the book must shrink faster than one order allows; the next cycle continues.
 */
export const evaluateRisk = (input: RiskInput, limits: RiskLimits = DEFAULT_LIMITS): RiskResult => {
  checkLimits(limits);
  const decisions: RiskDecision[] = [];
  const decide: Decide = (d) => decisions.push(d);
  const current = (s: string) => input.positions.get(s) ?? 0;
  /** Notional of one share or contract; null when the gate cannot value the symbol. */
  const unitOf = (s: string) => {
    const u = (input.prices.get(s) ?? Number.NaN) * (input.multipliers.get(s) ?? 1);
    return u > 0 && Number.isFinite(u) ? u : null;
  };
  const targets = new Map<string, number>();
  const holdAll = (d: Omit<RiskDecision, 'subject' | 'decision'>, perSymbol: (s: string) => string) => {
    decide({ ...d, subject: 'portfolio', decision: 'block' });
    for (const [s] of input.targets) {
      targets.set(s, current(s));
      decide({ ...d, subject: s, decision: 'block', reason: perSymbol(s) });
    }
    return { targets, decisions };
  };

  const ks = limits.killSwitch;
  if (ks.on) {
    const why = `kill switch on${ks.source ? ` (${ks.source})` : ''}${ks.reason ? `: ${ks.reason}` : ''}`;
    return holdAll(
      { rule: 'killSwitch', value: 1, limit: 0, reason: why },
      (s) => `${why}; held at ${current(s)}`,
    );
  }
  decide({
    rule: 'killSwitch',
    subject: 'portfolio',
    value: 0,
    limit: 0,
    decision: 'allow',
    reason: 'kill switch off',
  });
  if (!(input.equity > 0))
    return holdAll(
      {
        rule: 'equity',
        value: Number.isFinite(input.equity) ? input.equity : 0,
        limit: 0,
        reason: `no positive equity (${input.equity}) to size against: nothing trades`,
      },
      (s) => `no positive equity (${input.equity}) to size against: held at ${current(s)}`,
    );

  const loss = input.dailyPnl === null ? 0 : Math.max(0, -input.dailyPnl);
  const lossBreached = loss > limits.maxDailyLoss;
  decide({
    rule: 'maxDailyLoss',
    subject: 'portfolio',
    value: loss,
    limit: limits.maxDailyLoss,
    decision: lossBreached ? 'block' : 'allow',
    reason:
      input.dailyPnl === null
        ? 'no previous cycle: daily P&L unknown, counted as no loss'
        : lossBreached
          ? `lost ${money(loss)} today, over ${money(limits.maxDailyLoss)}: only risk-reducing orders pass`
          : 'within limit',
  });

  // Target-level rules, on the symbols the gate can value.
  const units = new Map<string, number>();
  const sized = new Map<string, number>();
  for (const [s, proposed] of input.targets) {
    const unit = unitOf(s);
    if (unit === null) {
      targets.set(s, current(s));
      decide({
        rule: 'price',
        subject: s,
        value: 0,
        limit: 0,
        decision: 'block',
        reason: 'no usable price: held',
      });
      continue;
    }
    if (!Number.isSafeInteger(proposed)) {
      targets.set(s, current(s));
      decide({
        rule: 'target',
        subject: s,
        value: 0,
        limit: 0,
        decision: 'block',
        reason: `target ${proposed} is not an integer: held`,
      });
      continue;
    }
    units.set(s, unit);
    sized.set(s, capPosition(s, proposed, unit, limits.maxPositionNotional, decide));
  }
  let fixedGross = 0;
  for (const [s, q] of input.positions)
    if (!input.targets.has(s)) fixedGross += Math.abs(q) * (unitOf(s) ?? 0);
  const scaled = capGross(sized, units, fixedGross, grossCap(limits.maxGrossExposure, input.equity), decide);

  // Order-level rules, on what would actually be sent.
  for (const [s, planned] of scaled) {
    const unit = units.get(s)!;
    let target = planned;
    if (lossBreached) target = reduceOnly(s, current(s), target, unit, decide);
    target = capOrder(s, current(s), target, unit, limits.maxOrderNotional, decide);
    targets.set(s, target);
  }
  // Held symbols went into the map first: rebuild it in the proposal's order so output lines up with input.
  return { targets: new Map([...input.targets.keys()].map((s) => [s, targets.get(s)!])), decisions };
};

/** What the cycle proposes (cycle/types.ts), plus the kill switch as read at decision time. */
export interface GateInput extends ProposedTargets {
  killSwitch: KillSwitchState;
}

/**
 * The gate as the cycle calls it: {@link evaluateRisk} with the kill switch read at decision time (either
 * the input's or the limits' being on is enough), decisions stamped with the cycle id and time.
 */
export const riskGate = (
  input: GateInput,
  limits: RiskLimits = DEFAULT_LIMITS,
): { targets: Map<string, number>; decisions: RiskDecisionFact[] } => {
  const killSwitch = input.killSwitch.on ? input.killSwitch : limits.killSwitch;
  const r = evaluateRisk(input, { ...limits, killSwitch });
  return {
    targets: r.targets,
    decisions: r.decisions.map((d) => ({ cycleId: input.cycleId, ...d, at: input.at })),
  };
};
