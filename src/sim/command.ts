import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorMessage, isHydraError } from '../errors.js';
import type { Logger } from '../log.js';
import { isIsoDate } from './calendar.js';
import { type FaultScript, parseFaultScript } from './faults.js';
import { SUPPORTED } from './handshake.js';
import { type SimOptions, startSimulator } from './index.js';
import { EARLIEST_START } from './market.js';

export const SIM_USAGE = `hydra sim [options]   run the IB Gateway simulator alone (TWS API wire protocol)

  --port N              port to listen on, 0-65535 (default 4002, the IB Gateway paper port)
  --host H              address to bind (default 127.0.0.1)
  --seed N              market seed, an integer: the same seed gives the same bars and fills (default 7)
  --day-seconds N       one simulated trading day every N real seconds (default: the clock stands still)
  --start YYYY-MM-DD    the trading date to start on, from ${EARLIEST_START} (default: today, or the last trading day)
  --server-version N    advertised TWS server version, ${SUPPORTED.min}-${SUPPORTED.max} (default 193)
  --account ID          the paper account id (default DU1234567)
  --faults FILE         a JSON fault script (format: src/sim/FAULTS.md)
  -h, --help            this help

Stops on SIGINT or SIGTERM.`;

class UsageError extends Error {}

const int = (flag: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${flag} "${raw}": expected an integer from ${min} to ${max}`);
  return n;
};

const loadFaults = (file: string): FaultScript => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--faults "${file}": cannot read it (${errorMessage(err)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--faults "${file}": not JSON (${errorMessage(err)})`);
  }
  try {
    return parseFaultScript(raw);
  } catch (err) {
    throw new UsageError(`--faults "${file}": ${errorMessage(err)}`);
  }
};

/** Turns the command line into simulator options; a UsageError names the flag, the value and what is accepted. */
export const parseSimArgs = (argv: string[]): SimOptions | 'help' => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'day-seconds': { type: 'string' },
        start: { type: 'string' },
        'server-version': { type: 'string' },
        account: { type: 'string' },
        faults: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  if (values.help) return 'help';
  const str = (k: string) => values[k] as string | undefined;
  const start = str('start');
  if (start !== undefined && !(isIsoDate(start) && start >= EARLIEST_START))
    throw new UsageError(`--start "${start}": expected a date YYYY-MM-DD from ${EARLIEST_START} on`);
  const daySecondsRaw = str('day-seconds');
  let daySeconds: number | null = null;
  if (daySecondsRaw !== undefined) {
    daySeconds = Number(daySecondsRaw);
    if (daySecondsRaw.trim() === '' || !(daySeconds > 0 && daySeconds <= 86_400))
      throw new UsageError(
        `--day-seconds "${daySecondsRaw}": expected a number of seconds above 0, up to 86400`,
      );
  }
  const account = str('account');
  if (account !== undefined && !/^[A-Z]{1,3}\d{1,10}$/.test(account))
    throw new UsageError(`--account "${account}": expected an IB account id such as DU1234567`);
  const host = str('host');
  if (host !== undefined && host.trim() === '')
    throw new UsageError('--host "": expected an address such as 127.0.0.1');
  const faultsFile = str('faults');
  return {
    host: host ?? '127.0.0.1',
    port: int('port', str('port'), 0, 65_535) ?? 4002,
    seed: int('seed', str('seed'), -2_147_483_648, 2_147_483_647) ?? 7,
    serverVersion: int('server-version', str('server-version'), SUPPORTED.min, SUPPORTED.max) ?? 193,
    daySeconds,
    ...(start ? { startDate: start } : {}),
    ...(account ? { account } : {}),
    ...(faultsFile ? { faults: loadFaults(faultsFile) } : {}),
  };
};

/**
 * `hydra sim`: runs the simulator until SIGINT/SIGTERM, logging each connection and order. Resolves the
 * exit code: 0 after a clean stop, 2 for bad flags (with usage), 1 when it cannot start (port in use…).
 */
export const runSimCommand = async (argv: string[], log: Logger): Promise<number> => {
  let opts: SimOptions;
  try {
    const parsed = parseSimArgs(argv);
    if (parsed === 'help') {
      process.stdout.write(`${SIM_USAGE}\n`);
      return 0;
    }
    opts = parsed;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`hydra sim: ${err.message}\n\n${SIM_USAGE}\n`);
    return 2;
  }
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ ...opts, log });
  } catch (err) {
    if (!isHydraError(err, 'HYDRA_ERR_SIM')) throw err;
    process.stderr.write(`hydra sim: ${err.message}\n`);
    return 1;
  }
  process.stdout.write(
    `IB Gateway simulator on ${sim.host}:${sim.port} (seed ${sim.seed}, server version ${sim.serverVersion}, account ${sim.broker.account}, trading date ${sim.clock.today()}). Ctrl-C stops it.\n`,
  );
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      log.info({ signal }, 'stopping the simulator');
      void sim.close().then(() => resolve(0));
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
};
