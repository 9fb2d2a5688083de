import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { HydraConfig } from '../config.js';
import { runMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { errorMessage, hydraError } from '../errors.js';
import { alertsConfigOf } from '../plugins/alerts/index.js';
import { DeliveryError } from '../plugins/alerts/notify/delivery-error.js';
import { sendTo } from '../plugins/alerts/notify/send.js';
import type { AlertsPluginStore } from '../plugins/alerts/plugin-store.js';
import { isFiring } from '../plugins/alerts/state-machine.js';
import type { AlertRow } from '../plugins/alerts/store.js';
import { ruleViews } from '../plugins/alerts/view.js';
import { createStores, pluginsFor } from '../plugins/registry.js';

export const ALERTS_USAGE = `hydra alerts [list]                          every rule and its state; firing episodes with their ids
hydra alerts history [--rule ID] [--limit N]  past episodes, newest first (default 20)
hydra alerts ack ID [--by NAME] [--note TEXT] acknowledge a firing episode (recorded as an audit event)
hydra alerts test CHANNEL                     send a test notification through a channel of the alerts file, now`;

/**
 * Sends one test notification through a configured channel, once, and says what the receiver answered: the
 * way to check a webhook URL, a bot token or an SMTP login before an alert depends on it. Nothing is recorded.
 */
const testChannel = async (
  rest: string[],
  config: HydraConfig,
  out: (line: string) => void,
): Promise<number> => {
  const [name] = rest;
  const { channels, file } = alertsConfigOf(await pluginsFor(config, 'full'));
  const names = Object.keys(channels);
  if (rest.length !== 1 || !name || !channels[name])
    throw hydraError(
      'HYDRA_ERR_INPUT',
      `hydra alerts test takes one channel name; ${file ?? 'the built-in rules (no HYDRA_ALERTS_FILE)'} has ${names.length > 0 ? names.join(', ') : 'no channels'}`,
    );
  const c = channels[name];
  const now = new Date();
  try {
    await sendTo(
      c,
      {
        alertId: 0,
        ruleId: 'test',
        ruleName: `Test notification for channel ${name}`,
        severity: 'info',
        event: 'firing',
        summary: `hydra alerts test ${name}: if you read this, the ${c.type} channel works.`,
        value: null,
        firedAt: now.toISOString(),
        resolvedAt: null,
        url: config.alerts.publicUrl ? `${config.alerts.publicUrl}/#/alerts` : null,
      },
      0,
      now,
    );
    out(`sent a test notification through ${name} (${c.type})`);
    return 0;
  } catch (err) {
    out(
      `could not send through ${name} (${c.type}): ${err instanceof DeliveryError ? err.message : errorMessage(err)}`,
    );
    return 1;
  }
};

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');
const episode = (a: AlertRow) =>
  `#${a.id} ${a.ruleId} ${a.severity} fired ${when(a.firedAt)}${a.resolvedAt ? `, resolved ${when(a.resolvedAt)}` : ', still firing'}${a.acknowledgedAt ? `, acknowledged by ${a.acknowledgedBy} ${when(a.acknowledgedAt)}` : ''}: ${a.summary}`;

/** Reads and acknowledges alerts on the database a running `hydra serve` uses; the server notices within one evaluation. */
export const alertsCommand = async (
  args: string[],
  config: HydraConfig,
  out: (line: string) => void,
): Promise<number> => {
  const { positionals, values } = parseArgs({
    args,
    options: {
      by: { type: 'string' },
      note: { type: 'string' },
      rule: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub = 'list', ...rest] = positionals;
  if (values.help || !['list', 'history', 'ack', 'test'].includes(sub)) {
    out(ALERTS_USAGE);
    return values.help ? 0 : 2;
  }
  const id = sub === 'ack' ? Number(rest[0]) : 0;
  if (sub === 'ack' && (rest.length !== 1 || !Number.isInteger(id) || id < 1))
    throw hydraError(
      'HYDRA_ERR_INPUT',
      `hydra alerts ack takes one alert id (a positive integer, as "hydra alerts" shows it), got ${JSON.stringify(rest.join(' '))}`,
    );
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw hydraError('HYDRA_ERR_INPUT', `--limit takes 1-500, got ${values.limit}`);

  if (sub === 'test') return testChannel(rest, config, out);

  const plugins = await pluginsFor(config, 'rules');
  const db = openDatabase(config.dbFile);
  try {
    runMigrations(db, plugins);
    const { alerts } = createStores(plugins, db).get('alerts') as AlertsPluginStore;
    const rules = alertsConfigOf(plugins);
    if (sub === 'ack') {
      const before = alerts.alert(id);
      if (!before)
        throw hydraError(
          'HYDRA_ERR_INPUT',
          `no alert #${id}; "hydra alerts" lists the firing ones with their ids`,
        );
      if (before.acknowledgedAt) {
        out(
          `alert #${id} was already acknowledged by ${before.acknowledgedBy} at ${when(before.acknowledgedAt)}`,
        );
        return 0;
      }
      const by = values.by?.trim() || userInfo().username;
      const a = alerts.acknowledge(id, by, values.note?.trim() || null, new Date());
      out(`acknowledged ${episode(a!)}`);
      return 0;
    }
    if (sub === 'history') {
      const rows = alerts.alerts({ ruleId: values.rule ?? null }, null, limit);
      if (rows.length === 0) out('no alert has fired yet');
      for (const a of rows) out(episode(a));
      return 0;
    }
    const views = ruleViews(rules.rules, alerts);
    out(
      `${views.length} rules from ${rules.file ?? 'the built-in defaults (set HYDRA_ALERTS_FILE for your own)'}`,
    );
    for (const v of views)
      out(
        `  ${v.state.toUpperCase().padEnd(10)} ${v.rule.id.padEnd(24)} ${v.rule.severity.padEnd(8)} ${v.summary ?? 'not evaluated yet'}`,
      );
    const firing = views.filter((v) => isFiring(v.state) && v.alert);
    out(firing.length === 0 ? 'nothing is firing' : `firing (acknowledge with "hydra alerts ack ID"):`);
    for (const v of firing) out(`  ${episode(v.alert!)}`);
    return 0;
  } finally {
    db.close();
  }
};
