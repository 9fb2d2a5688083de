import vm from 'node:vm';
import { DateTimeResolver } from './scalars.js';

describe('DateTime', () => {
  it('serializes a Date, an ISO string and epoch milliseconds to ISO 8601 UTC', () => {
    const iso = '2026-11-20T21:00:00.000Z';
    expect(DateTimeResolver.serialize(new Date(iso))).toBe(iso);
    expect(DateTimeResolver.serialize('2026-11-20T16:00:00-05:00')).toBe(iso);
    expect(DateTimeResolver.serialize(Date.parse(iso))).toBe(iso);
  });

  it('serializes a Date from another realm (one that crossed from a worker thread into a sandbox)', () => {
    const foreign = vm.runInNewContext('new Date(Date.UTC(2026, 10, 20, 21))') as unknown;
    expect(foreign instanceof Date).toBe(false);
    expect(DateTimeResolver.serialize(foreign)).toBe('2026-11-20T21:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => DateTimeResolver.serialize({})).toThrow(/cannot serialize/);
    expect(() => DateTimeResolver.serialize('yesterday')).toThrow(/cannot serialize/);
  });
});
