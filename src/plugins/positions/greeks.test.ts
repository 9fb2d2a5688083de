import type { BookPositionFact } from '../facts.js';
import { daysToExpiry, surface, totals } from './greeks.js';

const pos = (p: Partial<BookPositionFact>): BookPositionFact => ({
  symbol: 'MSFT',
  secType: 'OPT',
  conId: 1,
  right: 'C',
  strike: 400,
  expiry: '20261218',
  multiplier: 100,
  quantity: 1,
  avgCost: 10,
  marketPrice: 12,
  underlyingPrice: 410,
  delta: 0.5,
  gamma: 0.01,
  vega: 0.3,
  theta: -0.05,
  impliedVol: 0.25,
  ...p,
});

describe('portfolio Greeks', () => {
  it('scales by quantity and multiplier, and leaves out (and counts) positions without Greeks', () => {
    const t = totals([
      pos({ quantity: 3 }),
      pos({ conId: 2, right: 'P', quantity: -2, delta: -0.4, gamma: 0.012, vega: 0.28, theta: -0.04 }),
      pos({ conId: 3, delta: null, gamma: null, vega: null, theta: null }),
      pos({
        conId: 4,
        secType: 'STK',
        right: null,
        strike: null,
        expiry: null,
        multiplier: 1,
        quantity: 50,
        delta: 1,
        gamma: 0,
        vega: 0,
        theta: 0,
      }),
    ]);
    expect(t.positions).toBe(4);
    expect(t.missing).toBe(1);
    expect(t.delta).toBeCloseTo(0.5 * 300 + -0.4 * -200 + 50, 9);
    expect(t.gamma).toBeCloseTo(0.01 * 300 + 0.012 * -200, 9);
    expect(t.vega).toBeCloseTo(0.3 * 300 + 0.28 * -200, 9);
    expect(t.theta).toBeCloseTo(-0.05 * 300 + -0.04 * -200, 9);
    expect(t.dollarDelta).toBeCloseTo((0.5 * 300 + 0.4 * 200 + 50) * 410, 6);
    // A position with only part of its Greeks is missing too: a total never mixes complete and partial rows.
    expect(totals([pos({ vega: null })])).toMatchObject({ missing: 1, delta: 0, vega: 0 });
  });

  it('lays one Greek of an underlying out on strike × days to expiry, a cell with no Greeks as missing', () => {
    const cells = surface(
      [
        pos({ strike: 400, quantity: 2 }),
        pos({ conId: 2, strike: 400, right: 'P', delta: -0.45 }),
        pos({ conId: 3, strike: 420, expiry: '20270115', delta: null }),
      ],
      'delta',
      '2026-11-20',
    );
    expect(cells).toEqual([
      {
        strike: 400,
        expiry: '20261218',
        daysToExpiry: 28,
        value: 0.5 * 200 - 0.45 * 100,
        positions: 2,
        missing: 0,
      },
      { strike: 420, expiry: '20270115', daysToExpiry: 56, value: null, positions: 1, missing: 1 },
    ]);
    expect(daysToExpiry('20261120', '2026-11-20')).toBe(0);
  });
});
