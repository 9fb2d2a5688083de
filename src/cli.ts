#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { checkCommand } from './commands/check.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { configHelp, USAGE } from './commands/usage.js';
import { loadConfig } from './config.js';
import { isHydraError } from './errors.js';
import { createLogger } from './log.js';
import { packageVersion } from './paths.js';

const COMMANDS = new Set([
  'serve',
  'migrate',
  'check',
  'sim',
  'cycle',
  'backfill',
  'experiments',
  'drift',
  'backup',
  'alerts',
  'help',
]);

const usageError = (message: string): number => {
  process.stderr.write(`hydra: ${message}\n\n${USAGE}\n`);
  return 2;
};

/** The composition root of every command. Returns the exit code: 0 ok, 1 failure, 2 bad usage or config. */
export const main = async (argv: string[]): Promise<number> => {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${rest[0] === 'config' ? configHelp() : USAGE}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = first === undefined || first.startsWith('-') ? argv : rest;
  if (!COMMANDS.has(command)) return usageError(`unknown command "${command}"`);

  if (command === 'sim') {
    const { runSimCommand } = await import('./sim/command.js');
    const log = createLogger({ level: process.env.HYDRA_LOG_LEVEL ?? 'info', format: 'auto' });
    return runSimCommand(args, log.child({ unit: 'sim' }));
  }
  // These parse their own arguments.
  const ownArgs =
    command === 'cycle' ||
    command === 'backfill' ||
    command === 'experiments' ||
    command === 'drift' ||
    command === 'alerts' ||
    command === 'backup';
  try {
    const { values } = parseArgs({
      args: ownArgs ? [] : args,
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
  } catch (err) {
    return usageError((err as Error).message);
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (isHydraError(err, 'HYDRA_ERR_CONFIG')) {
      process.stderr.write(
        `hydra: ${err.message}\nRun "hydra help config" for every setting and what it accepts.\n`,
      );
      return 2;
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(config, log);
      case 'check':
        return await checkCommand(config, process.env, (line) => process.stdout.write(`${line}\n`));
      case 'cycle':
      case 'backfill': {
        const { cycleCommand } = await import('./commands/cycle.js');
        return await cycleCommand(command, args, config, log);
      }
      case 'drift': {
        const { driftCommand } = await import('./commands/drift.js');
        return await driftCommand(args, config, (line) => process.stdout.write(`${line}\n`));
      }
      case 'alerts': {
        const { alertsCommand } = await import('./commands/alerts.js');
        return await alertsCommand(args, config, (line) => process.stdout.write(`${line}\n`));
      }
      case 'backup': {
        const { backupCommand } = await import('./commands/backup.js');
        return await backupCommand(args, config, log);
      }
      case 'experiments': {
        const { experimentsCommand } = await import('./commands/experiments.js');
        return await experimentsCommand(args, config, log, (line) => process.stdout.write(`${line}\n`));
      }
      default:
        return await serveCommand(config, log);
    }
  } catch (err) {
    // What the user typed was wrong: say so plainly, exit 2 like any usage error.
    if (isHydraError(err, 'HYDRA_ERR_INPUT') || isHydraError(err, 'HYDRA_ERR_CONFIG'))
      return usageError(err.message);
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      return usageError((err as Error).message);
    if (isHydraError(err)) {
      log.fatal({ code: err.code, details: err.details }, err.message);
      return 1;
    }
    log.fatal({ err }, 'unexpected failure');
    return 1;
  }
};

// Run only as the entry point, so tests can import main().
const invokedPath = process.argv[1] ?? '';
if (/[\\/]cli\.(js|ts)$/.test(invokedPath)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // pino's destination may still hold lines; give it the event loop, then make sure we exit even if
      // a stray handle (a library timer) would keep us alive.
      setTimeout(() => process.exit(code), 200).unref();
    },
    (err: unknown) => {
      process.stderr.write(`hydra: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
