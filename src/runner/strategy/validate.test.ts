import { type HydraError, isHydraError } from '../../errors.js';
import type { Strategy, StrategyInput, StrategySignal } from './types.js';
import { assertStrategy, runStrategy, strategyProblems, validateSignals } from './validate.js';

const ok: StrategySignal = {
  symbol: 'MSFT',
  targetPosition: -3,
  probabilityUp: 0.4,
  features: { a: 1 },
  price: 410,
};

const thrown = (f: () => unknown): HydraError => {
  try {
    f();
  } catch (err) {
    if (isHydraError(err, 'HYDRA_ERR_STRATEGY')) return err;
    throw err;
  }
  throw new Error('expected a throw');
};

describe('validateSignals', () => {
  it('passes well-formed output through', () => {
    const out = [ok, { ...ok, symbol: 'AAPL', targetPosition: 0, probabilityUp: 1, reason: 'why not' }];
    expect(validateSignals('s', out, ['MSFT', 'AAPL'])).toBe(out);
    expect(validateSignals('s', [])).toEqual([]);
  });

  it.each([
    [{ targetPosition: 1.5 }, 'gave MSFT a non-integer target 1.5'],
    [{ targetPosition: Number.NaN }, 'gave MSFT a non-integer target NaN'],
    [{ probabilityUp: 1.2 }, 'gave MSFT a probability 1.2 outside [0, 1]'],
    [{ probabilityUp: Number.NaN }, 'gave MSFT a probability NaN outside [0, 1]'],
    [{ price: 0 }, 'gave MSFT a price 0'],
    [{ features: { a: Number.POSITIVE_INFINITY } }, 'gave MSFT a non-finite feature a = Infinity'],
    [{ features: { a: '1' } }, 'gave MSFT a non-finite feature a = 1'],
    [{ reason: 42 }, 'gave MSFT a reason that is not a string'],
  ])('refuses %j, naming strategy and symbol', (patch, message) => {
    const err = thrown(() => validateSignals('mine', [{ ...ok, ...patch }]));
    expect(err.message).toBe(`strategy mine ${message}`);
    expect(err.details).toEqual({ strategy: 'mine', symbol: 'MSFT' });
  });

  it('refuses a non-list, a missing symbol, duplicates and symbols it was not given', () => {
    expect(thrown(() => validateSignals('m', { MSFT: ok })).message).toBe(
      'strategy m returned something other than a list of signals',
    );
    expect(thrown(() => validateSignals('m', [{ ...ok, symbol: '' }])).message).toMatch(/without a symbol/);
    expect(thrown(() => validateSignals('m', [ok, ok])).message).toBe(
      'strategy m gave MSFT more than one signal',
    );
    expect(thrown(() => validateSignals('m', [ok], ['AAPL'])).message).toMatch(/not in the input/);
  });
});

describe('strategy shape', () => {
  it('lists everything a would-be strategy lacks', () => {
    expect(
      strategyProblems({ name: 'x', version: '1', params: {}, requiredHistory: 1, evaluate: () => [] }),
    ).toEqual([]);
    expect(strategyProblems({ name: '', requiredHistory: 0.5 })).toEqual([
      'name (a non-empty string)',
      'version (a string)',
      'params (an object)',
      'requiredHistory (a positive integer: bars needed)',
      'evaluate(input) (a function)',
    ]);
    expect(() => assertStrategy(null, 'thing')).toThrow(
      'thing is not a strategy: missing a strategy object (got null)',
    );
  });
});

describe('runStrategy', () => {
  const input: StrategyInput = {
    tradingDate: '2026-06-01',
    equity: 1,
    positions: new Map(),
    bars: new Map([['MSFT', []]]),
    multipliers: new Map(),
  };
  const strategy = (evaluate: Strategy['evaluate']): Strategy => ({
    name: 'wobbly',
    version: '1',
    params: {},
    requiredHistory: 1,
    evaluate,
  });

  it('validates the output against the input’s symbols', () => {
    expect(
      runStrategy(
        strategy(() => [ok]),
        input,
      ),
    ).toEqual([ok]);
    expect(
      thrown(() =>
        runStrategy(
          strategy(() => [{ ...ok, symbol: 'TSLA' }]),
          input,
        ),
      ).message,
    ).toMatch(/strategy wobbly gave TSLA a signal, but it is not in the input/);
  });

  it('names the strategy when evaluate throws', () => {
    const err = thrown(() =>
      runStrategy(
        strategy(() => {
          throw new RangeError('index out of range');
        }),
        input,
      ),
    );
    expect(err.message).toBe('strategy wobbly failed to evaluate: index out of range');
    expect(err.cause).toBeInstanceOf(RangeError);
  });
});
