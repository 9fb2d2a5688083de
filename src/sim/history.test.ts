import { aggregate, checkSettings, durationStart, parseDuration, resolveEnd, toWire } from './history.js';
import type { SimBar } from './market.js';
import { createPacing, DEFAULT_PACING } from './pacing.js';

const bar = (date: string, close: number, volume = 100): SimBar => ({
  date,
  open: close - 1,
  high: close + 2,
  low: close - 2,
  close,
  volume,
});

describe('historical request settings', () => {
  it('accepts IB’s bar sizes, durations and whatToShow, serving daily/weekly/monthly bars', () => {
    expect(checkSettings(1, '1 day', '30 D', 'TRADES')).toEqual({
      ok: true,
      barSeconds: 86400,
      served: true,
    });
    expect(checkSettings(1, '5 mins', '1 D', 'MIDPOINT')).toEqual({
      ok: true,
      barSeconds: 300,
      served: false,
    });
    expect(checkSettings(1, '1 days', '30 D', 'TRADES')).toMatchObject({ ok: false, code: 321 });
    expect(checkSettings(1, '1 day', '30 days', 'TRADES')).toMatchObject({ ok: false, code: 321 });
    expect(checkSettings(1, '1 day', '0 D', 'TRADES')).toMatchObject({ ok: false, code: 321 });
    expect(checkSettings(1, '1 day', '1 Y', 'PRICES')).toMatchObject({ ok: false, code: 321 });
    expect(checkSettings(1, '1 day', '1 Y', 'OPTION_IMPLIED_VOLATILITY')).toMatchObject({
      ok: false,
      code: 162,
    });
  });

  it('counts "N D" in trading days and W/M/Y in calendar time back from the end', () => {
    expect(durationStart('2026-03-02', parseDuration('5 D')!)).toBe('2026-02-24');
    expect(durationStart('2026-03-02', parseDuration('86400 S')!)).toBe('2026-03-02');
    expect(durationStart('2026-03-02', parseDuration('2 W')!)).toBe('2026-02-17');
    expect(durationStart('2026-03-31', parseDuration('1 M')!)).toBe('2026-03-01');
    expect(durationStart('2026-03-02', parseDuration('1 Y')!)).toBe('2025-03-03');
  });

  it('ends on the requested day, never after the simulator’s today', () => {
    expect(resolveEnd('', '2026-03-02')).toBe('2026-03-02');
    expect(resolveEnd('20260227-23:59:59', '2026-03-02')).toBe('2026-02-27');
    expect(resolveEnd('20260301 12:00:00 US/Eastern', '2026-03-02')).toBe('2026-02-27');
    expect(resolveEnd('20261231 00:00:00', '2026-03-02')).toBe('2026-03-02');
    expect(resolveEnd('last week', '2026-03-02')).toBeNull();
  });

  it('rolls daily bars into weeks and months dated by their first session', () => {
    const days = [bar('2026-02-26', 10), bar('2026-02-27', 12), bar('2026-03-02', 11), bar('2026-03-03', 15)];
    expect(aggregate(days, '1 week').map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume])).toEqual([
      ['2026-02-26', 9, 14, 8, 12, 200],
      ['2026-03-02', 10, 17, 9, 15, 200],
    ]);
    expect(aggregate(days, '1 month').map((b) => b.date)).toEqual(['2026-02-26', '2026-03-02']);
  });

  it('moves quote-based series by half the spread and sends -1 volume for them', () => {
    const [trades] = toWire([bar('2026-03-02', 100)], 'TRADES', 20, 0.01);
    const [bid] = toWire([bar('2026-03-02', 100)], 'BID', 20, 0.01);
    const [ask] = toWire([bar('2026-03-02', 100)], 'ASK', 20, 0.01);
    expect(trades).toMatchObject({ close: 100, volume: 100, count: 1 });
    expect(bid).toMatchObject({ close: 99.9, volume: -1, wap: -1 });
    expect(ask).toMatchObject({ close: 100.1, volume: -1 });
  });
});

describe('historical data pacing', () => {
  const rq = (identity: string, contract = 'AAPL', barSeconds = 86400) => ({
    identity,
    contract,
    barSeconds,
  });

  const EXACT = { ...DEFAULT_PACING, toleranceMs: 0 };

  it('refuses an identical request within 15 s and allows it after', () => {
    let t = 0;
    const pace = createPacing(EXACT, () => t);
    expect(pace(rq('a'))).toBeNull();
    t = 14_999;
    expect(pace(rq('a'))).toMatch(/identical request within 15 seconds/);
    t = 15_000;
    expect(pace(rq('a'))).toBeNull();
  });

  it('refuses the 7th request for one contract within 2 s', () => {
    let t = 0;
    const pace = createPacing(EXACT, () => t);
    for (let i = 0; i < 6; i++) expect(pace(rq(`r${i}`))).toBeNull();
    expect(pace(rq('r6'))).toMatch(/more than 6 requests for the same contract within 2 seconds/);
    expect(pace(rq('other', 'MSFT'))).toBeNull();
    t = 2_000;
    expect(pace(rq('r7'))).toBeNull();
  });

  it('applies the 60 per 10 minutes rule only to bars of 30 seconds or less', () => {
    let t = 0;
    const pace = createPacing(EXACT, () => t);
    for (let i = 0; i < 60; i++) {
      t += 2_500;
      expect(pace(rq(`s${i}`, `C${i % 3}`, 30))).toBeNull();
    }
    t += 2_500;
    expect(pace(rq('s60', 'C9', 30))).toMatch(/more than 60 requests for bars of 30 seconds or less/);
    expect(pace(rq('m1', 'C9', 60))).toBeNull();
    expect(pace(rq('d1', 'C8', 86400))).toBeNull();
  });

  it('does not refuse a client that keeps the rule by its own clock but whose requests arrive bunched by up to 150 ms', () => {
    let t = 0;
    const pace = createPacing(DEFAULT_PACING, () => t);
    for (let i = 0; i < 6; i++) expect(pace(rq(`r${i}`))).toBeNull();
    t = 1_900;
    expect(pace(rq('r6'))).toBeNull();
    // A client that really is too fast is still refused.
    const fast = createPacing(DEFAULT_PACING, () => t);
    for (let i = 0; i < 6; i++) expect(fast(rq(`f${i}`))).toBeNull();
    t += 1_000;
    expect(fast(rq('f6'))).toMatch(/more than 6 requests/);
  });
});
