import { hydraError } from '../../errors.js';
import { averageVolume, type CostBar, dailySigma } from './market-stats.js';

/**
 * Pre-trade cost model: half the quoted spread plus square-root market impact,
 *
 *   cost (bps) = spread/2 (bps of mid) + k · σ_daily (bps) · √(quantity / ADV).
 *
 * The square-root law is one of the most robust regularities of market microstructure: impact grows with the
 * square root of the traded fraction of daily volume, scaled by daily volatility, with a prefactor k "of
 * order one" across equities and futures (Almgren, Thum, Hauptmann & Li 2005, "Direct estimation of equity
 * market impact", Risk; Tóth et al. 2011, "Anomalous price impact and the critical nature of liquidity",
 * Phys. Rev. X 1, 021006; Bouchaud, Bonart, Donier & Gould 2018, "Trades, Quotes and Prices", ch. 12).
 */
export interface SlippageParams {
  /**
   * Prefactor k of the square-root term. 0.5 sits at the low end of the published order-one range: our
   * orders are single, small market orders in liquid names, not the long sliced metaorders most estimates
   * come from. Deliberately plain: reconciliation measures its bias against real fills (the simulator fills
   * with 0.7, so a biased prediction is visible by design).
   * @default 0.5
   */
  impactCoefficient: number;
  /** Bars behind σ_daily (returns) and ADV (volumes): about a month. @default 20 */
  window: number;
  /**
   * Spread assumed when the quote has no usable bid and ask (closed market, one side missing, crossed).
   * Conservative for US large caps, whose quoted spreads are typically 1–3 bps, so a missing quote never
   * makes an order look free.
   * @default 5
   */
  fallbackSpreadBps: number;
  /** Daily σ assumed with fewer than two usable returns (2% ≈ 32% annualised: cautious). @default 0.02 */
  fallbackSigmaDaily: number;
  /**
   * Shares (or contracts) per unit of bar volume. Some IB historical data reports US stock volume in lots of
   * 100; set 100 if yours does, or ADV is 100× too small and impact 10× too large.
   * @default 1
   */
  volumeUnit: number;
}

/** Defaults; see each field of {@link SlippageParams} for why. */
export const DEFAULT_SLIPPAGE: Readonly<SlippageParams> = Object.freeze({
  impactCoefficient: 0.5,
  window: 20,
  fallbackSpreadBps: 5,
  fallbackSigmaDaily: 0.02,
  volumeUnit: 1,
});

/** The prediction and every number behind it, so a miss can be traced to its component. */
export interface SlippageEstimate {
  /** Predicted cost in bps of the arrival mid, positive = cost: halfSpreadBps + impactBps. */
  bps: number;
  halfSpreadBps: number;
  /** Full quoted spread in bps of mid (or the fallback). */
  spreadBps: number;
  spreadSource: 'quote' | 'fallback';
  impactBps: number;
  /** σ of daily log returns, in bps. */
  sigmaDailyBps: number;
  sigmaSource: 'bars' | 'fallback';
  /** Average daily volume in shares or contracts; null when unknown (then impact is 0: see participation). */
  adv: number | null;
  /** quantity / ADV; null when ADV is unknown. */
  participation: number | null;
}

/**
 * Predicted cost of one order, in bps of mid. The model is symmetric: a buy and a sell of the same size cost
 * the same, so only |quantity| matters and the result is never negative. Without any volume data the impact
 * cannot be scaled and is 0, which `participation: null` makes visible.
 *
 * @param quantity Shares or contracts; the sign is ignored.
 * @param quote The arrival quote.
 * @param bars Daily bars, oldest first.
 * @param params @default DEFAULT_SLIPPAGE
 */
export const predictSlippage = (
  quantity: number,
  quote: { bid: number | null; ask: number | null },
  bars: readonly CostBar[],
  params: Partial<SlippageParams> = {},
): SlippageEstimate => {
  const p: SlippageParams = { ...DEFAULT_SLIPPAGE, ...params };
  if (!Number.isFinite(quantity))
    throw hydraError('HYDRA_ERR_INPUT', `cannot predict slippage for a quantity of ${quantity}`, {
      quantity,
    });
  const qty = Math.abs(quantity);
  const { bid, ask } = quote;
  const usableQuote = bid !== null && ask !== null && bid > 0 && ask >= bid && Number.isFinite(ask);
  const spreadBps = usableQuote ? ((ask - bid) / ((ask + bid) / 2)) * 10_000 : p.fallbackSpreadBps;
  const sigma = dailySigma(bars, p.window);
  const sigmaDailyBps = (sigma ?? p.fallbackSigmaDaily) * 10_000;
  const rawAdv = averageVolume(bars, p.window);
  const adv = rawAdv === null ? null : rawAdv * p.volumeUnit;
  const participation = adv === null ? null : qty / adv;
  const impactBps =
    participation === null ? 0 : p.impactCoefficient * sigmaDailyBps * Math.sqrt(participation);
  const halfSpreadBps = qty === 0 ? 0 : spreadBps / 2;
  return {
    bps: halfSpreadBps + impactBps,
    halfSpreadBps,
    spreadBps,
    spreadSource: usableQuote ? 'quote' : 'fallback',
    impactBps,
    sigmaDailyBps,
    sigmaSource: sigma === null ? 'fallback' : 'bars',
    adv,
    participation,
  };
};
