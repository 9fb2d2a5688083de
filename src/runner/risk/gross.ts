import type { Decide } from './rules.js';
import { money } from './rules.js';

/**
 * Caps gross exposure Σ |q| · unit at `cap` by scaling every proposed target by one factor (truncated toward
 * zero, so the result never exceeds the cap), which keeps the book's shape. Holdings without a proposal
 * (`fixedGross`) are not the gate's to move: they count against the cap and only the proposals shrink.
 * Returns the scaled targets; records one portfolio decision, plus a clip per symbol that changed.
 */
export const capGross = (
  targets: ReadonlyMap<string, number>,
  units: ReadonlyMap<string, number>,
  fixedGross: number,
  cap: number,
  decide: Decide,
): Map<string, number> => {
  const proposed = [...targets].reduce((a, [s, q]) => a + Math.abs(q) * units.get(s)!, 0);
  const gross = proposed + fixedGross;
  const base = { rule: 'maxGrossExposure', subject: 'portfolio', value: gross, limit: cap } as const;
  if (gross <= cap) {
    decide({ ...base, decision: 'allow', reason: 'within limit' });
    return new Map(targets);
  }
  const scale = proposed > 0 ? Math.max(0, cap - fixedGross) / proposed : 0;
  decide({
    ...base,
    decision: 'clip',
    reason:
      `gross ${money(gross)} over ${money(cap)}: every proposed target scaled by ${scale.toFixed(4)}` +
      (fixedGross > 0 ? ` (holdings without a proposal: ${money(fixedGross)})` : ''),
  });
  const out = new Map<string, number>();
  for (const [s, q] of targets) {
    const scaled = Math.trunc(q * scale) || 0;
    out.set(s, scaled);
    if (scaled !== q) {
      const u = units.get(s)!;
      decide({
        rule: 'maxGrossExposure',
        subject: s,
        value: Math.abs(q) * u,
        limit: Math.abs(scaled) * u,
        decision: 'clip',
        reason: `scaled with the portfolio by ${scale.toFixed(4)}: target ${q} → ${scaled}`,
      });
    }
  }
  return out;
};
