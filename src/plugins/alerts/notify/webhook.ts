import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertNotification, Channel } from '../config-types.js';
import { describeTarget } from './delivery-error.js';
import { httpPost } from './http-post.js';

type Webhook = Extract<Channel, { type: 'webhook' }>;

/**
 * The signature scheme, for receivers (quoted in ALERTS.md):
 *   X-Hydra-Timestamp: unix seconds when this attempt was sent
 *   X-Hydra-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * Compare in constant time and refuse timestamps older than a few minutes (replays). X-Hydra-Delivery is
 * the same on every retry of one notification: use it to drop duplicates.
 */
export const signBody = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export const verifySignature = (secret: string, timestamp: string, body: string, header: string): boolean => {
  const want = Buffer.from(signBody(secret, timestamp, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
};

export const webhookBody = (n: AlertNotification, deliveryId: number): string =>
  JSON.stringify({ version: 1, deliveryId, ...n });

export const sendWebhook = async (c: Webhook, n: AlertNotification, deliveryId: number, now: Date) => {
  const body = webhookBody(n, deliveryId);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = {
    ...c.headers,
    'content-type': 'application/json',
    'x-hydra-event': n.event,
    'x-hydra-delivery': String(deliveryId),
    'x-hydra-timestamp': timestamp,
  };
  if (c.secret) headers['x-hydra-signature'] = signBody(c.secret, timestamp, body);
  await httpPost(c.url, body, headers, {
    timeoutMs: c.timeoutSeconds * 1000,
    target: describeTarget('webhook', c.url),
    secrets: [c.secret],
  });
};
