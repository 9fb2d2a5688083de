import { latency, spanMs } from './analytics.js';
import type { OrderRow } from './rows.js';

const at = (iso: string) => new Date(iso);

describe('spanMs', () => {
  it('is the milliseconds from a to b', () => {
    expect(spanMs(at('2026-11-20T21:00:00Z'), at('2026-11-20T21:00:01.250Z'))).toBe(1250);
  });

  it('is null when a time is missing, or when the span is no latency (clocks that disagree)', () => {
    expect(spanMs(null, at('2026-11-20T21:00:00Z'))).toBeNull();
    // A simulator's execution stamped with its simulated day, weeks before the wall-clock decision.
    expect(spanMs(at('2026-11-20T21:00:00Z'), at('2026-10-01T20:00:00Z'))).toBeNull();
    // Longer than GraphQL's 32-bit Int holds.
    expect(spanMs(at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('latency', () => {
  it('leaves spans that are no latency out of the statistics', () => {
    const order = (decided: string, fill: string) => ({
      o: { orderRef: fill, decidedAt: at(decided), submittedAt: null, ackedAt: null } as unknown as OrderRow,
    });
    const rows = [
      order('2026-11-20T21:00:00Z', '2026-11-20T21:00:00.400Z'),
      order('2026-11-20T21:00:00Z', '2026-10-01T00:00:00Z'),
    ];
    const l = latency(
      rows.map((r) => r.o),
      (ref) => at(ref),
    );
    expect(l.decisionToFillMs).toMatchObject({ n: 1, max: 400 });
  });
});
