import type { BookPositionFact } from '../facts.js';

export const GREEKS = ['delta', 'gamma', 'vega', 'theta'] as const;
export type Greek = (typeof GREEKS)[number];

/**
 * A position's Greeks in the book's terms: per unit × quantity × multiplier. Delta is then in shares (or
 * underlying units) of exposure, gamma in delta change per 1.00 of the underlying, vega in money per vol
 * point, theta in money per calendar day. null stays null: a missing Greek is never counted as zero.
 */
export const scaled = (
  p: Pick<BookPositionFact, Greek | 'quantity' | 'multiplier'>,
  g: Greek,
): number | null => {
  const v = p[g];
  return v === null ? null : v * p.quantity * p.multiplier;
};

export interface GreekTotals {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  /** Delta in money: Σ scaled delta × underlying price (null when a price is missing). */
  dollarDelta: number | null;
  positions: number;
  /** Positions whose Greeks IB did not send: the totals leave them out, and say so. */
  missing: number;
}

/** Sums the scaled Greeks of positions that have them; counts the ones that do not. */
export const totals = (ps: readonly BookPositionFact[]): GreekTotals => {
  const t: GreekTotals = {
    delta: 0,
    gamma: 0,
    vega: 0,
    theta: 0,
    dollarDelta: 0,
    positions: ps.length,
    missing: 0,
  };
  for (const p of ps) {
    if (GREEKS.some((g) => p[g] === null)) {
      t.missing++;
      continue;
    }
    for (const g of GREEKS) t[g] += scaled(p, g)!;
    const d = scaled(p, 'delta')!;
    if (t.dollarDelta !== null)
      t.dollarDelta = p.underlyingPrice === null ? null : t.dollarDelta + d * p.underlyingPrice;
  }
  return t;
};

/** Calendar days from `asOf` (YYYY-MM-DD) to an expiry (YYYYMMDD). */
export const daysToExpiry = (expiry: string, asOf: string): number =>
  Math.round(
    (Date.parse(`${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}T00:00:00Z`) -
      Date.parse(`${asOf}T00:00:00Z`)) /
      86_400_000,
  );

export interface SurfaceCell {
  strike: number;
  daysToExpiry: number;
  expiry: string;
  value: number | null;
  positions: number;
  missing: number;
}

/**
 * A strike × days-to-expiry grid of one Greek for one underlying's options: each cell sums the scaled Greek of
 * the positions there; a cell whose positions all lack it is null (shown as missing, not as a cold zero).
 */
export const surface = (ps: readonly BookPositionFact[], greek: Greek, asOf: string): SurfaceCell[] => {
  const cells = new Map<string, SurfaceCell>();
  for (const p of ps) {
    if (p.strike === null || p.expiry === null) continue;
    const key = `${p.expiry}|${p.strike}`;
    const c = cells.get(key) ?? {
      strike: p.strike,
      expiry: p.expiry,
      daysToExpiry: daysToExpiry(p.expiry, asOf),
      value: null,
      positions: 0,
      missing: 0,
    };
    c.positions++;
    const v = scaled(p, greek);
    if (v === null) c.missing++;
    else c.value = (c.value ?? 0) + v;
    cells.set(key, c);
  }
  return [...cells.values()].sort((a, b) => a.daysToExpiry - b.daysToExpiry || a.strike - b.strike);
};
