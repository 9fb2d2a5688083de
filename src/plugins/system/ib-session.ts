import type { RestartTime } from '../../gateway/restart-time.js';
import type { GatewayProbeState } from '../../gateway/watch.js';
import {
  type CronSchedule,
  cronBracket,
  localParts,
  parseCron,
  partsFormatter,
} from '../../schedule/cron.js';

/** IB runs its servers, resets and token expiry on New York time, whatever zone the trader is in. */
const ET = 'America/New_York';
const etParts = partsFormatter(ET);
// IBKR invalidates every session's security tokens on Sunday at 01:00 ET: the next login needs a 2FA approval.
const weeklyReset = cronBracket(parseCron('0 1 * * 0', ET), 8);
/** A cycle this close after the gateway's daily restart may find it still logging back in. */
const RESTART_MARGIN_MS = 15 * 60_000;

export interface IbSessionInput {
  now: Date;
  /** The built-in simulator: no IB servers, no tokens, no restarts. */
  simulated: boolean;
  /** "host:port", for the messages. */
  target: string;
  /** The gateway's daily auto-restart (IBC AUTO_RESTART_TIME) in `tz`; null = not configured. */
  restartTime: RestartTime | null;
  tz: string;
  probe: GatewayProbeState | null;
  /** The last time a cycle found the gateway connected. */
  lastConnectedAt: Date | null;
  nextCycleAt: Date | null;
}

export interface IbSession {
  /** What the between-cycles probe last found; null before the first probe or with probing off. */
  probe: GatewayProbeState | null;
  nextRestartAt: Date | null;
  weeklyReauthAt: Date | null;
  lastWeeklyReauthAt: Date | null;
  /** The coming restart that needs a 2FA approval (the first since the weekly re-authentication), if any. */
  twoFactorDueAt: Date | null;
  /** The last time anything (probe or cycle) found the gateway logged in. */
  lastSeenAt: Date | null;
  /** null: never seen, so unknown. */
  loggedInSinceWeeklyReauth: boolean | null;
  /** The IB reset window `now` falls in, or null. */
  resetWindow: string | null;
  warnings: string[];
  /** One code per warning, same order: what an alert rule matches on (the text may change, the code not). */
  warningCodes: SessionWarningCode[];
}

export type SessionWarningCode =
  | 'unreachable'
  | 'not_logged_in'
  | 'two_factor_due'
  | 'cycle_in_reset_window'
  | 'cycle_near_restart';

/** IB's scheduled server downtime (North America): nightly 00:15-01:45 ET Sunday to Friday, and the weekend. */
export const ibResetWindow = (at: Date): string | null => {
  const l = localParts(etParts, at);
  const m = l.hour * 60 + l.minute;
  if ((l.weekday === 5 && m >= 23 * 60) || (l.weekday === 6 && m < 3 * 60))
    return 'weekend maintenance (Friday 23:00 to Saturday 03:00 ET)';
  if (l.weekday !== 6 && m >= 15 && m < 105) return 'nightly server reset (00:15 to 01:45 ET)';
  return null;
};

