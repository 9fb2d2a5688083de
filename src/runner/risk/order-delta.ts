import { hydraError } from '../../errors.js';
import type { Side } from '../../plugins/facts.js';

/** The order between a position and a target, as IB wants it. */
export interface OrderDelta {
  /** target − position, signed. */
  delta: number;
  /** null when there is nothing to trade. */
  side: Side | null;
  /** |delta|: IB quantities are unsigned with a side. */
  quantity: number;
}

/** The order that takes `position` to `target`. Throws HYDRA_ERR_INPUT on a non-finite quantity. */
export const orderDelta = (target: number, position: number): OrderDelta => {
  if (!Number.isFinite(target) || !Number.isFinite(position))
    throw hydraError('HYDRA_ERR_INPUT', `cannot trade from ${position} to ${target}`, { target, position });
  const delta = target - position;
  if (delta === 0) return { delta: 0, side: null, quantity: 0 };
  return { delta, side: delta > 0 ? 'BUY' : 'SELL', quantity: Math.abs(delta) };
};

/**
 * True when going from `position` to `target` only shrinks exposure: the target lies between zero and the
 * position, same side. Opening from flat, adding, and flipping sides are not reductions.
 */
export const isRiskReducing = (position: number, target: number): boolean =>
  position >= 0 ? target >= 0 && target <= position : target <= 0 && target >= position;
