import { createTransport } from 'nodemailer';
import type { AlertNotification, Channel } from '../config-types.js';
import { DeliveryError, scrub } from './delivery-error.js';
import { bodyText, headline } from './format.js';

type Email = Extract<Channel, { type: 'email' }>;

/**
 * Sends through SMTP (TLS from the start when `secure`, else STARTTLS when the server offers it). SMTP 5xx
 * answers are permanent (a refused recipient or login); everything else is worth another try.
 */
export const sendEmail = async (c: Email, n: AlertNotification, deliveryId: number): Promise<void> => {
  const transport = createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
    connectionTimeout: c.timeoutSeconds * 1000,
    greetingTimeout: c.timeoutSeconds * 1000,
    socketTimeout: c.timeoutSeconds * 1000,
  });
  try {
    await transport.sendMail({
      from: c.from,
      to: [...c.to],
      subject: `[hydra] ${headline(n)}`,
      text: bodyText(n),
      headers: { 'X-Hydra-Delivery': String(deliveryId), 'X-Hydra-Event': n.event },
    });
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string };
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
    throw new DeliveryError(
      `smtp ${c.host}:${c.port}: ${scrub(e.responseCode ? `${e.responseCode} ${e.message}` : (e.code ?? e.message), [c.password])}`,
      !permanent,
    );
  } finally {
    transport.close();
  }
};
