import { errorMessage, hydraError } from '../../errors.js';
import type { Strategy, StrategyInput, StrategyOutput } from './types.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** What a would-be strategy object lacks, in words; empty when it is a strategy. */
export const strategyProblems = (s: unknown): string[] => {
  if (!isRecord(s)) return [`a strategy object (got ${s === null ? 'null' : typeof s})`];
  const missing: string[] = [];
  if (typeof s.name !== 'string' || s.name === '') missing.push('name (a non-empty string)');
  if (typeof s.version !== 'string') missing.push('version (a string)');
  if (!isRecord(s.params) || Array.isArray(s.params)) missing.push('params (an object)');
  if (!Number.isInteger(s.requiredHistory) || (s.requiredHistory as number) < 1)
    missing.push('requiredHistory (a positive integer: bars needed)');
  if (typeof s.evaluate !== 'function') missing.push('evaluate(input) (a function)');
  return missing;
};

/**
 * The value as a Strategy, or HYDRA_ERR_STRATEGY naming where it came from and everything it lacks (all at
 * once: fixing a module one complaint per restart is tedious).
 */
export const assertStrategy = (s: unknown, origin: string): Strategy => {
  const missing = strategyProblems(s);
  if (missing.length > 0)
    throw hydraError('HYDRA_ERR_STRATEGY', `${origin} is not a strategy: missing ${missing.join(', ')}`, {
      origin,
      missing,
    });
  return s as Strategy;
};

/**
 * The output, checked: a list of signals with a unique symbol each (one of `symbols` when given), an integer
 * target, a probability in [0, 1], a positive price and finite features. Anything else throws
 * HYDRA_ERR_STRATEGY naming the strategy and the symbol: trading on NaN must be impossible, not unlikely.
 */
export const validateSignals = (
  strategy: string,
  signals: unknown,
  symbols?: Iterable<string>,
): StrategyOutput => {
  const fail = (symbol: string | null, what: string) =>
    hydraError(
      'HYDRA_ERR_STRATEGY',
      `strategy ${strategy} ${symbol === null ? 'returned' : `gave ${symbol}`} ${what}`,
      { strategy, symbol },
    );
  if (!Array.isArray(signals)) throw fail(null, 'something other than a list of signals');
  const known = symbols ? new Set(symbols) : null;
  const seen = new Set<string>();
  for (const s of signals as unknown[]) {
    if (!isRecord(s) || typeof s.symbol !== 'string' || s.symbol === '')
      throw fail(null, 'a signal without a symbol');
    const { symbol } = s;
    if (seen.has(symbol)) throw fail(symbol, 'more than one signal');
    seen.add(symbol);
    if (known && !known.has(symbol)) throw fail(symbol, 'a signal, but it is not in the input');
    if (!Number.isSafeInteger(s.targetPosition))
      throw fail(symbol, `a non-integer target ${String(s.targetPosition)}`);
    const p = s.probabilityUp;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw fail(symbol, `a probability ${String(p)} outside [0, 1]`);
    if (typeof s.price !== 'number' || !Number.isFinite(s.price) || s.price <= 0)
      throw fail(symbol, `a price ${String(s.price)}`);
    if (!isRecord(s.features) || Array.isArray(s.features)) throw fail(symbol, 'no feature object');
    for (const [k, v] of Object.entries(s.features))
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw fail(symbol, `a non-finite feature ${k} = ${String(v)}`);
    if (s.reason !== undefined && typeof s.reason !== 'string')
      throw fail(symbol, 'a reason that is not a string');
  }
  return signals as StrategyOutput;
};

/**
 * Runs a strategy and validates what it returns; a throw inside evaluate becomes HYDRA_ERR_STRATEGY naming
 * the strategy, so a failing challenger is identifiable in the cycle's error.
 */
export const runStrategy = (strategy: Strategy, input: StrategyInput): StrategyOutput => {
  let out: unknown;
  try {
    out = strategy.evaluate(input);
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_STRATEGY',
      `strategy ${strategy.name} failed to evaluate: ${errorMessage(err)}`,
      { strategy: strategy.name },
      err,
    );
  }
  return validateSignals(strategy.name, out, input.bars.keys());
};
