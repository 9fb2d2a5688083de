import type { DailyBar } from '../broker/types.js';
import { DEFAULT_MOMENTUM, momentumStrategy } from './momentum.js';
import type { StrategyInput } from './types.js';
import { momentumChallengers, momentumVariant } from './variants.js';

// A steady up-trend with a wobble: 140 bars ending at 100, daily log returns 0.001 + 0.02·sin(0.7 i).
const trend: DailyBar[] = (() => {
  const closes = [100];
  for (let i = 139; i >= 0; i--) closes.unshift(closes[0]! / Math.exp(0.001 + 0.02 * Math.sin(0.7 * i)));
  return closes.map((close, i) => ({
    date: `d${i}`,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1e6,
  }));
})();

const input: StrategyInput = {
  tradingDate: '2026-06-01',
  equity: 1_000_000,
  positions: new Map(),
  bars: new Map([['AAPL', trend]]),
  multipliers: new Map(),
};

describe('momentum challengers', () => {
  const champion = momentumStrategy();
  const [fast, hot] = momentumChallengers();

  it('are named, distinct variants of the champion’s parameters', () => {
    expect([fast!.name, hot!.name]).toEqual(['momentum-fast', 'momentum-hot']);
    // Halved lookbacks: 20/60/120 → 10/30/60; the rest as the champion.
    expect(fast!.params).toEqual({ ...DEFAULT_MOMENTUM, lookbacks: [10, 30, 60] });
    expect(fast!.requiredHistory).toBe(61);
    // 1.5 × 0.04 = 0.06 target vol, 1.5 × 0.2 = 0.3 cap.
    expect(hot!.params.targetVol).toBeCloseTo(0.06, 12);
    expect(hot!.params.maxWeight).toBeCloseTo(0.3, 12);
  });

  it('evaluate differently from the champion on the same bars', () => {
    const [c] = champion.evaluate(input);
    const [f] = fast!.evaluate(input);
    const [h] = hot!.evaluate(input);
    expect(Object.keys(f!.features)).toContain('ret_10d');
    expect(f!.features.momentum_z).not.toBeCloseTo(c!.features.momentum_z!, 3);
    // Same signal and vol, 1.5× the target vol, neither weight capped: 1.5× the position, ± rounding.
    expect(h!.features).toEqual(c!.features);
    expect(c!.targetPosition).toBeGreaterThan(0);
    expect(Math.abs(h!.targetPosition - 1.5 * c!.targetPosition)).toBeLessThanOrEqual(1);
  });

  it('follow a champion with other parameters', () => {
    const [f] = momentumChallengers({ lookbacks: [10, 40], targetVol: 0.08 });
    expect(f!.params).toMatchObject({ lookbacks: [5, 20], targetVol: 0.08 });
    expect(momentumVariant('slow', { lookbacks: [120, 250] }).requiredHistory).toBe(251);
  });
});
