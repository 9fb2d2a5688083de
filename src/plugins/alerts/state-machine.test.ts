import { initialState, type Observation, type RuleState, step } from './state-machine.js';

const rule = (
  pendingSeconds = 0,
  keepFiringSeconds = 0,
  noData: 'nodata' | 'ok' | 'alerting' = 'nodata',
) => ({
  pendingSeconds,
  keepFiringSeconds,
  noData,
});
const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, s));
const holds: Observation = { status: 'holds', value: 'failed', summary: 'cycle failed' };
const clear: Observation = { status: 'clear', value: 'ok', summary: 'cycle ok' };
const nodata: Observation = { status: 'nodata', value: null, summary: 'no cycle yet' };
const error: Observation = { status: 'error', value: null, summary: 'database is locked' };

/** Runs observations at the given seconds; returns the states and the notifications they caused. */
const run = (
  r: ReturnType<typeof rule>,
  seq: [number, Observation][],
  from: RuleState = initialState(at(0)),
) => {
  let s = from;
  const out: string[] = [];
  for (const [t, o] of seq) {
    const st = step(s, o, r, at(t));
    s = st.next;
    out.push(st.fire ? `${s.state}!fire` : st.resolve ? `${s.state}!resolve` : s.state);
  }
  return { states: out, last: s };
};

describe('alert state machine', () => {
  it('fires at once without a pending period and resolves when the condition clears', () => {
    expect(
      run(rule(), [
        [1, holds],
        [2, holds],
        [3, clear],
        [4, clear],
      ]).states,
    ).toEqual(['alerting!fire', 'alerting', 'normal!resolve', 'normal']);
  });

  it('fires only after the condition held for the whole pending period, counted from when it started', () => {
    const r = run(rule(10), [
      [0, holds],
      [5, holds],
      [9, holds],
      [10, holds],
      [20, holds],
    ]);
    expect(r.states).toEqual(['pending', 'pending', 'pending', 'alerting!fire', 'alerting']);
    expect(r.last.since).toEqual(at(10));
  });

  it('notifies nothing for a condition that flaps inside the pending period', () => {
    const seq: [number, Observation][] = [];
    for (let t = 0; t < 60; t += 3) seq.push([t, t % 6 === 0 ? holds : clear]);
    const r = run(rule(5), seq);
    expect(r.states.some((s) => s.includes('!'))).toBe(false);
    expect(new Set(r.states)).toEqual(new Set(['pending', 'normal']));
  });

  it('asks to be woken at the end of the pending period', () => {
    const st = step(initialState(at(0)), holds, rule(30), at(4));
    expect(st.wakeAt).toEqual(at(34));
  });

  it('keeps firing through a short clear with keepFiring, and resolves after it stays clear', () => {
    const r = run(rule(0, 10), [
      [0, holds],
      [2, clear],
      [5, holds],
      [6, clear],
      [12, clear],
      [16, clear],
    ]);
    expect(r.states).toEqual([
      'alerting!fire',
      'recovering',
      'alerting',
      'recovering',
      'recovering',
      'normal!resolve',
    ]);
  });

  it('goes to NoData with nothing to judge by, or follows the rule’s noData policy', () => {
    expect(run(rule(), [[0, nodata]]).states).toEqual(['nodata']);
    expect(run(rule(0, 0, 'ok'), [[0, nodata]]).states).toEqual(['normal']);
    expect(run(rule(0, 0, 'alerting'), [[0, nodata]]).states).toEqual(['alerting!fire']);
  });

  it('does not resolve a firing alert on an error or on missing data, but records the error', () => {
    const r = run(rule(), [
      [0, holds],
      [1, error],
      [2, nodata],
    ]);
    expect(r.states).toEqual(['alerting!fire', 'alerting', 'alerting']);
    const e = run(rule(), [[0, error]]);
    expect(e.states).toEqual(['error']);
    expect(e.last.error).toBe('database is locked');
    expect(
      run(rule(), [
        [0, error],
        [1, clear],
      ]).last.error,
    ).toBeNull();
  });
});
