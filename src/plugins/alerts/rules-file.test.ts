import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../test/helpers/temp-dir.js';
import { isHydraError } from '../../errors.js';
import { DEFAULT_RULES } from './defaults.js';
import { type AlertsProblem, loadAlertsConfig, parseAlertsConfig } from './rules-file.js';

const F = '/etc/hydra/alerts.yml';
const problemsOf = (text: string, env: Record<string, string> = {}): AlertsProblem[] => {
  try {
    parseAlertsConfig(text, F, env);
  } catch (err) {
    if (isHydraError(err, 'HYDRA_ERR_CONFIG')) return err.details.problems as AlertsProblem[];
    throw err;
  }
  throw new Error('expected the file to be refused');
};
const messageOf = (text: string, env: Record<string, string> = {}): string => {
  try {
    parseAlertsConfig(text, F, env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('alerts file', () => {
  it('reads every condition kind and channel type, filling defaults', () => {
    const text = `
evaluateEvery: 30s
builtinRules: false
defaults: { pendingFor: 1m, rateLimit: { max: 3, per: 2h } }
channels:
  hook: { type: webhook, url: "https://example.org/h", secretEnv: HOOK_SECRET }
  slack: { type: slack, urlEnv: SLACK_URL }
  discord: { type: discord, url: "https://discord.com/api/webhooks/1/x" }
  tg: { type: telegram, botTokenEnv: TG_TOKEN, chatId: 12345, severities: [critical] }
  mail: { type: email, host: smtp.example.org, port: 465, passwordEnv: SMTP_PASS, user: me, from: h@example.org, to: me@example.org }
rules:
  - { id: a, when: { kind: cycle_failed } }
  - { id: b, when: { kind: cycle_missed, minMissed: 2 } }
  - { id: c, when: { kind: drift_status } }
  - { id: d, when: { kind: risk_block, decisions: [block, clip], rules: [max_position] } }
  - { id: e, when: { kind: position_break }, severity: critical, pendingFor: 0s }
  - { id: f, when: { kind: gateway, unreachable: true } }
  - { id: g, when: { kind: gateway, warnings: [two_factor_due] } }
  - { id: h, when: { kind: data_freshness, plugin: fills, maxAge: 2d } }
  - { id: i, when: { kind: plugin_health, atLeast: degraded } }
  - { id: j, when: { kind: metric, metric: hydra_cycles_total, labels: { status: failed }, op: ">=", threshold: 3 }, notify: [hook, tg] }
`;
    const cfg = parseAlertsConfig(text, F, {
      HOOK_SECRET: 's1',
      SLACK_URL: 'https://hooks.slack.com/services/T/B/C',
      TG_TOKEN: '1:abc',
      SMTP_PASS: 'pw',
    });
    expect(cfg.evaluateEverySeconds).toBe(30);
    expect(cfg.rules.map((r) => r.when)).toEqual([
      { kind: 'cycle_failed', statuses: ['failed', 'refused'] },
      { kind: 'cycle_missed', minMissed: 2 },
      { kind: 'drift_status', atLeast: 'alert' },
      { kind: 'risk_block', decisions: ['block', 'clip'], rules: ['max_position'] },
      { kind: 'position_break' },
      { kind: 'gateway', unreachable: true, warnings: [] },
      { kind: 'gateway', unreachable: false, warnings: ['two_factor_due'] },
      { kind: 'data_freshness', plugin: 'fills', maxAgeSeconds: 172_800 },
      { kind: 'plugin_health', plugin: null, atLeast: 'degraded' },
      {
        kind: 'metric',
        metric: 'hydra_cycles_total',
        labels: { status: 'failed' },
        op: '>=',
        threshold: 3,
        field: 'value',
      },
    ]);
    const a = cfg.rules[0]!;
    expect(a).toMatchObject({
      name: 'A',
      severity: 'warning',
      pendingSeconds: 60,
      keepFiringSeconds: 0,
      noData: 'nodata',
      channels: [],
      rateLimit: { max: 3, perSeconds: 7200 },
    });
    expect(a.line).toBe(12);
    expect(cfg.rules[4]!.pendingSeconds).toBe(0);
    expect(cfg.rules[9]!.channels).toEqual(['hook', 'tg']);
    expect(cfg.channels.hook).toMatchObject({
      type: 'webhook',
      url: 'https://example.org/h',
      secret: 's1',
      line: 6,
    });
    expect(cfg.channels.slack).toMatchObject({
      type: 'slack',
      url: 'https://hooks.slack.com/services/T/B/C',
    });
    expect(cfg.channels.tg).toMatchObject({
      type: 'telegram',
      botToken: '1:abc',
      chatId: '12345',
      apiUrl: 'https://api.telegram.org',
      severities: ['critical'],
    });
    expect(cfg.channels.mail).toMatchObject({
      type: 'email',
      port: 465,
      secure: true,
      user: 'me',
      password: 'pw',
      to: ['me@example.org'],
    });
  });

  it('keeps the built-in rules unless told not to, sends them to the default channels, and lets the file replace one', () => {
    const cfg = parseAlertsConfig(
      'defaults: { notify: [hook] }\nchannels: { hook: { type: webhook, url: "http://127.0.0.1:1/h" } }\nrules:\n  - { id: cycle-failed, when: { kind: cycle_failed, statuses: [partial] }, pendingFor: 5m }\n',
      F,
      {},
    );
    expect(cfg.rules.map((r) => r.id).sort()).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
    const replaced = cfg.rules.find((r) => r.id === 'cycle-failed')!;
    expect(replaced).toMatchObject({ pendingSeconds: 300, line: 4, channels: ['hook'] });
    expect(cfg.rules.find((r) => r.id === 'drift-alert')!.channels).toEqual(['hook']);
  });

  it('names file, line, column and reason for each problem, all at once, with suggestions', () => {
    const text = [
      'channels:', //  1
      '  ops: { type: webhok, url: "https://x.org" }', // 2
      'rules:', // 3
      '  - id: a', // 4
      '    when: { kind: cycle_fail }', // 5
      '  - id: a', // 6
      '    when: { kind: drift_status }', // 7
      '    pendingFor: 5 minutes', // 8
      '    notify: [opz]', // 9
      '  - id: c', // 10
      '    severity: high', // 11
      '    pendnigFor: 1m', // 12
    ].join('\n');
    const ps = problemsOf(text);
    const at = (line: number) => ps.filter((p) => p.line === line).map((p) => p.message);
    expect(at(2)[0]).toMatch(/type "webhok" is not known \(did you mean "webhook"\?\)/);
    expect(at(5)[0]).toMatch(
      /kind "cycle_fail" is not known \(did you mean "cycle_failed"\?\); expected one of cycle_failed, cycle_missed/,
    );
    expect(at(6)[0]).toMatch(/duplicate rule id "a" \(also at line 4\)/);
    expect(at(8)[0]).toMatch(/pendingFor "5 minutes" is not a duration/);
    expect(at(9)[0]).toMatch(/no channel named "opz" \(did you mean "ops"\?\)/);
    expect(at(10)[0]).toMatch(/"when" is required/);
    expect(at(11)[0]).toMatch(/severity "high" is not known; expected one of info, warning, critical/);
    expect(at(12)[0]).toMatch(/unknown key "pendnigFor" \(did you mean "pendingFor"\?\)/);
    expect(ps.every((p) => p.file === F && p.column >= 1)).toBe(true);
    expect(ps.find((p) => p.line === 5)!.path).toBe('rules[0].when.kind');
    const msg = messageOf(text);
    expect(msg.split('\n')[0]).toMatch(/^\/etc\/hydra\/alerts\.yml:2:\d+: type "webhok"/);
    expect(msg).toContain(`${ps.length} problems in the alerts file HYDRA_ALERTS_FILE`);
  });

  it('refuses YAML and JSON syntax errors with their line', () => {
    expect(messageOf('rules:\n  - id: a\n    when: { kind: cycle_failed\n')).toMatch(
      /^\/etc\/hydra\/alerts\.yml:\d+:\d+: not valid YAML\/JSON/,
    );
    const json =
      '{\n  "rules": [\n    { "id": "a", "when": { "kind": "cycle_failed" } },\n    { "id": "b" "when": {} }\n  ]\n}';
    const p = problemsOf(json)[0]!;
    expect(p.line).toBe(4);
    expect(p.message).toMatch(/not valid YAML\/JSON/);
    // Valid JSON goes through the same validation, lines and all.
    const bad = problemsOf('{\n  "rules": [\n    { "id": "a", "when": { "kind": "nope" } }\n  ]\n}');
    expect(bad[0]).toMatchObject({ line: 3, path: 'rules[0].when.kind' });
  });

  it('reads secrets from the environment or files, refuses inline bot tokens, and never prints a secret', () => {
    const tmp = tempDir();
    try {
      const tokenFile = path.join(tmp.dir, 'token');
      writeFileSync(tokenFile, '42:FILETOKEN\n');
      const ok = parseAlertsConfig(
        `channels:\n  tg: { type: telegram, botTokenFile: ${tokenFile}, chatId: "1" }\nrules: []\n`,
        F,
        {},
      );
      expect(ok.channels.tg).toMatchObject({ botToken: '42:FILETOKEN' });

      const text = [
        'channels:',
        '  tg: { type: telegram, botToken: "42:INLINESECRET", chatId: "1" }',
        '  s: { type: slack, urlEnv: MISSING_VAR }',
        `  d: { type: discord, urlFile: ${path.join(tmp.dir, 'nope')} }`,
        '  w: { type: webhook, urlEnv: NOT_A_URL }',
        'rules: []',
      ].join('\n');
      const ps = problemsOf(text, { NOT_A_URL: 'ftp://secret-host/SECRETPATH' });
      const at = (line: number) => ps.find((p) => p.line === line)?.message ?? '';
      expect(at(2)).toMatch(
        /"botToken" must not be written into the file .*: use "botTokenEnv" or "botTokenFile"/,
      );
      expect(at(3)).toBe('environment variable MISSING_VAR (named by "urlEnv") is not set or empty');
      expect(at(4)).toBe(`cannot read ${path.join(tmp.dir, 'nope')} (named by "urlFile"): ENOENT`);
      expect(at(5)).toBe('url must be an http(s) URL');
      const msg = messageOf(text, { NOT_A_URL: 'ftp://secret-host/SECRETPATH' });
      expect(msg).not.toMatch(/INLINESECRET|SECRETPATH|secret-host/);
    } finally {
      tmp.remove();
    }
  });

  it('reads the rules without resolving secrets when asked (the alerts CLI in a shell without them)', () => {
    const text =
      'channels:\n  s: { type: slack, urlEnv: NOT_SET_HERE }\nrules:\n  - { id: a, when: { kind: cycle_failed }, notify: [s] }\n';
    expect(problemsOf(text)[0]!.message).toMatch(/NOT_SET_HERE/);
    const cfg = parseAlertsConfig(text, F, {}, { secrets: false });
    expect(cfg.rules.find((r) => r.id === 'a')!.channels).toEqual(['s']);
    expect(cfg.channels.s).toMatchObject({ type: 'slack', url: '' });
  });

  it('loads the built-in rules without a file, and says which setting points at an unreadable one', () => {
    const d = loadAlertsConfig(null);
    expect(d.file).toBeNull();
    expect(d.rules.length).toBeGreaterThan(5);
    expect(d.rules.every((r) => r.channels.length === 0)).toBe(true);
    expect(() => loadAlertsConfig('/nonexistent/alerts.yml')).toThrow(
      /HYDRA_ALERTS_FILE=\/nonexistent\/alerts\.yml: cannot read the alerts file \(ENOENT\)/,
    );
  });

  it('parses the example shipped in k8s-free-deploy, with the secrets it names', () => {
    const tmp = tempDir();
    try {
      const example = path.resolve(__dirname, '../../../k8s-free-deploy/alerts.example.yml');
      const text = readFileSync(example, 'utf8');
      // Its Telegram token file lives under /run/secrets in production; point it at a temp file here.
      const token = path.join(tmp.dir, 'tg');
      writeFileSync(token, '1:x');
      const cfg = parseAlertsConfig(text.replace('/run/secrets/telegram_bot_token', token), example, {
        HYDRA_SMTP_PASSWORD: 'p',
        HYDRA_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/C',
        HYDRA_WEBHOOK_SECRET: 's',
      });
      expect(Object.keys(cfg.channels).sort()).toEqual(['ops', 'phone', 'team', 'urgent']);
      expect(cfg.rules.find((r) => r.id === 'cycle-failed')!.channels).toEqual(['phone', 'urgent', 'ops']);
    } finally {
      tmp.remove();
    }
  });
});
