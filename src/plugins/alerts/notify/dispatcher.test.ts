import path from 'node:path';
import { logSink } from '../../../../test/helpers/log-sink.js';
import { startHttpReceiver } from '../../../../test/helpers/receivers.js';
import { tempDir } from '../../../../test/helpers/temp-dir.js';
import { runMigrations } from '../../../db/migrate.js';
import { openDatabase } from '../../../db/open.js';
import { definePlugin } from '../../types.js';
import type { AlertNotification, Channel } from '../config-types.js';
import { alertsMigrations } from '../migrations.js';
import { createDeliveriesStore } from './deliveries-store.js';
import { createDispatcher, retryDelayMs } from './dispatcher.js';

const tables = definePlugin({ name: 'alerts', migrations: alertsMigrations, store: () => null });
const fast = { initialDelaySeconds: 0.05, maxDelaySeconds: 0.2, maxAttempts: 100 };
const note = (alertId: number, event: 'firing' | 'resolved' = 'firing'): AlertNotification => ({
  alertId,
  ruleId: 'cycle-failed',
  ruleName: 'Cycle failed',
  severity: 'critical',
  event,
  summary: 'cycle failed',
  value: 'failed',
  firedAt: '2026-11-20T21:31:00.000Z',
  resolvedAt: event === 'resolved' ? '2026-11-20T21:41:00.000Z' : null,
  url: null,
});
const limit = { max: 10, perSeconds: 3600 };

const setup = () => {
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'hydra.db');
  const open = () => {
    const db = openDatabase(file);
    runMigrations(db, [tables]);
    return { db, store: createDeliveriesStore(db) };
  };
  return { tmp, open };
};

