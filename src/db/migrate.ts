import { hydraError, isHydraError } from '../errors.js';
import { dbLockedError, isLockError } from './locked.js';
import type { Db } from './open.js';

/** What the migrations runner needs of a plugin: its name and its append-only list of SQL migrations. */
export interface MigrationTrack {
  readonly name: string;
  readonly migrations: readonly string[];
}

export interface MigrationResult {
  applied: { plugin: string; version: number }[];
}

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  plugin TEXT NOT NULL,
  version INTEGER NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (plugin, version)
) WITHOUT ROWID`;

/** Highest applied version per plugin (0 when none); an empty map on a database never migrated. */
export const appliedVersions = (db: Db): Map<string, number> => {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!exists) return new Map();
  const rows = db
    .prepare('SELECT plugin, MAX(version) AS v FROM schema_migrations GROUP BY plugin')
    .all() as {
    plugin: string;
    v: number;
  }[];
  return new Map(rows.map((r) => [r.plugin, r.v]));
};

/** Tracks whose migrations are not all applied: what /health/ready and `hydra check` report. */
export const pendingMigrations = (
  db: Db,
  tracks: readonly MigrationTrack[],
): { plugin: string; pending: number }[] => {
  const applied = appliedVersions(db);
  return tracks
    .map((t) => ({ plugin: t.name, pending: t.migrations.length - (applied.get(t.name) ?? 0) }))
    .filter((t) => t.pending > 0);
};

/**
 * Applies every pending migration of every track, in track order, in ONE transaction: a failure anywhere
 * leaves the database exactly as it was, and startup stops naming the plugin, the version and SQLite's error.
 * Versions are 1-based positions in the plugin's array, which is why migration arrays are append-only.
 */
export const runMigrations = (
  db: Db,
  tracks: readonly MigrationTrack[],
  now: () => Date = () => new Date(),
): MigrationResult => {
  try {
    return applyMigrations(db, tracks, now);
  } catch (err) {
    // On a database already in WAL mode, opening succeeds even while another process writes: the first
    // write lock we need is here, so this is where a second hydra on the same file shows up.
    if (!isHydraError(err) && isLockError(err))
      throw dbLockedError(db.name, Number(db.pragma('busy_timeout', { simple: true })), err);
    throw err;
  }
};

const applyMigrations = (db: Db, tracks: readonly MigrationTrack[], now: () => Date): MigrationResult => {
  db.exec(BOOTSTRAP);
  const applied = appliedVersions(db);
  for (const t of tracks) {
    const have = applied.get(t.name) ?? 0;
    if (have > t.migrations.length) {
      throw hydraError(
        'HYDRA_ERR_MIGRATION_FAILED',
        `the database has ${t.name} migration ${have} but this version of hydra knows only ${t.migrations.length}: it was written by a newer hydra; upgrade, or restore a backup`,
        { plugin: t.name, version: have },
      );
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (plugin, version, applied_at) VALUES (?, ?, ?)');
  const result: MigrationResult = { applied: [] };
  const apply = db.transaction(() => {
    for (const t of tracks) {
      const have = applied.get(t.name) ?? 0;
      for (let i = have; i < t.migrations.length; i++) {
        const version = i + 1;
        try {
          db.exec(t.migrations[i]!);
        } catch (err) {
          throw hydraError(
            'HYDRA_ERR_MIGRATION_FAILED',
            `migration ${t.name} v${version} failed: ${(err as Error).message}`,
            { plugin: t.name, version, sqliteCode: (err as { code?: string }).code },
            err,
          );
        }
        record.run(t.name, version, now().toISOString());
        result.applied.push({ plugin: t.name, version });
      }
    }
  });
  apply.immediate();
  return result;
};
