import type { AlertNotification, Channel } from '../config-types.js';
import { sendDiscord, sendSlack, sendTelegram } from './chat.js';
import { sendEmail } from './email.js';
import { sendWebhook } from './webhook.js';

/** Sends one notification through one channel; throws a DeliveryError (or anything else: retryable). */
export const sendTo = (c: Channel, n: AlertNotification, deliveryId: number, now: Date): Promise<void> => {
  switch (c.type) {
    case 'webhook':
      return sendWebhook(c, n, deliveryId, now);
    case 'slack':
      return sendSlack(c, n);
    case 'discord':
      return sendDiscord(c, n);
    case 'telegram':
      return sendTelegram(c, n);
    case 'email':
      return sendEmail(c, n, deliveryId);
  }
};
