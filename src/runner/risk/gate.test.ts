import { isHydraError } from '../../errors.js';
import { evaluateRisk, riskGate } from './gate.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { RiskDecision, RiskInput, RiskLimits } from './types.js';

// Units (price · multiplier): AAPL 200, MSFT 400, XOM 100, JPM 250, ES 5,000 · 50 = 250,000.
const prices = new Map([
  ['AAPL', 200],
  ['MSFT', 400],
  ['XOM', 100],
  ['JPM', 250],
  ['ES', 5000],
]);
const multipliers = new Map([['ES', 50]]);

const LIMITS: RiskLimits = {
  maxPositionNotional: 100_000,
  maxGrossExposure: { multiple: 0.5 }, // 0.5 · 1,000,000 = 500,000
  maxOrderNotional: 60_000,
  maxDailyLoss: 10_000,
  killSwitch: { on: false, reason: null },
};
// Wide limits, to look at one rule at a time.
const WIDE: RiskLimits = {
  ...LIMITS,
  maxPositionNotional: 1e9,
  maxOrderNotional: 1e9,
  maxGrossExposure: { multiple: 100 },
};

const input = (
  targets: Record<string, number>,
  positions: Record<string, number> = {},
  dailyPnl: number | null = 0,
  equity = 1_000_000,
): RiskInput => ({
  targets: new Map(Object.entries(targets)),
  positions: new Map(Object.entries(positions)),
  prices,
  multipliers,
  equity,
  dailyPnl,
});

const about = (ds: RiskDecision[], subject: string, rule?: string) =>
  ds.filter((d) => d.subject === subject && (rule === undefined || d.rule === rule));

describe('risk gate: every rule records allow, clip or block with value against limit', () => {
  it('allows what is within every limit, and records each allow', () => {
    // AAPL 100 · 200 = 20,000; MSFT 50 · 400 = 20,000; gross 40,000 of 500,000.
    const r = evaluateRisk(input({ AAPL: 100, MSFT: 50 }, {}, 5_000), LIMITS);
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 100],
        ['MSFT', 50],
      ]),
    );
    const ok = 'within limit';
    expect(r.decisions).toEqual([
      {
        rule: 'killSwitch',
        subject: 'portfolio',
        value: 0,
        limit: 0,
        decision: 'allow',
        reason: 'kill switch off',
      },
      // A profit of 5,000 is a loss of 0.
      { rule: 'maxDailyLoss', subject: 'portfolio', value: 0, limit: 10_000, decision: 'allow', reason: ok },
      {
        rule: 'maxPositionNotional',
        subject: 'AAPL',
        value: 20_000,
        limit: 100_000,
        decision: 'allow',
        reason: ok,
      },
      {
        rule: 'maxPositionNotional',
        subject: 'MSFT',
        value: 20_000,
        limit: 100_000,
        decision: 'allow',
        reason: ok,
      },
      {
        rule: 'maxGrossExposure',
        subject: 'portfolio',
        value: 40_000,
        limit: 500_000,
        decision: 'allow',
        reason: ok,
      },
      {
        rule: 'maxOrderNotional',
        subject: 'AAPL',
        value: 20_000,
        limit: 60_000,
        decision: 'allow',
        reason: ok,
      },
      {
        rule: 'maxOrderNotional',
        subject: 'MSFT',
        value: 20_000,
        limit: 60_000,
        decision: 'allow',
        reason: ok,
      },
    ]);
  });

  it('clips a position over maxPositionNotional, then the order over maxOrderNotional', () => {
    const r = evaluateRisk(input({ AAPL: 700, MSFT: -300 }), LIMITS);
    // AAPL: 700 · 200 = 140,000 > 100,000 → ⌊100,000 / 200⌋ = 500 shares; the order 500 · 200 = 100,000 >
    // 60,000 → ⌊60,000 / 200⌋ = 300 shares.
    expect(about(r.decisions, 'AAPL')).toEqual([
      expect.objectContaining({
        rule: 'maxPositionNotional',
        value: 140_000,
        limit: 100_000,
        decision: 'clip',
      }),
      expect.objectContaining({ rule: 'maxOrderNotional', value: 100_000, limit: 60_000, decision: 'clip' }),
    ]);
    // MSFT short: −300 · 400 = 120,000 → −250 (100,000); order −250 → ⌊60,000 / 400⌋ = 150 → −150.
    expect(about(r.decisions, 'MSFT', 'maxPositionNotional')[0]).toMatchObject({
      value: 120_000,
      decision: 'clip',
    });
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 300],
        ['MSFT', -150],
      ]),
    );
    expect(about(r.decisions, 'AAPL', 'maxPositionNotional')[0]!.reason).toMatch(/clipped from 700 to 500/);
  });

  it('cuts orders relative to the current position, and blocks when one unit is over the order limit', () => {
    expect(evaluateRisk(input({ AAPL: 0 }, { AAPL: 400 }), WIDE).targets.get('AAPL')).toBe(0);
    // Holding 400 AAPL, wanting 0: 400 · 200 = 80,000 > 60,000 → sell ⌊60,000 / 200⌋ = 300, target 100.
    const cut = evaluateRisk(input({ AAPL: 0 }, { AAPL: 400 }), { ...WIDE, maxOrderNotional: 60_000 });
    expect(cut.targets.get('AAPL')).toBe(100);
    // One ES contract is 250,000 > 60,000: no order at all.
    const es = evaluateRisk(input({ ES: 1 }), { ...WIDE, maxOrderNotional: 60_000 });
    expect(es.targets.get('ES')).toBe(0);
    expect(about(es.decisions, 'ES', 'maxOrderNotional')).toEqual([
      {
        rule: 'maxOrderNotional',
        subject: 'ES',
        value: 250_000,
        limit: 60_000,
        decision: 'block',
        reason: 'one unit (250000) is over the order limit: no order',
      },
    ]);
  });

  it('does not round a limit away: 0.3 / 0.1 is three units', () => {
    const r = evaluateRisk(
      { ...input({ X: 5 }), prices: new Map([['X', 0.1]]) },
      { ...WIDE, maxPositionNotional: 0.3 },
    );
    expect(r.targets.get('X')).toBe(3);
  });
});

