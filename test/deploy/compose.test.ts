import { SETTINGS } from '../../src/config.js';
import {
  type ComposeConfig,
  type ComposeService,
  compose,
  composeBinary,
  composeConfig,
  MAIN_COMPOSE,
  SIM_COMPOSE,
  serviceEnvironment,
  VNC_COMPOSE,
} from './compose.js';

/**
 * The compose files, as Compose itself reads them. CI installs docker-compose (Debian's 1.29, or v2); without
 * the binary these tests cannot parse anything and skip, saying why, rather than pass on a guess.
 */
const binary = composeBinary();
const describeCompose = binary ? describe : describe.skip;
if (!binary) {
  // Printed once per run so a skipped suite is never mistaken for a passing one.
  process.stderr.write(
    'test/deploy/compose.test.ts SKIPPED: no docker-compose binary on PATH (apt-get install -y docker-compose)\n',
  );
}

/** docker-compose.yml needs TWS_USERID (it refuses to start without it); a placeholder, not a credential. */
const MAIN_ENV = { TWS_USERID: 'ci-placeholder-user' };

const VARIANTS: { name: string; files: string[]; env: Record<string, string> }[] = [
  { name: 'docker-compose.yml', files: [MAIN_COMPOSE], env: MAIN_ENV },
  { name: 'docker-compose.yml + compose.vnc.yml', files: [MAIN_COMPOSE, VNC_COMPOSE], env: MAIN_ENV },
  { name: 'k8s-free-deploy/compose.sim.yml', files: [SIM_COMPOSE], env: {} },
];

const withAllProfiles = (files: string[], env: Record<string, string>): ComposeConfig =>
  composeConfig(files, { ...env, COMPOSE_PROFILES: 'monitoring' });

/** Host side of each published port, normalised from the short ("127.0.0.1:8080:8080/tcp") or long syntax. */
const publishedHosts = (svc: ComposeService): { ip: string; port: string }[] =>
  (svc.ports ?? []).map((p) => {
    if (typeof p === 'string') {
      const parts = p.replace(/\/(tcp|udp)$/, '').split(':');
      return parts.length === 3 ? { ip: parts[0]!, port: parts[1]! } : { ip: '', port: parts[0]! };
    }
    return { ip: p.host_ip ?? '', port: String(p.published ?? '') };
  });

const volumeTargets = (svc: ComposeService): { source: string; target: string; ro: boolean }[] =>
  (svc.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return { source: v.source ?? '', target: v.target, ro: v.read_only === true };
    const [source = '', target = '', mode = ''] = v.split(':');
    return { source, target, ro: mode.split(',').includes('ro') };
  });

const env = (svc: ComposeService): Record<string, string> =>
  Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));

const secretNames = (svc: ComposeService): string[] =>
  (svc.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));

