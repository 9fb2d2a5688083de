import { momentumView } from './momentum-features.js';
import { type MomentumParams, momentumHistory, momentumParams } from './momentum-params.js';
import { probabilityUp, targetQuantity, targetWeight } from './momentum-sizing.js';
import type { Strategy, StrategyInput, StrategyOutput } from './types.js';

export { DEFAULT_MOMENTUM, type MomentumParams } from './momentum-params.js';

/** Bumped whenever the same params would give different output: experiments compare like with like. */
export const MOMENTUM_VERSION = '2';

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

/**
 * Time-series momentum with volatility scaling (Moskowitz, Ooi & Pedersen 2012): long what has risen over
 * the lookbacks, short what has fallen, each position sized to the same volatility. Transparent on purpose:
 * every number behind a target is in its feature vector or its reason.
 *
 * Symbols with too little (or unusable) history get no signal, so the gate never sees them and whatever is
 * held there is left alone rather than flattened by a strategy that cannot see it.
 *
 * @param overrides Parameters replacing {@link DEFAULT_MOMENTUM}'s; checked, throws HYDRA_ERR_INPUT.
 * @param name Name of this variant. @default 'momentum'
 */
export const momentumStrategy = (overrides: Partial<MomentumParams> = {}, name = 'momentum'): Strategy => {
  const p = momentumParams(overrides, name);
  return Object.freeze({
    name,
    version: MOMENTUM_VERSION,
    params: Object.freeze(structuredClone(p)),
    requiredHistory: momentumHistory(p),
    evaluate: (input: StrategyInput): StrategyOutput => {
      const out: StrategyOutput = [];
      for (const [symbol, bars] of input.bars) {
        const view = momentumView(bars, p);
        if (!view) continue;
        const unit = view.close * (input.multipliers.get(symbol) ?? 1);
        const weight = targetWeight(view.signal, view.sizingVol, p);
        const targetPosition = targetQuantity(weight, input.equity, unit, p.maxWeight);
        out.push({
          symbol,
          targetPosition,
          probabilityUp: probabilityUp(view.signal, p),
          features: view.features,
          price: view.close,
          reason:
            weight === 0
              ? `signal ${fmt(view.signal)} inside the deadband ±${p.deadband}: flat`
              : input.equity > 0
                ? `signal ${fmt(view.signal)}, vol ${fmt(view.sizingVol)}: weight ${fmt(weight)} of equity`
                : `no positive equity to size against: flat`,
        });
      }
      return out;
    },
  });
};
