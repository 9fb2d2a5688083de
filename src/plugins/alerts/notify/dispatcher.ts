import { errorMessage } from '../../../errors.js';
import type { Logger } from '../../../log.js';
import type { Channel } from '../config-types.js';
import type { DeliveriesStore, DeliveryRow } from './deliveries-store.js';
import { DeliveryError, scrub } from './delivery-error.js';
import { sendTo } from './send.js';

export interface DispatcherOptions {
  store: DeliveriesStore;
  channels: Readonly<Record<string, Channel>>;
  log: Logger;
  now?: () => Date;
  /** 0..1, for the backoff's jitter. */
  random?: () => number;
  /** A delivery changed status (sent, retry scheduled, failed): the composition root publishes it. */
  onChange?: (row: DeliveryRow) => void;
}

export interface Dispatcher {
  /** Look for due deliveries now (after an evaluation enqueued some). */
  kick(): void;
  start(): void;
  /** Stops taking new work and waits for the sends in flight. */
  stop(): Promise<void>;
  /** Resolves when nothing is in flight and nothing is due now (tests). */
  idle(): Promise<void>;
}

const secretsOf = (c: Channel): string[] => {
  switch (c.type) {
    case 'webhook':
      return [c.url, c.secret ?? ''];
    case 'slack':
    case 'discord':
      return [c.url];
    case 'telegram':
      return [c.botToken];
    case 'email':
      return [c.password ?? ''];
  }
};

/** Exponential backoff with ±20 % jitter, capped; the receiver's Retry-After wins when it gave one. */
export const retryDelayMs = (
  c: Pick<Channel, 'retry'>,
  attempts: number,
  retryAfterMs: number | null,
  random: () => number,
): number => {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, c.retry.maxDelaySeconds * 1000);
  const base = Math.min(c.retry.maxDelaySeconds, c.retry.initialDelaySeconds * 2 ** (attempts - 1)) * 1000;
  return Math.round(base * (0.8 + 0.4 * random()));
};

/**
 * Sends what the outbox holds: one send in flight per channel (so a channel's messages keep their order),
 * channels in parallel. A failure is written back with its reason and retried with backoff until it is sent
 * or out of attempts; rows still pending after a crash or restart are picked up at start: nothing is lost.
 */
export const createDispatcher = (o: DispatcherOptions): Dispatcher => {
  const now = o.now ?? (() => new Date());
  const random = o.random ?? Math.random;
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (inFlight.size > 0) return;
    const due = o.store.nextDueAt();
    if (due && due.getTime() <= now().getTime() && !stopped) return;
    for (const w of idleWaiters) w();
    idleWaiters = [];
  };

  const send = async (row: DeliveryRow): Promise<void> => {
    const c = o.channels[row.channel];
    const attempts = row.attempts + 1;
    const log = o.log.child({
      deliveryId: row.id,
      alertId: row.alertId,
      rule: row.ruleId,
      channel: row.channel,
    });
    if (!c) {
      o.store.markFailed(row.id, row.attempts, `channel "${row.channel}" is no longer in the alerts file`);
      log.error('notification not sent: its channel is no longer configured');
      return;
    }
    try {
      await sendTo(c, row.notification, row.id, now());
      o.store.markSent(row.id, attempts, now());
      log.info({ type: c.type, event: row.event, attempts }, 'notification sent');
    } catch (err) {
      const reason = err instanceof DeliveryError ? err.message : scrub(errorMessage(err), secretsOf(c));
      const retryable = !(err instanceof DeliveryError) || err.retryable;
      if (!retryable || attempts >= c.retry.maxAttempts) {
        const why = retryable ? `gave up after ${attempts} attempts: ${reason}` : reason;
        o.store.markFailed(row.id, attempts, why);
        log.error(
          { type: c.type, event: row.event, attempts, reason: why },
          'notification could not be delivered',
        );
      } else {
        const delay = retryDelayMs(
          c,
          attempts,
          err instanceof DeliveryError ? err.retryAfterMs : null,
          random,
        );
        o.store.markRetry(row.id, attempts, new Date(now().getTime() + delay), reason);
        log.warn(
          { type: c.type, event: row.event, attempts, retryInMs: delay, reason },
          'notification failed; will retry',
        );
      }
    }
  };

  const pump = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    for (const row of o.store.due(now(), 200)) {
      if (busy.has(row.channel)) continue;
      busy.add(row.channel);
      const p = send(row)
        .catch((err: unknown) => o.log.error({ err }, 'notification dispatch failed'))
        .finally(() => {
          busy.delete(row.channel);
          inFlight.delete(p);
          const changed = o.store.get(row.id);
          if (changed) o.onChange?.(changed);
          pump();
          settleIdle();
        });
      inFlight.add(p);
    }
    const next = o.store.nextDueAt();
    if (next && inFlight.size === 0) {
      timer = setTimeout(pump, Math.max(0, next.getTime() - now().getTime()) + 5);
      timer.unref();
    }
    settleIdle();
  };

  return {
    kick: () => {
      if (!stopped) setImmediate(pump);
    },
    start: () => {
      stopped = false;
      pump();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.all([...inFlight]);
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
  };
};