describeCompose('compose files', () => {
  it.each(VARIANTS)(
    '$name parses (docker-compose config -q), with and without the monitoring profile',
    ({ files, env: e }) => {
      for (const extra of [{}, { COMPOSE_PROFILES: 'monitoring' }] as Record<string, string>[]) {
        const r = compose(files, ['config', '-q'], { ...e, ...extra });
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      }
    },
  );

  it('docker-compose.yml stops with a clear message when TWS_USERID is missing', () => {
    const r = compose([MAIN_COMPOSE], ['config', '-q']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/set TWS_USERID in \.env/);
  });

  it.each(VARIANTS)(
    '$name: images pinned, ports on 127.0.0.1 only, a healthcheck on every long-running service',
    ({ files, env: e }) => {
      const c = withAllProfiles(files, e);
      for (const [name, svc] of Object.entries(c.services)) {
        // A pinned tag: a version number, never latest/stable or no tag at all.
        expect({ name, image: svc.image }).toEqual({
          name,
          image: expect.stringMatching(/^[a-z0-9./-]+:v?\d+\.\d+(\.\w+)?$/),
        });
        for (const p of publishedHosts(svc))
          expect({ name, ...p }).toEqual({ name, port: p.port, ip: '127.0.0.1' });
        expect({ name, healthcheck: svc.healthcheck?.test }).toEqual({
          name,
          healthcheck: expect.arrayContaining(['CMD']),
        });
        expect({ name, restart: svc.restart }).toEqual({ name, restart: 'unless-stopped' });
      }
    },
  );

  it.each(VARIANTS)(
    '$name: hydra is hardened (read-only root, non-root, init, data volume, token from a secret)',
    ({ files, env: e }) => {
      const c = withAllProfiles(files, e);
      const hydra = c.services.hydra!;
      expect(hydra.build?.dockerfile).toBe('k8s-free-deploy/Dockerfile');
      expect(hydra.read_only).toBe(true);
      expect(hydra.init).toBe(true);
      expect(hydra.user).toBe('1000:1000');
      expect(hydra.cap_drop).toEqual(['ALL']);
      expect([hydra.tmpfs].flat()).toContain('/tmp');
      // /data is the only writable path: a named volume (declared at the top level), not a bind mount.
      const data = volumeTargets(hydra).find((v) => v.target === '/data');
      expect(data).toEqual({ source: 'hydra-data', target: '/data', ro: false });
      expect(Object.keys(c.volumes ?? {})).toContain('hydra-data');
      expect(publishedHosts(hydra)).toEqual([{ ip: '127.0.0.1', port: '8080' }]);
      expect(hydra.healthcheck?.test).toEqual(['CMD', 'node', '/app/healthcheck.mjs']);

      const vars = env(hydra);
      expect(vars).toMatchObject({
        HYDRA_HOST: '0.0.0.0',
        HYDRA_PORT: '8080',
        HYDRA_DATA_DIR: '/data',
        HYDRA_API_TOKEN_FILE: '/run/secrets/hydra_api_token',
        HYDRA_LOG_FORMAT: 'json',
      });
      // The token is the protection; never the token itself in the environment, never the insecure escape hatch.
      expect(vars).not.toHaveProperty('HYDRA_API_TOKEN');
      expect(vars).not.toHaveProperty('HYDRA_ALLOW_INSECURE');
      expect(vars).not.toHaveProperty('HYDRA_ALLOW_LIVE');
      expect(secretNames(hydra)).toEqual(['hydra_api_token']);
      expect(c.secrets?.hydra_api_token?.file).toMatch(/\/k8s-free-deploy\/secrets\/hydra_api_token$/);
    },
  );

  it('docker-compose.yml: the gateway is paper-only, password from a secret, API on the compose network only', () => {
    const c = withAllProfiles([MAIN_COMPOSE], MAIN_ENV);
    const gw = c.services['ib-gateway']!;
    const hydra = c.services.hydra!;
    expect(gw.image).toBe('ghcr.io/gnzsnz/ib-gateway:10.45.1j');
    expect(env(gw)).toMatchObject({
      TRADING_MODE: 'paper',
      TWS_USERID: MAIN_ENV.TWS_USERID,
      TWS_PASSWORD_FILE: '/run/secrets/tws_password',
      AUTO_RESTART_TIME: '11:50 PM',
      TWOFA_TIMEOUT_ACTION: 'restart',
      RELOGIN_AFTER_TWOFA_TIMEOUT: 'yes',
      READ_ONLY_API: 'no',
    });
    // gnzsnz refuses TWS_PASSWORD and its _FILE together; and a password must never be an environment value.
    expect(env(gw)).not.toHaveProperty('TWS_PASSWORD');
    expect(env(gw)).not.toHaveProperty('VNC_SERVER_PASSWORD');
    expect(secretNames(gw)).toEqual(['tws_password']);
    expect(gw.ports ?? []).toEqual([]);
    // The healthcheck speaks the TWS API through the relay hydra uses, from a script mounted read-only.
    expect(gw.healthcheck?.test).toEqual([
      'CMD',
      'bash',
      '/healthcheck/healthcheck.sh',
      '127.0.0.1',
      '4004',
      '5',
    ]);
    expect(volumeTargets(gw)).toContainEqual({
      source: expect.stringMatching(/\/k8s-free-deploy\/ib-gateway\/healthcheck\.sh$/),
      target: '/healthcheck/healthcheck.sh',
      ro: true,
    });
    expect(hydra.depends_on).toEqual({ 'ib-gateway': { condition: 'service_healthy' } });
    expect(env(hydra)).toMatchObject({
      HYDRA_IB_HOST: 'ib-gateway',
      HYDRA_IB_PORT: '4004',
      HYDRA_TRADING_MODE: 'paper',
    });
    // Same user-defined network, so `ib-gateway` resolves from hydra.
    expect(Object.keys(gw.networks ?? {})).toEqual(['trading']);
    expect(Object.keys(hydra.networks ?? {})).toEqual(['trading']);
  });

  it('compose.vnc.yml adds VNC on 127.0.0.1:5900 with a password file, nothing else', () => {
    const base = composeConfig([MAIN_COMPOSE], MAIN_ENV).services['ib-gateway']!;
    const gw = composeConfig([MAIN_COMPOSE, VNC_COMPOSE], MAIN_ENV).services['ib-gateway']!;
    expect(base.ports ?? []).toEqual([]);
    expect(env(base)).not.toHaveProperty('VNC_SERVER_PASSWORD_FILE');
    expect(publishedHosts(gw)).toEqual([{ ip: '127.0.0.1', port: '5900' }]);
    expect(env(gw)).toMatchObject({ VNC_SERVER_PASSWORD_FILE: '/run/secrets/vnc_password' });
    expect(secretNames(gw).sort()).toEqual(['tws_password', 'vnc_password']);
  });

  it('compose.sim.yml runs the simulator: no gateway service, no HYDRA_IB_HOST, no IB credentials', () => {
    const c = withAllProfiles([SIM_COMPOSE], {});
    expect(Object.keys(c.services).sort()).toEqual(['grafana', 'hydra', 'prometheus']);
    const vars = env(c.services.hydra!);
    expect(vars).not.toHaveProperty('HYDRA_IB_HOST');
    expect(Object.keys(c.secrets ?? {}).sort()).toEqual(['grafana_admin_password', 'hydra_api_token']);
    expect(c.services.hydra!.depends_on).toBeUndefined();
  });

  it('every HYDRA_* setting is either fixed by the deployment or passed through from .env', () => {
    const fixedEverywhere = ['HYDRA_HOST', 'HYDRA_PORT', 'HYDRA_DATA_DIR', 'HYDRA_LOG_FORMAT'];
    // Deliberately absent: the token (a file), the escape hatches, and the other variant's settings.
    const absent = {
      main: [
        'HYDRA_API_TOKEN',
        'HYDRA_ALLOW_INSECURE',
        'HYDRA_ALLOW_LIVE',
        'HYDRA_SIM_SEED',
        'HYDRA_SIM_DAY_SECONDS',
        'HYDRA_SIM_PORT',
        'HYDRA_BACKFILL_DAYS',
      ],
      sim: [
        'HYDRA_API_TOKEN',
        'HYDRA_ALLOW_INSECURE',
        'HYDRA_ALLOW_LIVE',
        'HYDRA_SIM_PORT',
        'HYDRA_IB_HOST',
        'HYDRA_IB_PORT',
        'HYDRA_IB_CLIENT_ID',
        'HYDRA_IB_CONNECT_TIMEOUT',
        'HYDRA_IB_RESTART_TIME',
        'HYDRA_TRADING_MODE',
      ],
    };
    const fixedMain = [
      ...fixedEverywhere,
      'HYDRA_IB_HOST',
      'HYDRA_IB_PORT',
      'HYDRA_TRADING_MODE',
      'HYDRA_IB_RESTART_TIME',
    ];
    for (const [variant, files, e, fixed] of [
      ['main', [MAIN_COMPOSE], MAIN_ENV, fixedMain],
      ['sim', [SIM_COMPOSE], {}, fixedEverywhere],
    ] as const) {
      const raw = composeConfig([...files], { ...e });
      const passthrough = SETTINGS.map((s) => s.env).filter(
        (n) => !absent[variant].includes(n) && !fixed.includes(n),
      );
      // A value set in the shell (or .env) reaches the container...
      const marked = composeConfig([...files], {
        ...e,
        ...Object.fromEntries(passthrough.map((n) => [n, `from-env-${n}`])),
      });
      const vars = env(marked.services.hydra!);
      for (const n of passthrough)
        expect({ variant, n, v: vars[n] }).toEqual({ variant, n, v: `from-env-${n}` });
      // ...and left unset it arrives empty, which hydra reads as "use my default" (one source of defaults).
      for (const n of passthrough)
        expect({ variant, n, v: env(raw.services.hydra!)[n] }).toEqual({ variant, n, v: '' });
      for (const n of absent[variant])
        expect({ variant, n, present: n in vars }).toEqual({ variant, n, present: false });
    }
  });

  it('the monitoring services are identical in both files (paths aside)', () => {
    const norm = (c: ComposeConfig, root: string) =>
      JSON.parse(
        JSON.stringify({ prometheus: c.services.prometheus, grafana: c.services.grafana }).replaceAll(
          root,
          '<deploy>',
        ),
      );
    const main = withAllProfiles([MAIN_COMPOSE], MAIN_ENV);
    const sim = withAllProfiles([SIM_COMPOSE], {});
    const deploy = SIM_COMPOSE.replace(/\/compose\.sim\.yml$/, '');
    expect(norm(main, deploy)).toEqual(norm(sim, deploy));
    expect(main.services.prometheus?.profiles).toEqual(['monitoring']);
    expect(main.services.grafana?.profiles).toEqual(['monitoring']);
    expect(env(main.services.grafana!)).toMatchObject({
      GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/secrets/grafana_admin_password',
    });
    expect(env(main.services.grafana!)).not.toHaveProperty('GF_SECURITY_ADMIN_PASSWORD');
  });

  it('the environment the container-command test reads agrees with docker-compose config', () => {
    const c = composeConfig([SIM_COMPOSE]);
    expect(serviceEnvironment(SIM_COMPOSE, 'hydra')).toEqual(env(c.services.hydra!));
  });
});
