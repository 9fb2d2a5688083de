import { Repeater } from 'graphql-yoga';
import type { Builder } from '../../schema/builder.js';
import type { SchemaDeps } from '../types.js';
import { sessionFor } from './session-view.js';
import { type SystemStatus, statusFingerprint, systemStatus } from './status.js';
import type { SystemStore } from './store.js';

declare module '../../schema/pubsub.js' {
  interface Topics {
    /** Something that changes the system status happened; subscribers re-read it. */
    systemStatus: { reason: string };
  }
}

export const statusSchema = (builder: Builder, deps: SchemaDeps<SystemStore>): void => {
  const Mode = builder.enumType('SystemMode', {
    description:
      'SIMULATED: the built-in gateway simulator. PAPER: an IB paper account. LIVE: a real-money account.',
    values: ['SIMULATED', 'PAPER', 'LIVE'] as const,
  });
  const Health = builder.enumType('HealthStatus', {
    values: { OK: { value: 'ok' }, DEGRADED: { value: 'degraded' }, DOWN: { value: 'down' } } as const,
  });
  const PluginStatus = builder.objectRef<SystemStatus['plugins'][number]>('PluginStatus').implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      status: t.field({ type: Health, resolve: (p) => p.status }),
      detail: t.exposeString('detail'),
    }),
  });
  const System = builder.objectRef<SystemStatus>('System').implement({
    description:
      'The service itself: version, uptime, trading mode and the health of each data-source plugin.',
    fields: (t) => ({
      version: t.exposeString('version'),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      uptimeSeconds: t.exposeInt('uptimeSeconds'),
      mode: t.field({ type: Mode, resolve: (s) => s.mode }),
      status: t.field({
        type: Health,
        description: 'The worst status of any plugin.',
        resolve: (s) => s.status,
      }),
      plugins: t.field({ type: [PluginStatus], resolve: (s) => s.plugins }),
      warnings: t.exposeStringList('warnings', {
        description:
          'What needs the operator before the next cycle: a gateway that stopped answering, an IB session the Sunday re-authentication ended, a cycle scheduled into a reset window.',
      }),
      at: t.expose('at', { type: 'DateTime', description: 'When this status was taken.' }),
    }),
  });

  builder.queryField('system', (t) => t.field({ type: System, resolve: () => statusNow(deps) }));

  builder.subscriptionField('systemStatus', (t) =>
    t.field({
      type: System,
      description:
        'The status now, then again whenever it changes and on every heartbeat (HYDRA_HEARTBEAT_SECONDS).',
      subscribe: () => statusStream(deps),
      resolve: (s) => s,
    }),
  );
};

const statusNow = (deps: SchemaDeps<SystemStore>): SystemStatus =>
  systemStatus(deps.runtime, sessionFor(deps.store, deps.runtime)?.warnings ?? []);

/** Current status at once, then on each change event and each heartbeat; ends cleanly when the client leaves. */
const statusStream = (deps: SchemaDeps<SystemStore>): AsyncIterable<SystemStatus> =>
  new Repeater<SystemStatus>(async (push, stop) => {
    let last = '';
    const emit = (force: boolean) => {
      const s = statusNow(deps);
      const fp = statusFingerprint(s);
      if (force || fp !== last) {
        last = fp;
        void push(s);
      }
    };
    emit(true);
    const timer = setInterval(() => emit(true), deps.runtime.heartbeatMs);
    const changes = deps.pubsub.subscribe('systemStatus');
    void (async () => {
      for await (const _ of changes) emit(false);
    })();
    await stop;
    clearInterval(timer);
    await changes.return?.();
  });
