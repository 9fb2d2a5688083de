import { momentumStrategy } from './momentum.js';
import { DEFAULT_MOMENTUM, type MomentumParams, momentumParams } from './momentum-params.js';
import type { Strategy } from './types.js';

/**
 * A variant of a momentum champion: the champion's parameters with `overrides` on top, under its own name.
 * New lookbacks without weights keep the champion's weights when there are as many, else weigh equally.
 *
 * @param base The champion's parameters. @default DEFAULT_MOMENTUM
 */
export const momentumVariant = (
  name: string,
  overrides: Partial<MomentumParams>,
  base: Partial<MomentumParams> = DEFAULT_MOMENTUM,
): Strategy => {
  const b = momentumParams(base, name);
  const { lookbacks, lookbackWeights } = overrides;
  const weights =
    lookbackWeights ??
    (lookbacks && lookbacks.length !== b.lookbacks.length ? lookbacks.map(() => 1) : b.lookbackWeights);
  return momentumStrategy({ ...b, ...overrides, lookbackWeights: weights }, name);
};

/**
 * The challengers the runner evaluates in shadow beside a momentum champion (no orders; the experiments
 * plugin scores them on the same bars):
 * - `momentum-fast`: every lookback halved (20/60/120 → 10/30/60), which reacts sooner to turns and pays
 *   for it in whipsaws;
 * - `momentum-hot`: 1.5× the target volatility and the weight cap, the same signal sized bigger.
 *
 * @param base The champion's parameters. @default DEFAULT_MOMENTUM
 */
export const momentumChallengers = (base: Partial<MomentumParams> = DEFAULT_MOMENTUM): Strategy[] => {
  const b = momentumParams(base);
  return [
    momentumVariant(
      'momentum-fast',
      { lookbacks: b.lookbacks.map((lb) => Math.max(2, Math.round(lb / 2))) },
      b,
    ),
    momentumVariant('momentum-hot', { targetVol: b.targetVol * 1.5, maxWeight: b.maxWeight * 1.5 }, b),
  ];
};
