import type { GatewayProbeState } from '../../gateway/watch.js';
import { type IbSessionInput, ibResetWindow, ibSession } from './ib-session.js';

// November 2026: New York is on EST (UTC-5). 2026-11-22 is a Sunday.
const et = (local: string) => new Date(`${local}-05:00`);

const probe = (p: Partial<GatewayProbeState>): GatewayProbeState => ({
  reachable: true,
  checkedAt: null,
  lastReachableAt: null,
  since: null,
  serverVersion: 176,
  error: null,
  ...p,
});

const input = (p: Partial<IbSessionInput>): IbSessionInput => ({
  now: et('2026-11-23T09:00'),
  simulated: false,
  target: 'ib-gateway:4004',
  restartTime: { hour: 23, minute: 50 },
  tz: 'America/New_York',
  probe: null,
  lastConnectedAt: null,
  nextCycleAt: et('2026-11-23T16:30'),
  ...p,
});

describe('ibResetWindow', () => {
  it.each([
    ['2026-11-23T00:30', /nightly/], // Monday
    ['2026-11-22T00:30', /nightly/], // Sunday: the nightly reset runs Sunday to Friday
    ['2026-11-20T23:30', /weekend/], // Friday night
    ['2026-11-21T00:30', /weekend/], // Saturday, inside the weekend window
    ['2026-11-21T02:59', /weekend/],
  ])('%s ET is in a reset window', (local, want) => expect(ibResetWindow(et(local))).toMatch(want));

  it.each([
    '2026-11-23T02:00',
    '2026-11-23T00:14',
    '2026-11-23T01:45',
    '2026-11-21T03:00',
    '2026-11-20T16:30',
  ])('%s ET is not', (local) => expect(ibResetWindow(et(local))).toBeNull());
});

describe('ibSession', () => {
  it('on Sunday, names the coming restart that will wait for a 2FA approval before Monday’s cycle', () => {
    const now = et('2026-11-22T10:00');
    const s = ibSession(input({ now, probe: probe({ reachable: true, lastReachableAt: now, since: now }) }));
    expect(s.lastWeeklyReauthAt).toEqual(et('2026-11-22T01:00'));
    expect(s.weeklyReauthAt).toEqual(et('2026-11-29T01:00'));
    expect(s.nextRestartAt).toEqual(et('2026-11-22T23:50'));
    expect(s.twoFactorDueAt).toEqual(et('2026-11-22T23:50'));
    expect(s.loggedInSinceWeeklyReauth).toBe(true);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/first since IB's weekly re-authentication.*2FA.*next cycle/);
  });

  it('on Monday morning, a gateway that has not answered since its restart is a warning that mentions 2FA', () => {
    const since = et('2026-11-22T23:50');
    const s = ibSession(
      input({
        probe: probe({
          reachable: false,
          since,
          lastReachableAt: et('2026-11-22T23:49'),
          error: 'ECONNREFUSED',
        }),
      }),
    );
    expect(s.twoFactorDueAt).toBeNull(); // the restart after the weekly reset has happened
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/ib-gateway:4004 has not answered.*ECONNREFUSED.*2FA.*next cycle/);
  });

  it('without a probe, a gateway last seen before the weekly reset is a warning', () => {
    const s = ibSession(input({ lastConnectedAt: et('2026-11-20T16:35') }));
    expect(s.loggedInSinceWeeklyReauth).toBe(false);
    expect(s.warnings.join('\n')).toMatch(/invalidated its session tokens.*2FA/);
  });

  it('is quiet when the gateway answers and nothing is due', () => {
    const now = et('2026-11-24T09:00');
    const s = ibSession(
      input({ now, nextCycleAt: et('2026-11-24T16:30'), probe: probe({ lastReachableAt: now }) }),
    );
    expect(s.warnings).toEqual([]);
    expect(s.resetWindow).toBeNull();
    expect(s.loggedInSinceWeeklyReauth).toBe(true);
  });

  it('expects the gateway to be away just after its restart and inside a reset window', () => {
    const down = (now: Date) =>
      ibSession(
        input({
          now,
          nextCycleAt: et('2026-11-24T16:30'),
          probe: probe({ reachable: false, since: now, error: 'x' }),
        }),
      );
    expect(down(et('2026-11-23T23:55')).warnings).toEqual([]);
    const inReset = down(et('2026-11-24T00:30'));
    expect(inReset.resetWindow).toMatch(/nightly/);
    expect(inReset.warnings).toEqual([]);
    expect(down(et('2026-11-24T09:00')).warnings[0]).toMatch(/has not answered/);
  });

  it('warns about a cycle scheduled into a reset window or just after the restart', () => {
    const now = et('2026-11-24T09:00');
    const seen = probe({ lastReachableAt: now });
    expect(ibSession(input({ now, probe: seen, nextCycleAt: et('2026-11-25T00:30') })).warnings[0]).toMatch(
      /falls in IB's nightly server reset.*HYDRA_CYCLE_CRON/,
    );
    const close = ibSession(
      input({ now, probe: seen, restartTime: { hour: 16, minute: 20 }, nextCycleAt: et('2026-11-24T16:30') }),
    );
    expect(close.warnings[0]).toMatch(/within 15 minutes of the gateway's daily restart/);
    const after = ibSession(
      input({ now, probe: seen, restartTime: { hour: 16, minute: 40 }, nextCycleAt: et('2026-11-24T16:30') }),
    );
    expect(after.warnings).toEqual([]);
  });

  it('has no restarts, tokens or reset windows for the simulator, but still reports it not answering', () => {
    const now = et('2026-11-22T00:30');
    const up = ibSession(input({ now, simulated: true, probe: probe({ lastReachableAt: now }) }));
    expect(up).toMatchObject({
      nextRestartAt: null,
      weeklyReauthAt: null,
      twoFactorDueAt: null,
      resetWindow: null,
      warnings: [],
    });
    const down = ibSession(
      input({
        now,
        simulated: true,
        target: 'the built-in simulator',
        probe: probe({ reachable: false, since: now, error: 'gone' }),
      }),
    );
    expect(down.warnings[0]).toMatch(/simulator has stopped/);
  });
});
