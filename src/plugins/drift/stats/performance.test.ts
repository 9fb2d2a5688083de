import { drawdownSeries, drawdowns, returnsOf, rollingSharpe, sharpe } from './performance.js';

describe('returns and Sharpe ratio', () => {
  it('computes simple returns of an equity series (hand)', () => {
    const r = returnsOf([100, 110, 99, 99]);
    expect(r[0]).toBeCloseTo(0.1, 15);
    expect(r[1]).toBeCloseTo(-0.1, 15);
    expect(r[2]).toBe(0);
    expect(returnsOf([100])).toEqual([]);
  });

  it('annualises mean / sample σ with √252 by default (hand)', () => {
    // Returns .01, −.01, .02: mean 1/150 = 0.0066667, sample σ = √(4.6667e−4 / 2) = 0.0152753,
    // ratio 0.436436; × √252 = 6.928203 (= 4√3); monthly, × √12 = 1.511858.
    expect(sharpe([0.01, -0.01, 0.02])).toBeCloseTo(4 * Math.sqrt(3), 10);
    expect(sharpe([0.01, -0.01, 0.02], 12)).toBeCloseTo(1.511858, 6);
  });

  it('is null below two returns or with zero σ (not enough history is not bad input)', () => {
    expect(sharpe([])).toBeNull();
    expect(sharpe([0.01])).toBeNull();
    expect(sharpe([0.01, 0.01, 0.01])).toBeNull();
  });

  it('rolls over a trailing window, null until it is full (hand)', () => {
    // Window 3 over .01, −.01, .02, .04: first full window as above (6.928203); the second, −.01, .02, .04:
    // mean 0.0166667, σ 0.0251661, ratio 0.662266 × √252 = 10.513150.
    const r = rollingSharpe([0.01, -0.01, 0.02, 0.04], { window: 3 });
    expect(r[0]).toBeNull();
    expect(r[1]).toBeNull();
    expect(r[2]).toBeCloseTo(6.928203, 6);
    expect(r[3]).toBeCloseTo(10.51315, 5);
    expect(rollingSharpe([0.01, 0.02], { window: 2, periodsPerYear: 12 })[1]).toBeCloseTo(
      (0.015 / Math.sqrt(0.00005)) * Math.sqrt(12),
      12,
    );
    expect(rollingSharpe([0.01], { window: 60 })).toEqual([null]);
  });

  it('refuses NaN and infinite returns and bad settings, naming the series', () => {
    expect(() => sharpe([0.01, Number.NaN], 252, 'daily-returns')).toThrow(/^daily-returns: value #2 is NaN/);
    expect(() => rollingSharpe([0.01, 0.02], { window: 1 })).toThrow(/window must be an integer ≥ 2/);
    expect(() => sharpe([0.01, 0.02], 0)).toThrow(/periodsPerYear must be finite and > 0/);
    expect(() => returnsOf([100, 0, 50])).toThrow(/^equity: value #2 is 0: a return needs positive equity/);
  });
});

describe('drawdowns', () => {
  it('measures current and maximum drawdown against the running peak (hand)', () => {
    // Peak 120 → trough 90: 25 %; now 117 against the new peak 130: 10 %.
    const equity = [100, 120, 90, 110, 130, 117];
    expect(drawdowns(equity)).toEqual({ current: expect.closeTo(0.1, 14), max: expect.closeTo(0.25, 14) });
    const dd = drawdownSeries(equity);
    expect([...dd].map((x) => +x.toFixed(12))).toEqual(
      [0, 0, 0.25, 1 / 12, 0, 0.1].map((x) => +x.toFixed(12)),
    );
  });

  it('is 0 on a rising curve, 1 at zero equity and null without data', () => {
    expect(drawdowns([1, 2, 3])).toEqual({ current: 0, max: 0 });
    expect(drawdowns([50, 0])).toEqual({ current: 1, max: 1 });
    expect(drawdowns([])).toEqual({ current: null, max: null });
  });

  it('refuses non-finite values and a non-positive first value, naming the series', () => {
    expect(() => drawdowns([100, Number.POSITIVE_INFINITY], 'net-liquidation')).toThrow(
      /^net-liquidation: value #2 is Infinity/,
    );
    expect(() => drawdowns([0, 10])).toThrow(/value #1 is 0: drawdowns are fractions of a positive peak/);
  });
});
