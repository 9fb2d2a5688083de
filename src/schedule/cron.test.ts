import { cronBracket, localDate, parseCron } from './cron.js';

describe('parseCron', () => {
  const weekdays = parseCron('30 16 * * 1-5', 'America/New_York');

  it('finds the next run in the exchange time zone, across standard and daylight time', () => {
    // Friday 2026-11-20 16:30 EST = 21:30Z; asked on Friday 20:00Z → same day.
    expect(weekdays.next(new Date('2026-11-20T20:00:00Z'))?.toISOString()).toBe('2026-11-20T21:30:00.000Z');
    // Asked Friday after the run → skips the weekend to Monday 2026-11-23 21:30Z.
    expect(weekdays.next(new Date('2026-11-20T21:30:00Z'))?.toISOString()).toBe('2026-11-23T21:30:00.000Z');
    // In July (EDT, UTC-4) the same local time is 20:30Z.
    expect(weekdays.next(new Date('2026-07-01T00:00:00Z'))?.toISOString()).toBe('2026-07-01T20:30:00.000Z');
  });

  it('lists the expected runs in a range', () => {
    const runs = weekdays.between(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(runs.map((d) => localDate(d, 'America/New_York'))).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
  });

  it('supports lists, steps and the OR rule of the two day fields', () => {
    const s = parseCron('*/15 9-10 1 * 0', 'UTC');
    expect(s.matches(new Date('2026-11-01T09:45:00Z'))).toBe(true); // the 1st (a Sunday too)
    expect(s.matches(new Date('2026-11-08T10:00:00Z'))).toBe(true); // a Sunday, not the 1st
    expect(s.matches(new Date('2026-11-09T10:00:00Z'))).toBe(false); // Monday the 9th
    expect(s.matches(new Date('2026-11-08T10:05:00Z'))).toBe(false);
  });

  it('refuses malformed expressions naming the field', () => {
    expect(() => parseCron('61 * * * *', 'UTC')).toThrow(/minute field "61" is out of range 0-59/);
    expect(() => parseCron('* * *', 'UTC')).toThrow(/must have 5 fields/);
    expect(() => parseCron('* * * * mon', 'UTC')).toThrow(/day-of-week field "mon" is not valid/);
  });
});

describe('cronBracket', () => {
  it('gives the firing before now and the next one, searching again only when now leaves them', () => {
    const weekly = parseCron('0 1 * * 0', 'America/New_York');
    let searches = 0;
    const counted = {
      ...weekly,
      next: (after: Date, h?: number) => {
        searches++;
        return weekly.next(after, h);
      },
    };
    const around = cronBracket(counted, 8);
    const wed = new Date('2026-11-25T17:00:00Z');
    expect(around(wed)).toEqual({
      last: new Date('2026-11-22T06:00:00Z'),
      next: new Date('2026-11-29T06:00:00Z'),
    });
    around(new Date('2026-11-27T17:00:00Z'));
    expect(searches).toBe(1);
    // Past the next firing: a new week.
    expect(around(new Date('2026-11-30T12:00:00Z'))).toEqual({
      last: new Date('2026-11-29T06:00:00Z'),
      next: new Date('2026-12-06T06:00:00Z'),
    });
    expect(searches).toBe(2);
  });
});
