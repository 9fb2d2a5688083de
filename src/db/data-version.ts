import type { Db } from './open.js';

/**
 * A token that changes whenever the database's content may have: another connection committed
 * (`data_version`) or this one wrote (`total_changes()`; data_version ignores a connection's own writes).
 * Lets a reader cache what it derived from the data until the data moves.
 */
export const dataVersion = (db: Db): (() => string) => {
  const st = db.prepare('SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c');
  return () => {
    const r = st.get() as { v: number; c: number };
    return `${r.v}:${r.c}`;
  };
};

/** `compute()` again only when the data changed since the last call (or `alsoKey()` did). */
export const cachedUntilDataChanges = <T>(db: Db, compute: () => T, alsoKey?: () => string): (() => T) => {
  const version = dataVersion(db);
  let last: { key: string; value: T } | null = null;
  return () => {
    const key = `${version()}:${alsoKey?.() ?? ''}`;
    if (last?.key !== key) last = { key, value: compute() };
    return last.value;
  };
};
