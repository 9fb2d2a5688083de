import { type BookPosition, contractLabel, filterPositions, heatAlpha } from './hydra-positions.js';

const p = (symbol: string, secType: string, expiry: string | null) =>
  ({ symbol, secType, expiry, right: expiry ? 'C' : null, strike: expiry ? 100 : null }) as BookPosition;

describe('hydra-positions', () => {
  it('filters by underlying, type and expiry together', () => {
    const ps = [
      p('MSFT', 'OPT', '20261218'),
      p('MSFT', 'STK', null),
      p('ES', 'FOP', '20261218'),
      p('MSFT', 'OPT', '20270115'),
    ];
    expect(filterPositions(ps, {})).toHaveLength(4);
    expect(filterPositions(ps, { underlying: 'MSFT' })).toHaveLength(3);
    expect(filterPositions(ps, { underlying: 'MSFT', type: 'OPT', expiry: '20261218' })).toEqual([ps[0]]);
    expect(filterPositions(ps, { expiry: '20261218' })).toEqual([ps[0], ps[2]]);
  });
  it('labels options by expiry, strike and right', () => {
    expect(contractLabel(p('MSFT', 'OPT', '20261218'))).toBe('MSFT 2026-12-18 100 C');
    expect(contractLabel(p('MSFT', 'STK', null))).toBe('MSFT');
  });
  it('shades a heatmap cell by its share of the largest magnitude', () => {
    expect(heatAlpha(10, 10)).toBeCloseTo(0.83, 9);
    expect(heatAlpha(-5, 10)).toBeCloseTo(0.455, 9);
    expect(heatAlpha(0, 10)).toBeCloseTo(0.08, 9);
    expect(heatAlpha(3, 0)).toBe(0.08);
  });
});
