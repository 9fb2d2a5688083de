import type { Rule } from './config-types.js';

/** Grafana's alert instance states, lower-cased. Firing = alerting or recovering. */
export type AlertState = 'normal' | 'pending' | 'alerting' | 'recovering' | 'nodata' | 'error';
export const ALERT_STATES: readonly AlertState[] = [
  'normal',
  'pending',
  'alerting',
  'recovering',
  'nodata',
  'error',
];

export const isFiring = (s: AlertState): boolean => s === 'alerting' || s === 'recovering';

/** What one evaluation of a condition found. */
export interface Observation {
  /** holds = the condition is true; nodata = nothing recorded yet to judge by; error = it could not be read. */
  status: 'holds' | 'clear' | 'nodata' | 'error';
  value: string | null;
  summary: string;
}

export interface RuleState {
  state: AlertState;
  since: Date;
  /** When the condition last started holding (the pending period counts from here). */
  holdingSince: Date | null;
  /** When the condition last cleared while firing (keepFiring counts from here). */
  clearSince: Date | null;
  value: string | null;
  summary: string | null;
  error: string | null;
}

export const initialState = (at: Date): RuleState => ({
  state: 'normal',
  since: at,
  holdingSince: null,
  clearSince: null,
  value: null,
  summary: null,
  error: null,
});

export interface Step {
  next: RuleState;
  /** The rule starts firing: a new alert episode, a 'firing' notification. */
  fire: boolean;
  /** The firing episode is over: a 'resolved' notification. */
  resolve: boolean;
  /** When this rule must be evaluated again at the latest for its timing to be exact (end of pending/keepFiring). */
  wakeAt: Date | null;
}

const seconds = (a: Date, b: Date) => (a.getTime() - b.getTime()) / 1000;
const plus = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/**
 * One evaluation of one rule. Pure: the engine persists `next` and acts on `fire`/`resolve`.
 * A condition must hold for the whole pending period before the rule fires, so a condition that flaps inside
 * it notifies nothing; once firing, it resolves only after staying clear for keepFiring.
 */
export const step = (
  prev: RuleState,
  obs: Observation,
  rule: Pick<Rule, 'pendingSeconds' | 'keepFiringSeconds' | 'noData'>,
  now: Date,
): Step => {
  const firing = isFiring(prev.state);
  const base = { ...prev, value: obs.value, summary: obs.summary, error: null };
  const to = (state: AlertState, patch: Partial<RuleState> = {}): RuleState => ({
    ...base,
    state,
    since: state === prev.state ? prev.since : now,
    ...patch,
  });
  const quiet = (next: RuleState, wakeAt: Date | null = null): Step => ({
    next,
    fire: false,
    resolve: false,
    wakeAt,
  });

  let status = obs.status;
  if (status === 'nodata' && rule.noData !== 'nodata') status = rule.noData === 'ok' ? 'clear' : 'holds';

  if (status === 'error') {
    // A firing alert is not resolved by a failed read: only evidence that the condition cleared resolves it.
    if (firing) return quiet({ ...prev, error: obs.summary });
    return quiet(to('error', { holdingSince: null, clearSince: null, error: obs.summary }));
  }
  if (status === 'nodata') {
    if (firing) return quiet({ ...prev, value: obs.value, summary: obs.summary });
    return quiet(to('nodata', { holdingSince: null, clearSince: null }));
  }

  if (status === 'holds') {
    if (firing) return quiet(to('alerting', { clearSince: null }));
    const holdingSince = prev.state === 'pending' && prev.holdingSince ? prev.holdingSince : now;
    if (seconds(now, holdingSince) >= rule.pendingSeconds)
      return {
        next: to('alerting', { holdingSince, clearSince: null }),
        fire: true,
        resolve: false,
        wakeAt: null,
      };
    return quiet(to('pending', { holdingSince, clearSince: null }), plus(holdingSince, rule.pendingSeconds));
  }

  // status === 'clear'
  if (!firing) return quiet(to('normal', { holdingSince: null, clearSince: null }));
  const clearSince = prev.state === 'recovering' && prev.clearSince ? prev.clearSince : now;
  if (seconds(now, clearSince) >= rule.keepFiringSeconds)
    return {
      next: to('normal', { holdingSince: null, clearSince: null }),
      fire: false,
      resolve: true,
      wakeAt: null,
    };
  return quiet(to('recovering', { clearSince }), plus(clearSince, rule.keepFiringSeconds));
};