describe('notification dispatcher and outbox', () => {
  it('delivers to a receiver that was down once it is back, after recorded retries', async () => {
    const rx = await startHttpReceiver();
    const { tmp, open } = setup();
    const { db, store } = open();
    const sink = logSink();
    const hook: Channel = {
      name: 'ops',
      type: 'webhook',
      url: `${rx.url}/h/SECRETPATH`,
      secret: 'hmac-key-123',
      headers: {},
      severities: ['critical'],
      retry: fast,
      timeoutSeconds: 2,
      line: null,
    };
    const d = createDispatcher({ store, channels: { ops: hook }, log: sink.log });
    try {
      await rx.down();
      store.enqueue(note(1), [hook], limit, new Date());
      d.start();
      await new Promise((r) => setTimeout(r, 400));
      const waiting = store.list({}, null, 10)[0]!;
      expect(waiting.status).toBe('pending');
      expect(waiting.attempts).toBeGreaterThanOrEqual(2);
      expect(waiting.lastError).toMatch(/ECONNREFUSED/);
      await rx.up();
      await rx.received(1);
      await d.idle();
      const done = store.list({}, null, 10)[0]!;
      expect(done.status).toBe('sent');
      expect(rx.requests).toHaveLength(1);
      expect(rx.requests[0]!.headers['x-hydra-delivery']).toBe(String(done.id));
      // Retries were logged, and no secret was.
      expect(sink.lines.some((l) => l.msg === 'notification failed; will retry')).toBe(true);
      expect(sink.text()).not.toMatch(/SECRETPATH|hmac-key-123/);
      expect(JSON.stringify(store.list({}, null, 10))).not.toMatch(/SECRETPATH|hmac-key-123/);
    } finally {
      await d.stop();
      db.close();
      await rx.close();
      tmp.remove();
    }
  });

  it('sends after a restart what was pending when the process stopped', async () => {
    const rx = await startHttpReceiver();
    const { tmp, open } = setup();
    const hook: Channel = {
      name: 'ops',
      type: 'webhook',
      url: rx.url,
      secret: null,
      headers: {},
      severities: ['critical'],
      retry: fast,
      timeoutSeconds: 2,
      line: null,
    };
    try {
      const first = open();
      first.store.enqueue(note(1), [hook], limit, new Date());
      first.store.enqueue(note(2), [hook], limit, new Date());
      first.db.close(); // the process died before dispatching
      const second = open();
      const d = createDispatcher({ store: second.store, channels: { ops: hook }, log: logSink().log });
      d.start();
      await rx.received(2);
      await d.idle();
      await d.stop();
      expect(second.store.counts()).toEqual({ sent: 2 });
      // One channel, one send at a time: the order of the outbox is kept.
      expect(rx.requests.map((r) => JSON.parse(r.body).alertId)).toEqual([1, 2]);
      second.db.close();
    } finally {
      await rx.close();
      tmp.remove();
    }
  });

  it('marks a refused request failed at once, and a receiver that never recovers failed after maxAttempts', async () => {
    const rx = await startHttpReceiver();
    const { tmp, open } = setup();
    const { db, store } = open();
    const sink = logSink();
    const bad: Channel = {
      name: 'slack',
      type: 'slack',
      url: `${rx.url}/services/T/B/X`,
      severities: ['critical'],
      retry: { ...fast, maxAttempts: 3 },
      timeoutSeconds: 2,
      line: null,
    };
    const d = createDispatcher({ store, channels: { slack: bad }, log: sink.log });
    try {
      rx.answer(404, {}, 'no_service');
      store.enqueue(note(1), [bad], limit, new Date());
      d.start();
      await rx.received(1);
      await d.idle();
      expect(store.list({}, null, 1)[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(store.list({}, null, 1)[0]!.lastError).toContain('404');
      rx.answer(500);
      store.enqueue(note(2), [bad], limit, new Date());
      d.kick();
      await rx.received(4);
      await d.idle();
      const second = store.list({ status: 'failed' }, null, 5).find((r) => r.alertId === 2)!;
      expect(second.attempts).toBe(3);
      expect(second.lastError).toMatch(/gave up after 3 attempts/);
      expect(sink.lines.filter((l) => l.msg === 'notification could not be delivered')).toHaveLength(2);
    } finally {
      await d.stop();
      db.close();
      await rx.close();
      tmp.remove();
    }
  });

  it('records notifications past the rate limit instead of sending them, but always lets a resolved through', () => {
    const { tmp, open } = setup();
    const { db, store } = open();
    const ch: Channel = {
      name: 'ops',
      type: 'discord',
      url: 'http://127.0.0.1:9/x',
      severities: ['critical'],
      retry: fast,
      timeoutSeconds: 1,
      line: null,
    };
    const at = new Date('2026-11-20T12:00:00Z');
    const two = { max: 2, perSeconds: 3600 };
    for (const id of [1, 2, 3]) store.enqueue(note(id), [ch], two, at);
    expect(store.list({}, null, 10).map((r) => [r.alertId, r.status])).toEqual([
      [3, 'rate_limited'],
      [2, 'pending'],
      [1, 'pending'],
    ]);
    expect(store.list({ status: 'rate_limited' }, null, 1)[0]!.lastError).toContain('rateLimit');
    store.enqueue(note(1, 'resolved'), [ch], two, at);
    expect(store.list({ alertId: 1 }, null, 5).map((r) => [r.event, r.status])).toEqual([
      ['resolved', 'pending'],
      ['firing', 'pending'],
    ]);
    // An hour later the window has passed.
    store.enqueue(note(4), [ch], two, new Date(at.getTime() + 3_601_000));
    expect(store.list({ alertId: 4 }, null, 1)[0]!.status).toBe('pending');
    // Enqueueing the same notification again changes nothing (idempotent per alert, channel and event).
    expect(store.enqueue(note(4), [ch], two, at)).toEqual([]);
    // A channel that does not take this severity gets nothing.
    expect(store.enqueue(note(5), [{ ...ch, severities: ['info'] }], two, at)).toEqual([]);
    db.close();
    tmp.remove();
  });

  it('backs off exponentially with jitter up to the cap, and honours Retry-After', () => {
    const c = { retry: { initialDelaySeconds: 5, maxDelaySeconds: 60, maxAttempts: 10 } };
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(c, a, null, () => 0.5))).toEqual([
      5000, 10_000, 20_000, 40_000, 60_000,
    ]);
    expect(retryDelayMs(c, 1, null, () => 0)).toBe(4000);
    expect(retryDelayMs(c, 1, null, () => 1)).toBe(6000);
    expect(retryDelayMs(c, 1, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(c, 1, 600_000, () => 0.5)).toBe(60_000);
  });
});