const fmt = (d: Date, tz: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(d);

/** The gateway's daily restarts, one cached search per configured time and zone. */
const restartsByKey = new Map<string, { cron: CronSchedule; around: ReturnType<typeof cronBracket> }>();
const dailyRestarts = (t: RestartTime, tz: string) => {
  const key = `${t.minute} ${t.hour} * * *|${tz}`;
  let r = restartsByKey.get(key);
  if (!r) {
    const cron = parseCron(`${t.minute} ${t.hour} * * *`, tz);
    r = { cron, around: cronBracket(cron, 2) };
    restartsByKey.set(key, r);
  }
  return r;
};

const latest = (...ds: (Date | null | undefined)[]): Date | null =>
  ds.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/**
 * The IB session's life as a trader needs to see it before the next cycle: when the gateway restarts, when
 * IB next demands a 2FA login, whether it has been logged in since the last one, and what will go wrong.
 */
export const ibSession = (input: IbSessionInput): IbSession => {
  const { now, probe, nextCycleAt, tz, target } = input;
  const lastSeenAt = latest(probe?.lastReachableAt, input.lastConnectedAt);
  const warnings: string[] = [];
  const warningCodes: SessionWarningCode[] = [];
  const warn = (code: SessionWarningCode, message: string) => {
    warningCodes.push(code);
    warnings.push(message);
  };
  const nextCycle = nextCycleAt ? `the next cycle (${fmt(nextCycleAt, tz)})` : 'the next cycle';
  const simulated = input.simulated;

  const restarts = !simulated && input.restartTime ? dailyRestarts(input.restartTime, tz) : null;
  const { last: lastRestartAt, next: nextRestartAt } = restarts?.around(now) ?? { last: null, next: null };
  const restarting = lastRestartAt !== null && now.getTime() - lastRestartAt.getTime() < RESTART_MARGIN_MS;
  const resetWindow = simulated ? null : ibResetWindow(now);

  // Not answering is expected for a few minutes after the daily restart and inside IB's reset windows.
  const down = probe?.reachable === false;
  if (down && !restarting && !resetWindow) {
    warn(
      'unreachable',
      `IB Gateway at ${target} has not answered the API handshake since ${fmt(probe.since ?? now, tz)} (${probe.error}). ${simulated ? 'The built-in simulator has stopped' : 'If it waits for a 2FA approval, approve it on your phone (or log in over VNC)'}; ${nextCycle} fails until it answers.`,
    );
  }
  if (simulated) {
    return {
      probe,
      nextRestartAt: null,
      weeklyReauthAt: null,
      lastWeeklyReauthAt: null,
      twoFactorDueAt: null,
      lastSeenAt,
      loggedInSinceWeeklyReauth: null,
      resetWindow: null,
      warnings,
      warningCodes,
    };
  }

  const { last: lastWeeklyReauthAt, next: weeklyReauthAt } = weeklyReset(now);
  const loggedIn = lastSeenAt && lastWeeklyReauthAt ? lastSeenAt >= lastWeeklyReauthAt : null;
  if (loggedIn === false && !down) {
    warn(
      'not_logged_in',
      `IB invalidated its session tokens on ${fmt(lastWeeklyReauthAt!, ET)} and the gateway has not been seen logged in since (last ${fmt(lastSeenAt!, tz)}): its next login needs a 2FA approval, or ${nextCycle} fails.`,
    );
  }
  // A gateway logged in before Sunday 01:00 ET keeps working until its next restart; that restart is the
  // login the tokens no longer cover, so it waits for a 2FA approval.
  const twoFactorDueAt =
    nextRestartAt && lastWeeklyReauthAt && (lastRestartAt === null || lastRestartAt < lastWeeklyReauthAt)
      ? nextRestartAt
      : null;
  if (twoFactorDueAt && !down && (!nextCycleAt || nextCycleAt > twoFactorDueAt)) {
    warn(
      'two_factor_due',
      `The gateway's restart at ${fmt(twoFactorDueAt, tz)} is its first since IB's weekly re-authentication: it will wait for a 2FA approval on your phone. Approve it, or ${nextCycle} fails.`,
    );
  }

  if (nextCycleAt) {
    const window = ibResetWindow(nextCycleAt);
    if (window)
      warn('cycle_in_reset_window', `${nextCycle} falls in IB's ${window}: move HYDRA_CYCLE_CRON out of it.`);
    const restart = restarts?.cron.next(new Date(nextCycleAt.getTime() - RESTART_MARGIN_MS - 60_000)) ?? null;
    if (restart && restart <= nextCycleAt && nextCycleAt.getTime() - restart.getTime() < RESTART_MARGIN_MS)
      warn(
        'cycle_near_restart',
        `${nextCycle} runs within 15 minutes of the gateway's daily restart (${fmt(restart, tz)}): it may find the gateway still logging in. Move HYDRA_CYCLE_CRON or HYDRA_IB_RESTART_TIME.`,
      );
  }

  return {
    probe,
    nextRestartAt,
    weeklyReauthAt,
    lastWeeklyReauthAt,
    twoFactorDueAt,
    lastSeenAt,
    loggedInSinceWeeklyReauth: loggedIn,
    resetWindow,
    warnings,
    warningCodes,
  };
};
