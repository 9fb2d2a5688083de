import { parseRestartTime } from './restart-time.js';

describe('parseRestartTime', () => {
  it.each([
    ['11:50 PM', { hour: 23, minute: 50 }],
    ['11:50pm', { hour: 23, minute: 50 }],
    ['12:00 AM', { hour: 0, minute: 0 }],
    ['12:30 PM', { hour: 12, minute: 30 }],
    ['1:05 AM', { hour: 1, minute: 5 }],
    ['23:50', { hour: 23, minute: 50 }],
    ['0:00', { hour: 0, minute: 0 }],
  ])('reads %s', (raw, want) => expect(parseRestartTime(raw)).toEqual(want));

  it('reads none (or an empty value) as no restart', () => {
    expect(parseRestartTime('none')).toBeNull();
    expect(parseRestartTime('  ')).toBeNull();
  });

  it.each(['24:00', '13:00 PM', '0:30 AM', '11:60 PM', '11:50 XM', 'noon', '1150'])('rejects %s', (raw) =>
    expect(() => parseRestartTime(raw)).toThrow(/not a time/),
  );
});
