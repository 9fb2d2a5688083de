import { createHmac } from 'node:crypto';
import { startHttpReceiver, startSmtpReceiver } from '../../../../test/helpers/receivers.js';
import type { AlertNotification, Channel } from '../config-types.js';
import { DEFAULT_RETRY } from '../defaults.js';
import { DeliveryError } from './delivery-error.js';
import { sendTo } from './send.js';
import { verifySignature } from './webhook.js';

const n: AlertNotification = {
  alertId: 7,
  ruleId: 'cycle-failed',
  ruleName: 'Cycle failed',
  severity: 'critical',
  event: 'firing',
  summary: 'cycle 2026-11-20#1 (2026-11-20) ended failed: gateway refused the connection',
  value: 'failed',
  firedAt: '2026-11-20T21:31:00.000Z',
  resolvedAt: null,
  url: 'https://hydra.example.org/#/alerts',
};
const base = {
  severities: ['info', 'warning', 'critical'] as const,
  retry: DEFAULT_RETRY,
  timeoutSeconds: 5,
  line: null,
};
const now = new Date('2026-11-20T21:31:05Z');

describe('notification senders, against real local receivers', () => {
  let http: Awaited<ReturnType<typeof startHttpReceiver>>;
  beforeAll(async () => {
    http = await startHttpReceiver();
  });
  afterAll(() => http.close());

  it('posts the webhook JSON with its headers, signed so the receiver can verify it with the shared secret', async () => {
    const secret = 'whsec-4f1c9a';
    const c: Channel = {
      ...base,
      name: 'ops',
      type: 'webhook',
      url: `${http.url}/hook?k=1`,
      secret,
      headers: { 'X-Team': 'quant' },
    };
    const before = http.requests.length;
    await sendTo(c, n, 41, now);
    const r = http.requests[before]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/hook?k=1');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-hydra-event']).toBe('firing');
    expect(r.headers['x-hydra-delivery']).toBe('41');
    expect(r.headers['x-team']).toBe('quant');
    expect(JSON.parse(r.body)).toEqual({ version: 1, deliveryId: 41, ...n });
    const ts = r.headers['x-hydra-timestamp'] as string;
    expect(ts).toBe(String(Math.floor(now.getTime() / 1000)));
    // Computed here from the documented scheme, not by the sender's own helper.
    const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
    expect(r.headers['x-hydra-signature']).toBe(expected);
    expect(verifySignature(secret, ts, r.body, expected)).toBe(true);
    expect(verifySignature(secret, ts, `${r.body} `, expected)).toBe(false);
    expect(verifySignature('other', ts, r.body, expected)).toBe(false);
  });

  it('sends no signature without a secret', async () => {
    const before = http.requests.length;
    await sendTo(
      { ...base, name: 'ops', type: 'webhook', url: http.url, secret: null, headers: {} },
      n,
      1,
      now,
    );
    expect(http.requests[before]!.headers['x-hydra-signature']).toBeUndefined();
  });

  it('speaks Slack, Discord and Telegram as their APIs expect', async () => {
    const before = http.requests.length;
    await sendTo({ ...base, name: 's', type: 'slack', url: `${http.url}/services/T0/B0/XYZ` }, n, 2, now);
    await sendTo(
      { ...base, name: 'd', type: 'discord', url: `${http.url}/api/webhooks/1/tok` },
      { ...n, event: 'resolved', resolvedAt: '2026-11-20T21:41:00.000Z' },
      3,
      now,
    );
    await sendTo(
      {
        ...base,
        name: 't',
        type: 'telegram',
        botToken: '123:ABCsecret',
        chatId: '-100200',
        apiUrl: http.url,
      },
      n,
      4,
      now,
    );
    const [slack, discord, telegram] = http.requests.slice(before);
    const s = JSON.parse(slack!.body);
    expect(s.text).toContain('FIRING critical: Cycle failed');
    expect(s.blocks[1].text.text).toContain('hydra alerts ack 7');
    const d = JSON.parse(discord!.body);
    expect(d.content).toBe('[hydra] RESOLVED: Cycle failed');
    expect(d.embeds[0].color).toBe(0x3fb950);
    expect(d.embeds[0].description).toContain('after 10 min');
    expect(d.allowed_mentions).toEqual({ parse: [] });
    expect(telegram!.path).toBe('/bot123:ABCsecret/sendMessage');
    const t = JSON.parse(telegram!.body);
    expect(t.chat_id).toBe('-100200');
    expect(t.text.split('\n')[0]).toBe('[hydra] FIRING critical: Cycle failed');
    expect(t.parse_mode).toBeUndefined();
  });

  it('classifies answers: 5xx and 429 retryable (with Retry-After), other 4xx not, and names no secret', async () => {
    const c: Channel = {
      ...base,
      name: 't',
      type: 'telegram',
      botToken: '999:TOPSECRET',
      chatId: '1',
      apiUrl: http.url,
    };
    http.answer(503, { 'retry-after': '7' }, 'busy');
    const e1 = (await sendTo(c, n, 5, now).catch((e: unknown) => e)) as DeliveryError;
    expect(e1).toBeInstanceOf(DeliveryError);
    expect([e1.retryable, e1.retryAfterMs]).toEqual([true, 7000]);
    http.answer(400, {}, '{"ok":false,"description":"Bad Request: chat not found for 999:TOPSECRET"}');
    const e2 = (await sendTo(c, n, 6, now).catch((e: unknown) => e)) as DeliveryError;
    expect(e2.retryable).toBe(false);
    expect(e2.message).toContain('400');
    expect(e2.message).toContain('chat not found');
    expect(e2.message).not.toContain('TOPSECRET');
    http.answer(200);
  });

  it('reports a receiver that is not listening as retryable, without its path', async () => {
    const gone = await startHttpReceiver();
    await gone.close();
    const url = `${gone.url}/services/T0/B0/SECRETPATH`;
    const e = (await sendTo({ ...base, name: 's', type: 'slack', url }, n, 7, now).catch(
      (x: unknown) => x,
    )) as DeliveryError;
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(e.message).not.toContain('SECRETPATH');
  });

  it('mails through SMTP with AUTH, subject and body', async () => {
    const smtp = await startSmtpReceiver({ user: 'hydra', pass: 's3cret-pass' });
    try {
      const c: Channel = {
        ...base,
        name: 'mail',
        type: 'email',
        host: smtp.host,
        port: smtp.port,
        secure: false,
        user: 'hydra',
        password: 's3cret-pass',
        from: 'hydra@example.org',
        to: ['trader@example.org', 'ops@example.org'],
      };
      await sendTo(c, n, 8, now);
      expect(smtp.mails).toHaveLength(1);
      const m = smtp.mails[0]!;
      expect(m.user).toBe('hydra');
      expect(m.from).toBe('hydra@example.org');
      expect(m.to).toEqual(['trader@example.org', 'ops@example.org']);
      expect(m.raw).toMatch(/^Subject: \[hydra\] FIRING critical: Cycle failed/m);
      // Quoted-printable folds long lines with a trailing '='.
      expect(m.raw.replace(/=\r?\n/g, '')).toContain('gateway refused the connection');
      // A wrong password is a permanent refusal (535), not retried forever, and is not echoed.
      const e = (await sendTo({ ...c, password: 'wrong-pass-xyz' }, n, 9, now).catch(
        (x: unknown) => x,
      )) as DeliveryError;
      expect(e.retryable).toBe(false);
      expect(e.message).toContain('535');
      expect(e.message).not.toContain('wrong-pass-xyz');
    } finally {
      await smtp.close();
    }
  });
});
