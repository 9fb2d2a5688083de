import { addTradingDays } from './calendar.js';
import { buildCatalog, frontMonth, thirdFriday } from './catalog.js';
import { createMarket, defaultRegimes, HISTORY_START, REGIME_EPOCH_DAYS } from './market.js';

const TODAY = '2026-03-02';
const make = (seed = 7, regimes = defaultRegimes([...buildCatalog(seed, TODAY).keys()])) => {
  const catalog = buildCatalog(seed, TODAY);
  return { catalog, market: createMarket(catalog, seed, regimes) };
};
const logReturns = (closes: number[]) => closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
const stdev = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe('the synthetic market', () => {
  it('gives the same bars for a (seed, symbol, date) whatever was asked before, and other bars for another seed', () => {
    const a = make().market;
    const b = make().market;
    // b asks in another order and another span first.
    b.bars('MSFT', '2026-01-01', TODAY);
    b.bar('AAPL', '2019-06-03');
    expect(b.bars('AAPL', '2025-12-01', TODAY)).toEqual(a.bars('AAPL', '2025-12-01', TODAY));
    expect(make(8).market.bars('AAPL', '2025-12-01', TODAY)).not.toEqual(a.bars('AAPL', '2025-12-01', TODAY));
  });

  it('has daily bars from 2015 on: more than five years before any allowed start, weekdays only', () => {
    const { market } = make();
    const bars = market.bars('ES', HISTORY_START, TODAY);
    expect(bars[0]?.date).toBe(HISTORY_START);
    expect(bars.length).toBeGreaterThan(11 * 252);
    for (const b of bars) {
      expect([0, 6]).not.toContain(new Date(`${b.date}T12:00:00Z`).getUTCDay());
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.volume).toBeGreaterThan(0);
    }
  });

  it('lists ~60 stocks and four futures with their multipliers and a front-month expiry', () => {
    const { catalog } = make();
    const stocks = [...catalog.values()].filter((c) => c.secType === 'STK');
    expect(stocks.length).toBeGreaterThanOrEqual(55);
    const fut = Object.fromEntries(
      [...catalog.values()]
        .filter((c) => c.secType === 'FUT')
        .map((c) => [c.symbol, [c.multiplier, c.expiry, c.lastTradeDate]]),
    );
    expect(fut).toEqual({
      ES: [50, '202603', '20260320'],
      NQ: [20, '202603', '20260320'],
      CL: [1000, '202603', '20260320'],
      GC: [100, '202603', '20260320'],
    });
    expect(frontMonth('2026-03-21')).toBe('202606');
    expect(thirdFriday('202612')).toBe('2026-12-18');
    expect(catalog.get('ES')?.localSymbol).toBe('ESH6');
  });

  it('quotes thin names wider and trades them less than liquid ones', () => {
    const { market } = make();
    const rel = (s: string) => {
      const q = market.quote(s, TODAY)!;
      return (q.ask - q.bid) / q.last;
    };
    const adv = (s: string) => market.bars(s, '2026-01-02', TODAY).reduce((a, b) => a + b.volume, 0);
    expect(rel('ILLQ')).toBeGreaterThan(rel('AAPL') * 5);
    expect(adv('AAPL')).toBeGreaterThan(adv('ILLQ') * 50);
    const q = market.quote('AAPL', TODAY)!;
    expect(q.bid).toBeLessThan(q.ask);
    expect(q.bid).toBeLessThanOrEqual(q.last);
    expect(q.ask).toBeGreaterThanOrEqual(q.last);
    expect(market.quote('NOPE', TODAY)).toBeNull();
  });

  it('applies a given regime change: volatility ×3 on the listed symbol from its date, not on others', () => {
    const change = '2025-06-02';
    const { market } = make(7, [{ from: change, symbols: ['KO'], volMultiplier: 3, driftShift: 0 }]);
    const calm = make(7, []).market;
    const before = addTradingDays(change, -120);
    const after = addTradingDays(change, 120);
    const vol = (m: typeof market, s: string, from: string, to: string) =>
      stdev(logReturns(m.bars(s, from, to).map((b) => b.close)));
    expect(market.bars('KO', before, addTradingDays(change, -1))).toEqual(
      calm.bars('KO', before, addTradingDays(change, -1)),
    );
    expect(vol(market, 'KO', change, after) / vol(market, 'KO', before, change)).toBeGreaterThan(2);
    expect(market.bars('PEP', before, after)).toEqual(calm.bars('PEP', before, after));
  });

  it('by default stresses a third of the universe one quarter in six, on a schedule that does not depend on the start date', () => {
    const symbols = [...buildCatalog(7, TODAY).keys()];
    const regimes = defaultRegimes(symbols);
    expect(regimes[0]).toEqual({
      from: addTradingDays(HISTORY_START, REGIME_EPOCH_DAYS),
      until: addTradingDays(HISTORY_START, 2 * REGIME_EPOCH_DAYS),
      symbols: symbols.filter((_, i) => i % 3 === 0),
      volMultiplier: 2.5,
      driftShift: -0.3,
    });
    // A stressed quarter is visibly more volatile than the calm quarter before it.
    const { market } = make();
    const r = regimes.find((x) => x.from > '2025-01-01')!;
    const s = (r.symbols as string[])[0]!;
    const vol = (from: string, to: string) => stdev(logReturns(market.bars(s, from, to).map((b) => b.close)));
    const calmFrom = addTradingDays(r.from, -REGIME_EPOCH_DAYS);
    expect(
      vol(r.from, addTradingDays(r.until!, -1)) / vol(calmFrom, addTradingDays(r.from, -1)),
    ).toBeGreaterThan(1.6);
  });
});
