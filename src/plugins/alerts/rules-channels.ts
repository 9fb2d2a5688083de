import type { Channel, RetryPolicy, Severity } from './config-types.js';
import { ID, type Obj, type Readers } from './rules-readers.js';

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const CHANNEL_TYPES = ['webhook', 'slack', 'discord', 'telegram', 'email'] as const;

export interface ChannelDefaults {
  retry: RetryPolicy;
  timeoutSeconds: number;
  retryOf: (o: Obj, path: readonly (string | number)[], fallback: RetryPolicy) => RetryPolicy;
}

/** The `channels:` mapping, each channel's secrets resolved (never echoed in a problem). */
export const parseChannels = (
  r: Readers,
  rawChannels: Obj,
  defaults: ChannelDefaults,
): Record<string, Channel> => {
  const { problem, lineOf, keys, obj, str, oneOf, list, duration, number, secret, httpUrl } = r;
  const retryOf = defaults.retryOf;
  const channels: Record<string, Channel> = {};
  for (const [name, raw] of Object.entries(rawChannels)) {
    const path = ['channels', name];
    if (!ID.test(name)) problem(path, `channel name "${name}" must be lower-case letters, digits, - or _`);
    const c = obj(raw, path, `channel ${name}`);
    if (!c) continue;
    const type = oneOf(c, 'type', path, CHANNEL_TYPES, null);
    const base = {
      name,
      severities: list(c, 'severities', path, SEVERITIES, SEVERITIES),
      retry: retryOf(c, path, defaults.retry),
      timeoutSeconds: duration(c, 'timeout', path, defaults.timeoutSeconds),
      line: lineOf(path),
    };
    const common = ['type', 'severities', 'retry', 'timeout'];
    switch (type) {
      case 'webhook': {
        keys(c, path, [
          ...common,
          'url',
          'urlEnv',
          'urlFile',
          'secret',
          'secretEnv',
          'secretFile',
          'headers',
        ]);
        const headers: Record<string, string> = {};
        if (c.headers !== undefined) {
          const h = obj(c.headers, [...path, 'headers'], 'headers');
          for (const [k, v] of Object.entries(h ?? {})) {
            if (typeof v !== 'string' || !/^[A-Za-z0-9-]+$/.test(k))
              problem([...path, 'headers', k], 'headers must map header names to strings');
            else headers[k] = v;
          }
        }
        channels[name] = {
          ...base,
          type,
          url: httpUrl(c, 'url', path, true),
          secret: secret(c, 'secret', path, { inline: true, required: false }),
          headers,
        };
        break;
      }
      case 'slack':
      case 'discord':
        keys(c, path, [...common, 'url', 'urlEnv', 'urlFile']);
        channels[name] = { ...base, type, url: httpUrl(c, 'url', path, true) };
        break;
      case 'telegram': {
        keys(c, path, [...common, 'botToken', 'botTokenEnv', 'botTokenFile', 'chatId', 'apiUrl']);
        const botToken =
          secret(c, 'botToken', path, {
            inline: false,
            required: true,
            why: 'a bot token in a file that gets copied and committed is a leaked bot',
          }) ?? '';
        const apiUrl = str(
          c,
          'apiUrl',
          path,
          'https://api.telegram.org',
          /^https?:\/\/\S+$/,
          'an http(s) URL',
        )!;
        channels[name] = {
          ...base,
          type,
          botToken,
          chatId: str(c, 'chatId', path, null, /^-?\d+$|^@\w+$/, 'a numeric chat id (or @channelname)') ?? '',
          apiUrl: apiUrl.replace(/\/+$/, ''),
        };
        break;
      }
      case 'email': {
        keys(c, path, [
          ...common,
          'host',
          'port',
          'secure',
          'user',
          'password',
          'passwordEnv',
          'passwordFile',
          'from',
          'to',
        ]);
        const port = number(c, 'port', path, 587, 1, true)!;
        const secure = c.secure === undefined ? port === 465 : c.secure;
        if (typeof secure !== 'boolean') problem([...path, 'secure'], '"secure" must be true or false');
        const to = list(c, 'to', path, null, []);
        if (to.length === 0) problem(path, '"to" is required: one address or a list');
        for (const [i, a] of to.entries())
          if (!/^[^@\s]+@[^@\s]+$/.test(a)) problem([...path, 'to', i], `"${a}" is not an e-mail address`);
        channels[name] = {
          ...base,
          type,
          host: str(c, 'host', path, null, /^[A-Za-z0-9.:-]+$/, 'the SMTP server host name') ?? '',
          port,
          secure: secure === true,
          user: str(c, 'user', path, '') || null,
          password: secret(c, 'password', path, { inline: true, required: false }),
          from: str(c, 'from', path, null, /^[^@\s]+@[^@\s]+$|<[^@\s]+@[^@\s]+>$/, 'a sender address') ?? '',
          to,
        };
        break;
      }
      default:
        break;
    }
  }
  return channels;
};
