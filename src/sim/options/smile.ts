// The simulated volatility surface: around the underlying's own volatility, a skew that makes out-of-the-
// money puts dearer than calls (equity-index-like), a curvature that lifts both wings, and a mild term
// structure (short expiries a little richer). Moneyness is standardised by σ√T so the smile widens with
// time the way listed smiles do.

/** Skew per standard deviation of log-moneyness (negative: lower strikes, higher vol). */
const SKEW = -0.08;
/** Curvature per squared standard deviation. */
const CURVATURE = 0.015;
/** Extra vol for the shortest expiries, fading out over a year. */
const TERM = 0.1;

/** Implied volatility for a strike and expiry; `forward` is the spot grown at the rate (BS) or the future. */
export const smileVol = (baseVol: number, forward: number, strike: number, t: number): number => {
  const tt = Math.max(t, 1 / 365);
  const x = Math.max(-4, Math.min(4, Math.log(strike / forward) / (baseVol * Math.sqrt(tt))));
  const level = baseVol * (1 + TERM * Math.max(0, 1 - tt));
  return level * Math.max(0.5, 1 + SKEW * x + CURVATURE * x * x);
};
