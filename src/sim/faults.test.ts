import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isHydraError } from '../errors.js';
import { createFaultEngine, parseFaultScript } from './faults.js';

const failure = (raw: unknown) => {
  try {
    parseFaultScript(raw);
  } catch (err) {
    if (isHydraError(err, 'HYDRA_ERR_SIM_FAULTS')) return { message: err.message, details: err.details };
    throw err;
  }
  throw new Error('accepted');
};

describe('parseFaultScript', () => {
  it('accepts every action with its defaults filled in', () => {
    const s = parseFaultScript({
      description: 'all of them',
      rules: [
        { on: 'message', nth: 40, action: 'drop' },
        { on: 'placeOrder', nth: 2, action: 'drop' },
        { on: 'reqHistoricalData', action: 'drop', phase: 'after', times: 2 },
        { on: 'placeOrder', nth: 1, action: 'connectivity', codes: [1100, 1102] },
        { on: 'day', date: '2026-03-05', action: 'resetWindow', ms: 2000 },
        { on: 'connect', action: 'noNextValidId', clientId: 9 },
        { on: 'connect', nth: 2, action: 'rollbackNextValidId', to: 1 },
        { on: 'placeOrder', action: 'reject' },
        { on: 'reqHistoricalData', action: 'fail', code: 162, message: 'no data' },
        { on: 'placeOrder', action: 'delayFills', ms: 1500 },
        { on: 'connect', nth: 2, action: 'refuse', times: 3 },
        { on: 'reqExecutions', action: 'dropAll' },
      ],
    });
    expect(s.rules.map((r) => [r.on, r.action, r.nth, r.times])).toEqual([
      ['message', 'drop', 40, 1],
      ['placeOrder', 'drop', 2, 1],
      ['reqHistoricalData', 'drop', null, 2],
      ['placeOrder', 'connectivity', 1, 1],
      ['day', 'resetWindow', null, 1],
      ['connect', 'noNextValidId', null, null],
      ['connect', 'rollbackNextValidId', 2, 1],
      ['placeOrder', 'reject', null, null],
      ['reqHistoricalData', 'fail', null, null],
      ['placeOrder', 'delayFills', null, null],
      ['connect', 'refuse', 2, 3],
      ['reqExecutions', 'dropAll', null, null],
    ]);
    expect(s.rules[0]).toMatchObject({ phase: 'before' });
    expect(s.rules[1]).toMatchObject({ phase: 'after' });
    expect(s.rules[3]).toMatchObject({ intervalMs: 200 });
    expect(s.rules[7]).toMatchObject({ code: 201, message: 'Order rejected - reason:simulated reject' });
  });

  it('names the rule index and the field in every refusal', () => {
    const cases: [unknown, RegExp, number | undefined, string | undefined][] = [
      [
        {
          rules: [
            { on: 'connect', action: 'refuse' },
            { on: 'click', action: 'drop' },
          ],
        },
        /rules\[1\]\.on: must be one of/,
        1,
        'on',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'explode' }] },
        /rules\[0\]\.action: must be one of/,
        0,
        'action',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'noNextValidId' }] },
        /rules\[0\]\.on: action noNextValidId works with connect/,
        0,
        'on',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'drop', nth: 0 }] },
        /rules\[0\]\.nth: must be a positive integer \(got 0\)/,
        0,
        'nth',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'delayFills' }] },
        /rules\[0\]\.ms: must be a positive integer/,
        0,
        'ms',
      ],
      [{ rules: [{ on: 'connect', action: 'rollbackNextValidId', to: -1 }] }, /rules\[0\]\.to/, 0, 'to'],
      [
        { rules: [{ on: 'connect', action: 'connectivity', codes: [1100, 999] }] },
        /rules\[0\]\.codes\[1\]: must be one of/,
        0,
        'codes[1]',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'drop', nht: 2 }] },
        /rules\[0\]\.nht: is not a field of a drop rule/,
        0,
        'nht',
      ],
      [
        { rules: [{ on: 'placeOrder', action: 'drop', date: '2026-03-02' }] },
        /rules\[0\]\.date: is only for rules with "on": "day"/,
        0,
        'date',
      ],
      [
        { rules: [{ on: 'day', action: 'dropAll', date: '2026-02-30' }] },
        /rules\[0\]\.date: must be YYYY-MM-DD/,
        0,
        'date',
      ],
      [{ rules: [{ on: 'message', action: 'drop', phase: 'during' }] }, /rules\[0\]\.phase/, 0, 'phase'],
      [{ rules: [7] }, /rules\[0\]\.\(rule\): must be an object/, 0, '(rule)'],
      [{ rulez: [] }, /unknown field "rulez"/, undefined, 'rulez'],
      [[], /a JSON object with a "rules" array/, undefined, undefined],
    ];
    for (const [raw, msg, rule, field] of cases) {
      const f = failure(raw);
      expect(f.message).toMatch(msg);
      expect(f.details).toEqual({
        ...(rule === undefined ? {} : { rule }),
        ...(field === undefined ? {} : { field }),
      });
    }
  });

  it('parses noGreeks with its defaults, and refuses a bad mode, a bad symbol or another trigger', () => {
    const s = parseFaultScript({
      rules: [
        { on: 'reqMktData', action: 'noGreeks' },
        { on: 'reqMktData', action: 'noGreeks', symbol: 'ES', mode: 'sentinel', nth: 2 },
      ],
    });
    expect(s.rules[0]).toMatchObject({ action: 'noGreeks', symbol: null, mode: 'omit', times: null });
    expect(s.rules[1]).toMatchObject({ symbol: 'ES', mode: 'sentinel', nth: 2, times: 1 });
    expect(failure({ rules: [{ on: 'reqMktData', action: 'noGreeks', mode: 'nan' }] }).message).toMatch(
      /rules\[0\]\.mode: must be "omit" or "sentinel"/,
    );
    expect(failure({ rules: [{ on: 'reqMktData', action: 'noGreeks', symbol: 7 }] }).message).toMatch(
      /rules\[0\]\.symbol/,
    );
    expect(failure({ rules: [{ on: 'placeOrder', action: 'noGreeks' }] }).message).toMatch(
      /rules\[0\]\.on: action noGreeks works with reqMktData/,
    );
  });

  it('accepts the example script shipped in FAULTS.md', () => {
    const md = readFileSync(fileURLToPath(new URL('./FAULTS.md', import.meta.url)), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(md)?.[1];
    expect(parseFaultScript(JSON.parse(json!)).rules.length).toBeGreaterThan(5);
  });
});

