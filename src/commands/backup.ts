import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HydraConfig } from '../config.js';
import { backupDatabase, backupFileName } from '../db/backup.js';
import { errorMessage, isHydraError } from '../errors.js';
import type { Logger } from '../log.js';

export const BACKUP_USAGE = `hydra backup [--out FILE]   online backup of $HYDRA_DATA_DIR/hydra.db, verified with PRAGMA integrity_check

  --out FILE   where to write it (default: $HYDRA_DATA_DIR/backups/hydra-<UTC time>.db); never overwrites
  -h, --help   this help

Safe while the service runs and the cycle writes. To restore: stop the service, copy the backup over
hydra.db, delete hydra.db-wal and hydra.db-shm, start the service.`;

/** Below this size a backup takes well under a second: progress lines would only be noise. */
export const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

/** Returns the exit code: 0 written and verified, 1 the backup failed (nothing is left behind), 2 bad usage. */
export const backupCommand = async (args: string[], config: HydraConfig, log: Logger): Promise<number> => {
  let out: string | undefined;
  try {
    const { values } = parseArgs({
      args,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${BACKUP_USAGE}\n`);
      return 0;
    }
    if (values.out !== undefined && values.out.trim() === '') throw new Error('--out needs a file name');
    out = values.out;
  } catch (err) {
    // parseArgs throws node's own TypeError (another realm under jest), so read .message directly.
    process.stderr.write(`hydra backup: ${(err as Error).message}\n\n${BACKUP_USAGE}\n`);
    return 2;
  }
  const destination = path.resolve(out ?? path.join(config.dataDir, 'backups', backupFileName(new Date())));
  const unit = log.child({ unit: 'backup' });
  let lastTenth = -1;
  try {
    const result = await backupDatabase(config.dbFile, destination, {
      onProgress: ({ totalPages, copiedPages }) => {
        // Page size is not known here; 4 KiB (SQLite's default, and ours) is close enough to decide.
        if (totalPages * 4096 < PROGRESS_MIN_BYTES) return;
        const tenth = Math.floor((copiedPages / totalPages) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        unit.info({ copiedPages, totalPages }, `backup ${tenth * 10}% (${copiedPages}/${totalPages} pages)`);
      },
    });
    unit.info(
      { file: result.file, bytes: result.bytes, pages: result.pages, durationMs: result.durationMs },
      `backup written and verified (integrity_check ok): ${result.file}`,
    );
    return 0;
  } catch (err) {
    unit.error(
      isHydraError(err) ? { code: err.code, details: err.details } : { err },
      `backup failed: ${errorMessage(err)}`,
    );
    return 1;
  }
};
