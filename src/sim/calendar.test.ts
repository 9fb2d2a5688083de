import {
  addMonths,
  addTradingDays,
  afterClose,
  ibTime,
  isIsoDate,
  isTradingDay,
  nextTradingDay,
  parseIbDateTime,
  tradingDayOnOrAfter,
  tradingDayOnOrBefore,
} from './calendar.js';

describe('the simulator calendar', () => {
  it('trades Monday to Friday', () => {
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map(isTradingDay)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(nextTradingDay('2026-03-06')).toBe('2026-03-09');
    expect(tradingDayOnOrAfter('2026-03-07')).toBe('2026-03-09');
    expect(tradingDayOnOrBefore('2026-03-07')).toBe('2026-03-06');
    expect(addTradingDays('2026-03-09', -6)).toBe('2026-02-27');
  });

  it('puts "now" five minutes after the New York close, in winter and in summer time', () => {
    expect(new Date(afterClose('2026-03-02')).toISOString()).toBe('2026-03-02T21:05:00.000Z');
    expect(new Date(afterClose('2026-07-01')).toISOString()).toBe('2026-07-01T20:05:00.000Z');
    // The Monday after the spring change (2026-03-08) is already on daylight time.
    expect(new Date(afterClose('2026-03-09')).toISOString()).toBe('2026-03-09T20:05:00.000Z');
    expect(ibTime(afterClose('2026-07-01'))).toBe('20260701 16:05:00 US/Eastern');
  });

  it('reads IB date-times in UTC, with a zone, in the gateway zone, and date only', () => {
    expect(parseIbDateTime('20260302-21:00:00')).toBe(Date.parse('2026-03-02T21:00:00Z'));
    expect(parseIbDateTime('20260302 16:00:00 US/Eastern')).toBe(Date.parse('2026-03-02T21:00:00Z'));
    expect(parseIbDateTime('20260702 16:00:00 America/New_York')).toBe(Date.parse('2026-07-02T20:00:00Z'));
    expect(parseIbDateTime('20260302 16:00:00')).toBe(Date.parse('2026-03-02T21:00:00Z'));
    expect(parseIbDateTime('20260302 09:00:00 UTC')).toBe(Date.parse('2026-03-02T09:00:00Z'));
    expect(parseIbDateTime('20260302')).toBe(Date.parse('2026-03-02T05:00:00Z'));
    for (const bad of [
      '2026-03-02',
      '20260230 10:00:00',
      '20260302 25:00:00',
      '20260302 10:00:00 Mars/Olympus',
      'x',
    ])
      expect(parseIbDateTime(bad)).toBeNull();
  });

  it('counts months back like a calendar, clamped to the month end', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(isIsoDate('2026-02-29')).toBe(false);
  });
});