describe('risk gate: kill switch', () => {
  it('blocks every symbol, reductions included, and evaluates nothing else', () => {
    const limits = { ...LIMITS, killSwitch: { on: true, reason: 'earnings week', source: 'file' as const } };
    const r = evaluateRisk(input({ AAPL: 100, MSFT: 0 }, { MSFT: 50 }, -50_000), limits);
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 0],
        ['MSFT', 50],
      ]),
    );
    expect(r.decisions.map((d) => [d.rule, d.subject, d.decision])).toEqual([
      ['killSwitch', 'portfolio', 'block'],
      ['killSwitch', 'AAPL', 'block'],
      ['killSwitch', 'MSFT', 'block'],
    ]);
    expect(r.decisions[0]!.reason).toBe('kill switch on (file): earnings week');
    expect(r.decisions[2]!.reason).toBe('kill switch on (file): earnings week; held at 50');
  });
});

describe('risk gate: daily loss', () => {
  it('lets only risk-reducing orders through once the loss is over the limit', () => {
    const r = evaluateRisk(
      input(
        { AAPL: 100, MSFT: 100, XOM: 50, JPM: 80 },
        // Long 200 AAPL (reduce to 100), short 100 MSFT (flip to +100), flat XOM (open), long 50 JPM (add).
        { AAPL: 200, MSFT: -100, JPM: 50 },
        -12_000,
      ),
      WIDE,
    );
    // Lost 12,000 > 10,000.
    expect(about(r.decisions, 'portfolio', 'maxDailyLoss')[0]).toMatchObject({
      value: 12_000,
      limit: 10_000,
      decision: 'block',
    });
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 100], // reduction: allowed
        ['MSFT', 0], // flip: only the reducing part, to flat
        ['XOM', 0], // opening: blocked
        ['JPM', 50], // adding: blocked
      ]),
    );
    const verdict = (s: string) => about(r.decisions, s, 'maxDailyLoss')[0];
    // Value and limit are the target's and the current exposure: AAPL 100 · 200 = 20,000 vs 200 · 200.
    expect(verdict('AAPL')).toMatchObject({ decision: 'allow', value: 20_000, limit: 40_000 });
    expect(verdict('MSFT')).toMatchObject({ decision: 'clip', value: 40_000, limit: 40_000 });
    expect(verdict('XOM')).toMatchObject({ decision: 'block', value: 5_000, limit: 0 });
    expect(verdict('JPM')).toMatchObject({ decision: 'block', value: 20_000, limit: 12_500 });
  });

  it('treats a missing previous equity as no loss, and a loss at the limit as within it', () => {
    expect(evaluateRisk(input({ XOM: 50 }, {}, null), WIDE).targets.get('XOM')).toBe(50);
    expect(evaluateRisk(input({ XOM: 50 }, {}, -10_000), WIDE).targets.get('XOM')).toBe(50);
    expect(evaluateRisk(input({ XOM: 50 }, {}, -10_000.01), WIDE).targets.get('XOM')).toBe(0);
  });
});

