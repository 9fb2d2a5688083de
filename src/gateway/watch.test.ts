import { logSink } from '../../test/helpers/log-sink.js';
import type { ProbeResult } from './probe.js';
import { createGatewayWatch, type GatewayProbeState } from './watch.js';

describe('createGatewayWatch', () => {
  it('tracks reachability, keeps the last time it answered, and reports only the flips', async () => {
    const answers: ProbeResult[] = [
      { ok: true, serverVersion: 193, latencyMs: 1 },
      { ok: true, serverVersion: 193, latencyMs: 1 },
      { ok: false, error: 'ECONNREFUSED', latencyMs: 1 },
      { ok: false, error: 'ECONNREFUSED', latencyMs: 1 },
      { ok: true, serverVersion: 193, latencyMs: 1 },
    ];
    let clock = 0;
    const changes: GatewayProbeState[] = [];
    const sink = logSink();
    const watch = createGatewayWatch({
      host: 'gw',
      port: 4004,
      everyMs: 3_600_000,
      timeoutMs: 100,
      log: sink.log,
      probe: async () => answers.shift()!,
      now: () => new Date(++clock * 1000),
      onChange: (s) => changes.push({ ...s }),
    });
    try {
      // The first probe starts at once; `check` joins it rather than starting a second one.
      const first = await watch.check();
      expect(first).toMatchObject({ reachable: true, serverVersion: 193, error: null });
      await watch.check();
      const down = await watch.check();
      expect(down).toMatchObject({ reachable: false, error: 'ECONNREFUSED', since: new Date(3000) });
      expect(down.lastReachableAt).toEqual(new Date(2000));
      expect((await watch.check()).since).toEqual(new Date(3000));
      const back = await watch.check();
      expect(back).toMatchObject({ reachable: true, since: new Date(5000), lastReachableAt: new Date(5000) });
      expect(changes.map((c) => c.reachable)).toEqual([true, false, true]);
      expect(sink.lines.map((l) => l.msg)).toEqual([
        'gateway answers',
        'gateway does not answer',
        'gateway answers',
      ]);
    } finally {
      watch.stop();
    }
  });
});
