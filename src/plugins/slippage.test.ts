import { slippageBps } from './slippage.js';

describe('slippageBps', () => {
  it('is positive when the fill cost money, on either side', () => {
    // BUY at 100.05 against 100: (100.05 − 100) / 100 · 1e4 = 5 bps paid.
    expect(slippageBps('BUY', 100, 100.05)).toBeCloseTo(5, 9);
    // SELL at 99.95 against 100: (100 − 99.95) / 100 · 1e4 = 5 bps paid.
    expect(slippageBps('SELL', 100, 99.95)).toBeCloseTo(5, 9);
  });

  it('is negative on price improvement and zero at arrival', () => {
    expect(slippageBps('BUY', 200, 199.9)).toBeCloseTo(-5, 9);
    expect(slippageBps('SELL', 200, 200.1)).toBeCloseTo(-5, 9);
    expect(slippageBps('SELL', 200, 200)).toBe(0);
  });
});
