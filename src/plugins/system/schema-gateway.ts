import type { Builder } from '../../schema/builder.js';
import type { KillSwitchState, PluginHealth, SchemaDeps } from '../types.js';
import { ibCodeMeaning } from './ib-codes.js';
import type { IbSession } from './ib-session.js';
import { type ModeTruth, modeTruth } from './mode-truth.js';
import type { GatewayStatusRow } from './rows.js';
import { freshnessBudgetMs } from './schedule.js';
import { sessionFor } from './session-view.js';
import type { SystemStore } from './store.js';

interface GatewayView {
  latest: GatewayStatusRow | null;
  truth: ModeTruth | null;
  host: string | null;
  port: number;
}

interface RunnerView {
  state: 'IDLE' | 'RUNNING' | 'HALTED';
  cycleId: string | null;
  step: string | null;
  reason: string | null;
}

const OFF: KillSwitchState = { on: false, source: null, since: null, reason: null };
const CONNECTED_STATES = new Set(['connected', 'restored']);

export const gatewaySchema = (builder: Builder, deps: SchemaDeps<SystemStore>): void => {
  const { store, runtime } = deps;
  const killSwitch = (): KillSwitchState => runtime.killSwitch?.() ?? OFF;

  const ModeTruthRef = builder.objectRef<ModeTruth>('ModeTruth').implement({
    description:
      'Configured mode vs what the port and the account imply; the cycle refuses to trade unless they agree.',
    fields: (t) => ({
      configured: t.exposeString('configured'),
      port: t.exposeString('port', { description: 'paper, live or unknown.' }),
      account: t.exposeString('account', { description: 'paper, live or unknown.' }),
      agrees: t.exposeBoolean('agrees'),
      problem: t.exposeString('problem', { nullable: true }),
    }),
  });
  const Code = builder.objectRef<{ code: number; count: number; lastAt: Date }>('GatewayCode').implement({
    fields: (t) => ({
      code: t.exposeInt('code'),
      meaning: t.string({ resolve: (c) => ibCodeMeaning(c.code) }),
      count: t.exposeInt('count'),
      lastAt: t.expose('lastAt', { type: 'DateTime' }),
    }),
  });
  const Session = builder.objectRef<IbSession>('GatewaySession').implement({
    description:
      "The IB session's life: the daily gateway restart, the weekly re-authentication IB requires (Sunday 01:00 ET), IB's reset windows, and whether the gateway answers between cycles.",
    fields: (t) => ({
      reachable: t.boolean({
        nullable: true,
        description:
          'Whether the gateway answered the last API handshake probe (HYDRA_IB_PROBE_SECONDS); null before the first probe or with probing off.',
        resolve: (s) => s.probe?.reachable ?? null,
      }),
      checkedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.probe?.checkedAt ?? null }),
      reachableSince: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'Since when the probe has found it in its current state (answering or not).',
        resolve: (s) => s.probe?.since ?? null,
      }),
      probeError: t.string({ nullable: true, resolve: (s) => s.probe?.error ?? null }),
      lastSeenAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'The last time a probe or a cycle found the gateway logged in.',
        resolve: (s) => s.lastSeenAt,
      }),
      nextRestartAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: "The gateway's next daily auto-restart (HYDRA_IB_RESTART_TIME); null for the simulator.",
        resolve: (s) => s.nextRestartAt,
      }),
      weeklyReauthAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          'When IB next invalidates the session (Sunday 01:00 ET): the login after it needs a 2FA approval.',
        resolve: (s) => s.weeklyReauthAt,
      }),
      lastWeeklyReauthAt: t.field({
        type: 'DateTime',
        nullable: true,
        resolve: (s) => s.lastWeeklyReauthAt,
      }),
      twoFactorDueAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          "The gateway's coming restart that will wait for a 2FA approval: its first since the weekly re-authentication.",
        resolve: (s) => s.twoFactorDueAt,
      }),
      loggedInSinceWeeklyReauth: t.boolean({
        nullable: true,
        description:
          'Whether the gateway has been seen logged in since the last weekly re-authentication; null when unknown.',
        resolve: (s) => s.loggedInSinceWeeklyReauth,
      }),
      resetWindow: t.string({
        nullable: true,
        description:
          'The IB server reset window we are in now, when in one (disconnects are expected there).',
        resolve: (s) => s.resetWindow,
      }),
      warnings: t.stringList({ resolve: (s) => s.warnings }),
    }),
  });
  const Gateway = builder.objectRef<GatewayView>('Gateway').implement({
    description: 'IB Gateway as the cycle last saw it.',
    fields: (t) => ({
      connected: t.boolean({ resolve: (g) => (g.latest ? CONNECTED_STATES.has(g.latest.state) : false) }),
      state: t.string({
        description: 'connected, connecting, disconnected, data-lost, restored, or unknown before any cycle.',
        resolve: (g) => g.latest?.state ?? 'unknown',
      }),
      host: t.string({
        nullable: true,
        description: 'null: the built-in simulator.',
        resolve: (g) => g.host,
      }),
      port: t.int({ resolve: (g) => g.latest?.port ?? g.port }),
      serverVersion: t.int({ nullable: true, resolve: (g) => g.latest?.serverVersion ?? null }),
      account: t.string({ nullable: true, resolve: (g) => g.latest?.account ?? null }),
      lastChangeAt: t.field({ type: 'DateTime', nullable: true, resolve: (g) => g.latest?.at ?? null }),
      lastMessage: t.string({ nullable: true, resolve: (g) => g.latest?.message ?? null }),
      modeTruth: t.field({ type: ModeTruthRef, nullable: true, resolve: (g) => g.truth }),
      session: t.field({
        type: Session,
        nullable: true,
        // Only when asked: the Overview's gateway card reads the rest far more often.
        resolve: () => sessionFor(store, runtime),
      }),
      codesSeen: t.field({
        type: [Code],
        description: 'Connectivity codes in the last 7 days.',
        resolve: () => store.gatewayCodes(new Date(runtime.now().getTime() - 7 * 86_400_000).toISOString()),
      }),
    }),
  });
  const KillSwitch = builder.objectRef<KillSwitchState>('KillSwitch').implement({
    description:
      'When on, the risk gate blocks every new order. Set HYDRA_KILL_SWITCH=1 or create the kill file.',
    fields: (t) => ({
      on: t.exposeBoolean('on'),
      source: t.exposeString('source', { nullable: true, description: 'env or file.' }),
      since: t.expose('since', { type: 'DateTime', nullable: true }),
      reason: t.exposeString('reason', { nullable: true }),
    }),
  });
  const RunnerState = builder.enumType('RunnerState', { values: ['IDLE', 'RUNNING', 'HALTED'] as const });
  const Runner = builder.objectRef<RunnerView>('Runner').implement({
    fields: (t) => ({
      state: t.field({ type: RunnerState, resolve: (r) => r.state }),
      cycleId: t.exposeString('cycleId', { nullable: true }),
      step: t.exposeString('step', { nullable: true }),
      reason: t.exposeString('reason', { nullable: true, description: 'Why the runner is halted.' }),
    }),
  });
  type HealthView = PluginHealth & { freshnessSeconds: number | null; stale: boolean };
  const Health = builder.objectRef<HealthView>('PluginHealthDetail').implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      status: t.exposeString('status', { description: 'ok, degraded or down.' }),
      detail: t.exposeString('detail'),
      lastWriteAt: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.lastWriteAt ?? null }),
      freshnessSeconds: t.exposeInt('freshnessSeconds', {
        nullable: true,
        description: 'Seconds since the plugin last recorded a fact.',
      }),
      stale: t.exposeBoolean('stale', { description: 'Longer without a write than the schedule allows.' }),
    }),
  });

  const Setting = builder.objectRef<{ env: string; value: string; source: string }>('Setting').implement({
    description: 'One effective setting as `hydra check` prints it; secrets are masked.',
    fields: (t) => ({
      env: t.exposeString('env'),
      value: t.exposeString('value'),
      source: t.exposeString('source', {
        description: 'env, default, or the *_FILE variable a secret came from.',
      }),
    }),
  });

  builder.queryFields((t) => ({
    config: t.field({
      type: [Setting],
      description: 'The effective configuration, secrets masked.',
      resolve: () => runtime.configSummary?.() ?? [],
    }),
    gateway: t.field({
      type: Gateway,
      resolve: (): GatewayView => {
        const latest = store.gatewayLatest();
        const cfg = runtime.gateway;
        const truth = cfg
          ? modeTruth(cfg.tradingMode, latest?.port ?? cfg.port, latest?.account ?? null, cfg.host === null)
          : null;
        return {
          latest,
          truth,
          host: cfg?.host ?? null,
          port: cfg?.port ?? latest?.port ?? 0,
        };
      },
    }),
    killSwitch: t.field({ type: KillSwitch, resolve: killSwitch }),
    runner: t.field({
      type: Runner,
      resolve: (): RunnerView => {
        const last = store.lastCycle();
        if (last?.status === 'running')
          return { state: 'RUNNING', cycleId: last.id, step: last.currentStep, reason: null };
        const ks = killSwitch();
        if (ks.on)
          return {
            state: 'HALTED',
            cycleId: null,
            step: null,
            reason: `kill switch on (${ks.source}): ${ks.reason ?? 'no reason given'}`,
          };
        if (last?.status === 'refused')
          return { state: 'HALTED', cycleId: last.id, step: null, reason: last.error };
        return { state: 'IDLE', cycleId: null, step: null, reason: null };
      },
    }),
    health: t.field({
      type: [Health],
      description: 'Each plugin with its health and how fresh its data is against the schedule.',
      resolve: (): HealthView[] => {
        const now = runtime.now().getTime();
        const budget = runtime.schedule ? freshnessBudgetMs(runtime.schedule) : null;
        return runtime.health().map((h) => {
          const age = h.lastWriteAt ? Math.max(0, Math.floor((now - h.lastWriteAt.getTime()) / 1000)) : null;
          return {
            ...h,
            freshnessSeconds: age,
            stale: budget !== null && age !== null && age * 1000 > budget,
          };
        });
      },
    }),
  }));
};