describe('risk gate: gross exposure', () => {
  const limits = { ...WIDE, maxGrossExposure: { multiple: 0.5 } };

  it('scales every proposal by one factor when gross is over the cap', () => {
    // AAPL 2,000 · 200 = 400,000 + MSFT 500 · 400 = 200,000 = 600,000 > 500,000 → scale 5/6:
    // AAPL ⌊1,666.67⌋ = 1,666, MSFT ⌊416.67⌋ = 416 → 333,200 + 166,400 = 499,600 ≤ 500,000.
    const r = evaluateRisk(input({ AAPL: 2000, MSFT: 500 }), limits);
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 1666],
        ['MSFT', 416],
      ]),
    );
    expect(about(r.decisions, 'portfolio', 'maxGrossExposure')).toEqual([
      {
        rule: 'maxGrossExposure',
        subject: 'portfolio',
        value: 600_000,
        limit: 500_000,
        decision: 'clip',
        reason: 'gross 600000 over 500000: every proposed target scaled by 0.8333',
      },
    ]);
    expect(about(r.decisions, 'AAPL', 'maxGrossExposure')[0]).toMatchObject({
      value: 400_000,
      limit: 333_200,
      decision: 'clip',
    });
  });

  it('counts holdings without a proposal against the cap and scales only the proposals', () => {
    // 1,000 XOM held, not proposed: 100,000 fixed. Room 500,000 − 100,000 = 400,000 for 600,000 proposed:
    // scale 2/3 → AAPL ⌊1,333.3⌋ = 1,333, MSFT ⌊333.3⌋ = 333.
    const r = evaluateRisk(input({ AAPL: 2000, MSFT: -500 }, { XOM: 1000 }), limits);
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 1333],
        ['MSFT', -333],
      ]),
    );
    expect(about(r.decisions, 'portfolio', 'maxGrossExposure')[0]).toMatchObject({
      value: 700_000,
      limit: 500_000,
    });
  });

  it('accepts a notional cap', () => {
    // 600,000 against 300,000: scale 0.5 exactly.
    const r = evaluateRisk(input({ AAPL: 2000, MSFT: 500 }), {
      ...WIDE,
      maxGrossExposure: { notional: 300_000 },
    });
    expect(r.targets).toEqual(
      new Map([
        ['AAPL', 1000],
        ['MSFT', 250],
      ]),
    );
  });
});

describe('risk gate: guards', () => {
  it('holds everything without a positive equity rather than sizing the book to zero', () => {
    const r = evaluateRisk(input({ AAPL: 0 }, { AAPL: 300 }, 0, 0), LIMITS);
    expect(r.targets.get('AAPL')).toBe(300);
    expect(r.decisions.filter((d) => d.rule === 'equity').map((d) => [d.subject, d.decision])).toEqual([
      ['portfolio', 'block'],
      ['AAPL', 'block'],
    ]);
  });

  it('holds a symbol without a usable price or with a fractional target', () => {
    const r = evaluateRisk(input({ TSLA: 10, AAPL: 1.5 }, { TSLA: 4 }), LIMITS);
    expect(r.targets).toEqual(
      new Map([
        ['TSLA', 4],
        ['AAPL', 0],
      ]),
    );
    expect(r.decisions.filter((d) => d.decision === 'block').map((d) => [d.rule, d.subject])).toEqual([
      ['price', 'TSLA'],
      ['target', 'AAPL'],
    ]);
  });

  it('refuses limits that are not positive numbers', () => {
    let err: unknown;
    try {
      evaluateRisk(input({}), {
        ...LIMITS,
        maxOrderNotional: Number.NaN,
        maxGrossExposure: { multiple: -1 },
      });
    } catch (e) {
      err = e;
    }
    expect(isHydraError(err, 'HYDRA_ERR_INPUT')).toBe(true);
    expect((err as Error).message).toBe('invalid risk limits: maxOrderNotional, maxGrossExposure');
  });
});

describe('riskGate (as the cycle calls it)', () => {
  const at = new Date('2026-06-01T20:00:00Z');
  const gate = (on: boolean) =>
    riskGate(
      {
        cycleId: '2026-06-01#1',
        at,
        equity: 1_000_000,
        dailyPnl: null,
        positions: new Map(),
        prices,
        multipliers,
        targets: new Map([['AAPL', 10]]),
        killSwitch: {
          on,
          source: on ? 'env' : null,
          since: null,
          reason: on ? 'HYDRA_KILL_SWITCH is set' : null,
        },
      },
      DEFAULT_LIMITS,
    );

  it('stamps every decision with the cycle and the time', () => {
    const r = gate(false);
    expect(r.targets.get('AAPL')).toBe(10);
    expect(r.decisions.length).toBeGreaterThan(3);
    for (const d of r.decisions) expect(d).toMatchObject({ cycleId: '2026-06-01#1', at });
  });

  it('takes the kill switch from the input', () => {
    const r = gate(true);
    expect(r.targets.get('AAPL')).toBe(0);
    expect(r.decisions[0]).toMatchObject({
      rule: 'killSwitch',
      decision: 'block',
      reason: 'kill switch on (env): HYDRA_KILL_SWITCH is set',
    });
  });
});
