import type { AlertNotification, Channel, Severity } from '../config-types.js';
import { describeTarget } from './delivery-error.js';
import { bodyText, fullText, headline } from './format.js';
import { httpPost } from './http-post.js';

type Slack = Extract<Channel, { type: 'slack' }>;
type Discord = Extract<Channel, { type: 'discord' }>;
type Telegram = Extract<Channel, { type: 'telegram' }>;

const COLOR: Record<Severity | 'resolved', number> = {
  critical: 0xf85149,
  warning: 0xd29922,
  info: 0x58a6ff,
  resolved: 0x3fb950,
};

/** Slack incoming webhook: a text fallback (notifications, old clients) and a block with the details. */
export const slackBody = (n: AlertNotification) =>
  JSON.stringify({
    text: `[hydra] ${headline(n)}: ${n.summary}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `[hydra] ${headline(n)}`.slice(0, 150) } },
      { type: 'section', text: { type: 'plain_text', text: bodyText(n).slice(0, 2900) } },
    ],
  });

/** Discord webhook: one embed coloured by severity (green when resolved); mentions are switched off. */
export const discordBody = (n: AlertNotification) =>
  JSON.stringify({
    content: `[hydra] ${headline(n)}`.slice(0, 2000),
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: n.ruleName.slice(0, 256),
        description: bodyText(n).slice(0, 4000),
        color: COLOR[n.event === 'resolved' ? 'resolved' : n.severity],
        timestamp: n.event === 'resolved' ? (n.resolvedAt ?? n.firedAt) : n.firedAt,
        ...(n.url ? { url: n.url } : {}),
      },
    ],
  });

/** Telegram Bot API sendMessage, plain text: no parse_mode, so no character in a summary needs escaping. */
export const telegramBody = (c: Telegram, n: AlertNotification) =>
  JSON.stringify({ chat_id: c.chatId, text: fullText(n).slice(0, 4096), disable_web_page_preview: true });

const json = { 'content-type': 'application/json' };

export const sendSlack = (c: Slack, n: AlertNotification) =>
  httpPost(c.url, slackBody(n), json, {
    timeoutMs: c.timeoutSeconds * 1000,
    target: describeTarget('slack webhook', c.url),
    secrets: [],
  });

export const sendDiscord = (c: Discord, n: AlertNotification) =>
  httpPost(c.url, discordBody(n), json, {
    timeoutMs: c.timeoutSeconds * 1000,
    target: describeTarget('discord webhook', c.url),
    secrets: [],
  });

export const sendTelegram = (c: Telegram, n: AlertNotification) =>
  httpPost(`${c.apiUrl}/bot${c.botToken}/sendMessage`, telegramBody(c, n), json, {
    timeoutMs: c.timeoutSeconds * 1000,
    target: describeTarget('telegram bot', c.apiUrl),
    secrets: [c.botToken],
  });
