import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage, hydraError } from '../../errors.js';
import { momentumStrategy } from './momentum.js';
import type { Strategy } from './types.js';
import { assertStrategy } from './validate.js';
import { momentumChallengers } from './variants.js';

export { validateSignals } from './validate.js';

/** The strategy that trades and the variants evaluated beside it in shadow. */
export interface LoadedStrategy {
  champion: Strategy;
  challengers: Strategy[];
}

/** A strategy, or a (possibly async) factory of one: both are accepted wherever a module exports one. */
const instantiate = async (value: unknown, origin: string): Promise<Strategy> => {
  if (typeof value !== 'function') return assertStrategy(value, origin);
  let made: unknown;
  try {
    made = await (value as () => unknown)();
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_STRATEGY',
      `${origin} is a factory that threw: ${errorMessage(err)}`,
      { origin },
      err,
    );
  }
  return assertStrategy(made, `${origin} (the factory's result)`);
};

/**
 * HYDRA_STRATEGY: `momentum` (built in, with its challengers from variants.ts), or a module of your own: a
 * path (relative to `cwd`, or absolute) or a package name. Its default export, or else its `strategy` export,
 * must be a strategy object or a factory returning one; an optional `challengers` export (a list of
 * strategies or factories, or a factory of such a list) adds shadow variants. Anything else throws
 * HYDRA_ERR_STRATEGY naming the module and what is missing.
 *
 * @param spec `momentum`, a path or a module name. @default 'momentum'
 * @param cwd Where relative paths start. @default process.cwd()
 */
export const loadStrategy = async (spec = 'momentum', cwd = process.cwd()): Promise<LoadedStrategy> => {
  const name = spec.trim() || 'momentum';
  if (name === 'momentum') return { champion: momentumStrategy(), challengers: momentumChallengers() };
  const target =
    name.startsWith('.') || path.isAbsolute(name) ? pathToFileURL(path.resolve(cwd, name)).href : name;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(target)) as Record<string, unknown>;
  } catch (err) {
    throw hydraError(
      'HYDRA_ERR_STRATEGY',
      `cannot load strategy module ${name}: ${errorMessage(err)}`,
      { spec: name },
      err,
    );
  }
  const which = mod.default !== undefined ? 'default' : mod.strategy !== undefined ? 'strategy' : null;
  if (which === null)
    throw hydraError(
      'HYDRA_ERR_STRATEGY',
      `strategy module ${name} has neither a default nor a "strategy" export (a strategy object or a factory returning one)`,
      { spec: name, missing: ['default or strategy export'] },
    );
  const champion = await instantiate(mod[which], `strategy module ${name} (${which} export)`);

  let listed: unknown = mod.challengers ?? [];
  if (typeof listed === 'function') {
    try {
      listed = await (listed as () => unknown)();
    } catch (err) {
      throw hydraError(
        'HYDRA_ERR_STRATEGY',
        `strategy module ${name}: the "challengers" factory threw: ${errorMessage(err)}`,
        { spec: name },
        err,
      );
    }
  }
  if (!Array.isArray(listed))
    throw hydraError('HYDRA_ERR_STRATEGY', `strategy module ${name}: "challengers" must be a list`, {
      spec: name,
    });
  const challengers: Strategy[] = [];
  for (const [i, c] of listed.entries())
    challengers.push(await instantiate(c, `strategy module ${name} (challengers[${i}])`));

  // Experiments and the champion record are keyed by name: two variants with one name would share a score.
  const names = [champion, ...challengers].map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined)
    throw hydraError(
      'HYDRA_ERR_STRATEGY',
      `strategy module ${name}: the name ${dup} is used more than once`,
      {
        spec: name,
        name: dup,
      },
    );
  return { champion, challengers };
};
