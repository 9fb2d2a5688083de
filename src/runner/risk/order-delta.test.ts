import { isRiskReducing, orderDelta } from './order-delta.js';

describe('orderDelta', () => {
  it('is target minus position, as an unsigned quantity with a side', () => {
    expect(orderDelta(150, 100)).toEqual({ delta: 50, side: 'BUY', quantity: 50 });
    expect(orderDelta(-20, 30)).toEqual({ delta: -50, side: 'SELL', quantity: 50 });
    expect(orderDelta(7, 7)).toEqual({ delta: 0, side: null, quantity: 0 });
  });

  it('refuses non-finite quantities', () => {
    expect(() => orderDelta(Number.NaN, 0)).toThrow(/cannot trade from 0 to NaN/);
  });
});

describe('isRiskReducing', () => {
  it.each([
    [100, 40, true],
    [100, 0, true],
    [-100, -40, true],
    [100, 100, true],
    [0, 0, true],
    [100, 150, false], // adding
    [0, 10, false], // opening
    [100, -10, false], // flipping
    [-100, 10, false],
  ])('from %d to %d: %s', (position, target, expected) => {
    expect(isRiskReducing(position, target)).toBe(expected);
  });
});
