import { SETTINGS } from '../config.js';

export const USAGE = `hydra — run and monitor a personal IB paper-trading system

Usage: hydra [command] [options]

Commands:
  serve        Start the service: GraphQL API, subscriptions, dashboard (default)
  migrate      Apply pending database migrations and exit
  check        Print the effective configuration (secrets masked) and what it can reach
  cycle        Run one daily cycle now (hydra cycle --date YYYY-MM-DD)
  backfill     Trade N past simulated days against the built-in simulator (--days N)
  experiments  list | promote ID | reject ID | log FILE.json
  drift        reference --from D --to D | reference --reset
  alerts       list | history [--rule ID] | ack ID [--by NAME] [--note TEXT] | test CHANNEL
  backup       Online backup of the database, verified (hydra backup [--out FILE])
  sim          Run the IB Gateway simulator alone (hydra sim --help)
  help         Show this help

Options:
  -h, --help     Show help
  -v, --version  Print the version

Configuration is read from the environment (HYDRA_*); secrets also accept *_FILE.
Run "hydra help config" for every setting.`;

export const configHelp = (): string => {
  const rows = SETTINGS.map(
    (s) =>
      `  ${s.env.padEnd(24)} ${s.doc}\n  ${''.padEnd(24)} default: ${s.default === '' ? '(not set)' : s.default}; accepts ${s.accepts}`,
  );
  return `Settings (environment variables):\n${rows.join('\n')}`;
};
