import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type HydraError, isHydraError } from '../../errors.js';
import { loadStrategy } from './load.js';
import type { StrategyInput } from './types.js';

// A user's strategy as plain ESM: always long one share, P(up) 0.6, its last close as the only feature.
const GOOD = `
const make = (name, qty) => ({
  name,
  version: '1',
  params: { qty },
  requiredHistory: 2,
  evaluate: (input) =>
    [...input.bars].map(([symbol, bars]) => ({
      symbol,
      targetPosition: qty,
      probabilityUp: 0.6,
      features: { last: bars.at(-1).close },
      price: bars.at(-1).close,
    })),
});
export default () => make('mine', 1);
export const challengers = [() => make('mine-double', 2)];
`;

const input: StrategyInput = {
  tradingDate: '2026-06-01',
  equity: 100_000,
  positions: new Map(),
  bars: new Map([['XOM', [{ date: '2026-05-29', open: 1, high: 1, low: 1, close: 101.5, volume: 10 }]]]),
  multipliers: new Map(),
};

const rejection = async (p: Promise<unknown>): Promise<HydraError> => {
  try {
    await p;
  } catch (err) {
    if (isHydraError(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
};

describe('loadStrategy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hydra-strategy-'));
    writeFileSync(path.join(dir, 'good.mjs'), GOOD);
    writeFileSync(
      path.join(dir, 'named.mjs'),
      "export const strategy = { name: 'named', version: '3', params: {}, requiredHistory: 1, evaluate: () => [] };\n",
    );
    writeFileSync(
      path.join(dir, 'no-evaluate.mjs'),
      "export default { name: 'lazy', version: '1', params: {}, requiredHistory: 20 };\n",
    );
    writeFileSync(path.join(dir, 'empty.mjs'), 'export const unrelated = 1;\n');
    writeFileSync(path.join(dir, 'throws.mjs'), "export default () => { throw new Error('no API key'); };\n");
    writeFileSync(
      path.join(dir, 'dup.mjs'),
      "const s = { name: 'twin', version: '1', params: {}, requiredHistory: 1, evaluate: () => [] };\n" +
        'export default s;\nexport const challengers = [s];\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the momentum champion and its challengers by default', async () => {
    const { champion, challengers } = await loadStrategy('momentum');
    expect(champion.name).toBe('momentum');
    expect(challengers.map((c) => c.name)).toEqual(['momentum-fast', 'momentum-hot']);
    expect((await loadStrategy()).champion.name).toBe('momentum');
  });

  it('loads a factory and its challengers from a user module by relative or absolute path', async () => {
    const { champion, challengers } = await loadStrategy('./good.mjs', dir);
    expect(champion).toMatchObject({ name: 'mine', version: '1', params: { qty: 1 }, requiredHistory: 2 });
    expect(champion.evaluate(input)).toEqual([
      { symbol: 'XOM', targetPosition: 1, probabilityUp: 0.6, features: { last: 101.5 }, price: 101.5 },
    ]);
    expect(challengers.map((c) => c.name)).toEqual(['mine-double']);
    expect((await loadStrategy(path.join(dir, 'good.mjs'))).champion.name).toBe('mine');
  });

  it('accepts a plain object as the named "strategy" export', async () => {
    const { champion, challengers } = await loadStrategy('./named.mjs', dir);
    expect(champion.name).toBe('named');
    expect(challengers).toEqual([]);
  });

  it('names the module and what is missing when evaluate is absent', async () => {
    const err = await rejection(loadStrategy('./no-evaluate.mjs', dir));
    expect(err.code).toBe('HYDRA_ERR_STRATEGY');
    expect(err.message).toBe(
      'strategy module ./no-evaluate.mjs (default export) is not a strategy: missing evaluate(input) (a function)',
    );
    expect(err.details).toMatchObject({ missing: ['evaluate(input) (a function)'] });
  });

  it('explains a module without the export, a throwing factory, duplicate names and a missing file', async () => {
    expect((await rejection(loadStrategy('./empty.mjs', dir))).message).toMatch(
      /^strategy module \.\/empty\.mjs has neither a default nor a "strategy" export/,
    );
    expect((await rejection(loadStrategy('./throws.mjs', dir))).message).toMatch(
      /^strategy module \.\/throws\.mjs \(default export\) is a factory that threw: no API key/,
    );
    expect((await rejection(loadStrategy('./dup.mjs', dir))).message).toMatch(
      /the name twin is used more than once/,
    );
    const missing = await rejection(loadStrategy('./nowhere.mjs', dir));
    expect(missing.code).toBe('HYDRA_ERR_STRATEGY');
    expect(missing.message).toMatch(/^cannot load strategy module \.\/nowhere\.mjs: /);
  });
});
