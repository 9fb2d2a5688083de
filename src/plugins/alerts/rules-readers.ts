import { readFileSync } from 'node:fs';
import type { Document, LineCounter } from 'yaml';
import { parseDuration } from './duration.js';

// The typed readers the alerts file is validated with. Each reports what it expected, where, and returns a
// fallback, so every problem of a file is found in one pass.

/** One thing wrong with the alerts file, where it is and what would be right. */
export interface AlertsProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export type Env = Readonly<Record<string, string | undefined>>;
export type Path = readonly (string | number)[];
export type Obj = Record<string, unknown>;

export const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const pathText = (p: Path): string =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
};
export const suggest = (got: string, options: readonly string[]): string => {
  const near = options.find((o) => distance(got.toLowerCase(), o.toLowerCase()) <= 2);
  return near ? ` (did you mean "${near}"?)` : '';
};

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ReaderContext {
  doc: Document;
  lc: LineCounter;
  file: string;
  env: Env;
  /** false: leave secrets empty and unchecked (commands that only need the rules). */
  resolveSecrets: boolean;
  problems: AlertsProblem[];
}

export const createReaders = ({ doc, lc, file, env, resolveSecrets, problems }: ReaderContext) => {
  const pos = (path: Path): { line: number; col: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lc.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  /** Where a key itself is written (not its value): what an "unknown key" points at. */
  const keyPos = (path: Path, key: string): { line: number; col: number } => {
    const parent = doc.getIn(path, true) as
      | { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] }
      | undefined;
    const k = parent?.items?.find((i) => i.key?.value === key)?.key;
    return k?.range ? lc.linePos(k.range[0]) : pos([...path, key]);
  };
  const problem = (path: Path, message: string, at = pos(path)) => {
    const p = at;
    problems.push({ file, line: p.line, column: p.col, path: pathText(path), message });
  };
  const lineOf = (path: Path) => pos(path).line;

  // --- small typed readers; each reports what it expected and returns a fallback ----------------------
  const keys = (o: Obj, path: Path, allowed: readonly string[]) => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        problem(
          [...path, k],
          `unknown key "${k}"${suggest(k, allowed)}; expected one of ${allowed.join(', ')}`,
          keyPos(path, k),
        );
  };
  const obj = (v: unknown, path: Path, what: string): Obj | null => {
    if (isObj(v)) return v;
    problem(
      path,
      `${what} must be a mapping (key: value), got ${v === null ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v}`,
    );
    return null;
  };
  const str = (
    o: Obj,
    k: string,
    path: Path,
    fallback: string | null,
    re?: RegExp,
    hint?: string,
  ): string | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required${hint ? `: ${hint}` : ''}`);
      return fallback;
    }
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || s.trim() === '' || (re && !re.test(s.trim()))) {
      problem([...path, k], `"${k}" must be ${hint ?? 'a non-empty string'}, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return s.trim();
  };
  const oneOf = <T extends string>(
    o: Obj,
    k: string,
    path: Path,
    options: readonly T[],
    fallback: T | null,
  ): T | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required; expected one of ${options.join(', ')}`);
      return fallback;
    }
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    problem(
      [...path, k],
      `${k} "${String(v)}" is not known${suggest(String(v), options)}; expected one of ${options.join(', ')}`,
    );
    return fallback;
  };
  const list = <T extends string>(
    o: Obj,
    k: string,
    path: Path,
    options: readonly T[] | null,
    fallback: readonly T[],
  ): T[] => {
    const v = o[k];
    if (v === undefined || v === null) return [...fallback];
    const xs = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(xs) || xs.some((x) => typeof x !== 'string')) {
      problem([...path, k], `"${k}" must be a list of names, got ${JSON.stringify(v)}`);
      return [...fallback];
    }
    if (options)
      xs.forEach((x, i) => {
        if (!(options as readonly string[]).includes(x))
          problem(
            [...path, k, i],
            `"${x}" is not known${suggest(x, options)}; expected one of ${options.join(', ')}`,
          );
      });
    return xs as T[];
  };
  const duration = (o: Obj, k: string, path: Path, fallback: number): number => {
    const v = o[k];
    if (v === undefined || v === null) return fallback;
    const s = parseDuration(v);
    if (s === null) {
      problem(
        [...path, k],
        `${k} ${JSON.stringify(v)} is not a duration; write e.g. 30s, 5m, 1h30m, 2d or a number of seconds`,
      );
      return fallback;
    }
    return s;
  };
  const number = (
    o: Obj,
    k: string,
    path: Path,
    fallback: number | null,
    min = Number.NEGATIVE_INFINITY,
    int = false,
  ): number | null => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (fallback === null) problem(path, `"${k}" is required (a number)`);
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (int && !Number.isInteger(v))) {
      problem(
        [...path, k],
        `"${k}" must be ${int ? 'an integer' : 'a number'}${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}, got ${JSON.stringify(v)}`,
      );
      return fallback;
    }
    return v;
  };
  /** A secret given as `<base>` (when inline is allowed), `<base>Env` or `<base>File`; its value is never echoed. */
  const secret = (
    o: Obj,
    base: string,
    path: Path,
    opts: { inline: boolean; required: boolean; why?: string },
  ): string | null => {
    const given = [base, `${base}Env`, `${base}File`].filter((k) => o[k] !== undefined && o[k] !== null);
    if (given.length > 1) {
      problem([...path, given[1]!], `give only one of ${given.join(', ')}`);
      return null;
    }
    if (given.length === 0) {
      if (opts.required)
        problem(path, `${opts.inline ? `"${base}", ` : ''}"${base}Env" or "${base}File" is required`);
      return null;
    }
    const k = given[0]!;
    const v = o[k];
    if (typeof v !== 'string' || v.trim() === '') {
      problem([...path, k], `"${k}" must be a non-empty string`);
      return null;
    }
    if (k === base) {
      if (!opts.inline) {
        problem(
          [...path, k],
          `"${k}" must not be written into the file${opts.why ? ` (${opts.why})` : ''}: use "${base}Env" or "${base}File"`,
        );
        return null;
      }
      return v.trim();
    }
    if (!resolveSecrets) return '';
    if (k.endsWith('Env')) {
      const value = env[v.trim()];
      if (value === undefined || value.trim() === '') {
        problem([...path, k], `environment variable ${v.trim()} (named by "${k}") is not set or empty`);
        return null;
      }
      return value.trim();
    }
    try {
      return readFileSync(v.trim(), 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      problem(
        [...path, k],
        `cannot read ${v.trim()} (named by "${k}"): ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
      return null;
    }
  };
  const httpUrl = (o: Obj, base: string, path: Path, inline: boolean): string => {
    const url = secret(o, base, path, { inline, required: true });
    if (url === null || (url === '' && !resolveSecrets)) return url ?? '';
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') return url;
    } catch {}
    // The URL may be the secret: say where it came from, not what it is.
    problem(
      [...path, [base, `${base}Env`, `${base}File`].find((k) => o[k] != null) ?? base],
      `${base} must be an http(s) URL`,
    );
    return '';
  };

  return { problem, lineOf, keys, obj, str, oneOf, list, duration, number, secret, httpUrl };
};

export type Readers = ReturnType<typeof createReaders>;