describe('the fault engine', () => {
  it('fires from the nth matching event, as many times as asked, for the client asked', () => {
    const engine = createFaultEngine(
      parseFaultScript({
        rules: [
          { on: 'placeOrder', nth: 2, action: 'drop' },
          { on: 'placeOrder', action: 'delayFills', ms: 5, clientId: 7 },
          { on: 'placeOrder', nth: 2, times: 2, action: 'reject' },
        ],
      }),
    );
    const fired = [1, 7, 1, 7, 1].map((clientId) =>
      engine.hit('placeOrder', { clientId }).map((r) => r.action),
    );
    // Rules without a clientId count every client's orders; the clientId 7 rule counts only client 7's.
    expect(fired).toEqual([[], ['drop', 'delayFills', 'reject'], ['reject'], ['delayFills'], []]);
    expect(engine.hit('connect', { clientId: 1 })).toEqual([]);
  });

  it('fires a day rule once the clock reaches its date, and starts counting afresh after set()', () => {
    const script = parseFaultScript({ rules: [{ on: 'day', date: '2026-03-04', action: 'dropAll' }] });
    const engine = createFaultEngine(script);
    const days = ['2026-03-03', '2026-03-04', '2026-03-05'];
    expect(days.map((date) => engine.hit('day', { clientId: null, date }).length)).toEqual([0, 1, 0]);
    engine.set(script);
    expect(engine.hit('day', { clientId: null, date: '2026-03-05' })).toHaveLength(1);
  });
});
