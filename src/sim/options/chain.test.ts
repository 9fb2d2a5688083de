import { addDays, nextTradingDay } from '../calendar.js';
import { buildCatalog } from '../catalog.js';
import { createMarket } from '../market.js';
import { createOptionChains } from './chain.js';

const DATE = '2026-03-02';
const catalog = buildCatalog(7, DATE);
const market = createMarket(catalog, 7, []);
const chains = createOptionChains(catalog, market);

const isThirdFriday = (d: string) => {
  const day = new Date(`${d}T12:00:00Z`);
  return day.getUTCDay() === 5 && day.getUTCDate() >= 15 && day.getUTCDate() <= 21;
};

describe('option chains', () => {
  it('lists three monthly third-Friday expiries after the date, strikes bracketing the stock, calls and puts', () => {
    const chain = chains.chain('AAPL', DATE);
    const expiries = [...new Set(chain.map((c) => c.option!.expiryDate))];
    expect(expiries).toHaveLength(3);
    for (const e of expiries) {
      expect(isThirdFriday(e)).toBe(true);
      expect(e > DATE).toBe(true);
    }
    const close = market.quote('AAPL', DATE)!.last;
    const strikes = chain.filter((c) => c.option!.expiryDate === expiries[0]).map((c) => c.option!.strike);
    expect(Math.min(...strikes)).toBeLessThan(close);
    expect(Math.max(...strikes)).toBeGreaterThan(close);
    expect(chain.filter((c) => c.option!.right === 'C')).toHaveLength(chain.length / 2);
    for (const c of chain) {
      expect(c).toMatchObject({ symbol: 'AAPL', secType: 'OPT', exchange: 'SMART', multiplier: 100 });
      expect(c.lastTradeDate).toBe(c.option!.expiryDate.replaceAll('-', ''));
      expect(c.localSymbol).toMatch(/^AAPL {2}\d{6}[CP]\d{8}$/);
      expect(Number(c.localSymbol.slice(-8)) / 1000).toBe(c.option!.strike);
    }
    expect(new Set(chain.map((c) => c.conId)).size).toBe(chain.length);
  });

  it('gives futures options the future multiplier and exchange, expiring no later than the future', () => {
    const es = catalog.get('ES')!;
    const chain = chains.chain('ES', DATE);
    expect(chain.length).toBeGreaterThan(0);
    for (const c of chain) {
      expect(c).toMatchObject({ secType: 'FOP', exchange: 'CME', multiplier: 50 });
      expect(c.lastTradeDate! <= es.lastTradeDate!).toBe(true);
      expect(c.option!.strike % 25).toBe(0);
    }
  });

  it('resolves a conId to the same contract, also on later days until it expires', () => {
    const c = chains.chain('MSFT', DATE).at(-7)!; // the last listed expiry: two months to run
    expect(chains.byConId(c.conId, DATE)).toEqual(c);
    let d = DATE;
    for (let i = 0; i < 30; i++) d = nextTradingDay(d);
    expect(d < c.option!.expiryDate).toBe(true);
    expect(chains.byConId(c.conId, d)).toEqual(c);
    expect(chains.byConId(c.conId, addDays(c.option!.expiryDate, 3))).toBeNull();
    // The strikes listed earlier are still listed later (the chain only grows until expiry).
    const e = c.option!.expiryDate;
    let day = DATE;
    let prev = chains.strikes(catalog.get('MSFT')!, e, day);
    for (day = nextTradingDay(day); day < e; day = nextTradingDay(day)) {
      const now = chains.strikes(catalog.get('MSFT')!, e, day);
      expect(now).toEqual(expect.arrayContaining(prev));
      prev = now;
    }
  });

  it('is deterministic: a second chain builder gives the same conIds', () => {
    const again = createOptionChains(buildCatalog(7, DATE), createMarket(buildCatalog(7, DATE), 7, []));
    expect(again.chain('NQ', DATE).map((c) => c.conId)).toEqual(chains.chain('NQ', DATE).map((c) => c.conId));
    expect(chains.byConId(catalog.get('AAPL')!.conId, DATE)).toBeNull();
  });
});
