import { GraphQLError } from 'graphql';
import type { Builder } from '../../schema/builder.js';
import { keysetConnection } from '../../schema/connection.js';
import type { SchemaDeps } from '../types.js';
import { describeCondition } from './conditions.js';
import type { AlertsConfig } from './config-types.js';
import type { AlertsPluginStore, DeliveryView } from './plugin-store.js';
import { ALERT_STATES, isFiring } from './state-machine.js';
import type { AlertRow, TransitionRow } from './store.js';
import { type AlertRuleView, ruleViews } from './view.js';

declare module '../../schema/pubsub.js' {
  interface Topics {
    alertChanged: AlertRuleView;
  }
}

const upper = <T extends string>(s: T) => s.toUpperCase() as Uppercase<T>;

export const alertsSchema = (
  builder: Builder,
  deps: SchemaDeps<AlertsPluginStore>,
  config: AlertsConfig,
): void => {
  const { alerts: store, deliveries } = deps.store;
  const rulesById = new Map(config.rules.map((r) => [r.id, r]));
  const knownRule = (id: string | null | undefined): string | null => {
    if (id == null) return null;
    if (!rulesById.has(id))
      throw new GraphQLError(
        `no alert rule "${id.slice(0, 64)}"; rules: ${[...rulesById.keys()].join(', ') || 'none configured'}`,
        { extensions: { code: 'BAD_USER_INPUT' } },
      );
    return id;
  };

  const State = builder.enumType('AlertState', {
    description: "A rule's state, as Grafana names them. Firing = ALERTING or RECOVERING.",
    values: ALERT_STATES.map(upper),
  });
  const Severity = builder.enumType('AlertSeverity', { values: ['INFO', 'WARNING', 'CRITICAL'] as const });
  const DeliveryStatus = builder.enumType('AlertDeliveryStatus', {
    values: ['PENDING', 'SENT', 'FAILED', 'RATE_LIMITED'] as const,
  });
  const NotifyEvent = builder.enumType('AlertEvent', { values: ['FIRING', 'RESOLVED'] as const });

  const Delivery = builder.objectRef<DeliveryView>('AlertDelivery').implement({
    description:
      'One notification to one channel. Written with the transition that caused it; retried with backoff until sent or out of attempts; never deleted.',
    fields: (t) => ({
      id: t.exposeInt('id'),
      alertId: t.exposeInt('alertId'),
      ruleId: t.exposeString('ruleId'),
      channel: t.exposeString('channel'),
      channelType: t.exposeString('channelType', {
        description: 'webhook, slack, discord, telegram or email.',
      }),
      event: t.field({ type: NotifyEvent, resolve: (d) => upper(d.event) }),
      status: t.field({ type: DeliveryStatus, resolve: (d) => upper(d.status) }),
      attempts: t.exposeInt('attempts'),
      nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
      lastError: t.exposeString('lastError', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const Alert = builder.objectRef<AlertRow>('Alert').implement({
    description: 'An episode of a rule: it fired, and later resolved. `hydra alerts ack ID` acknowledges it.',
    fields: (t) => ({
      id: t.exposeInt('id'),
      ruleId: t.exposeString('ruleId'),
      ruleName: t.exposeString('ruleName'),
      severity: t.field({ type: Severity, resolve: (a) => upper(a.severity) }),
      firedAt: t.expose('firedAt', { type: 'DateTime' }),
      resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
      durationSeconds: t.float({
        nullable: true,
        description: 'How long it fired; null while it still fires.',
        resolve: (a) => (a.resolvedAt ? (a.resolvedAt.getTime() - a.firedAt.getTime()) / 1000 : null),
      }),
      value: t.exposeString('value', { nullable: true, description: "The condition's value when it fired." }),
      summary: t.exposeString('summary', { description: 'What was wrong when it fired.' }),
      acknowledged: t.boolean({ resolve: (a) => a.acknowledgedAt !== null }),
      acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
      acknowledgedBy: t.exposeString('acknowledgedBy', { nullable: true }),
      ackNote: t.exposeString('ackNote', { nullable: true }),
      deliveries: t.field({
        type: [Delivery],
        description: 'The notifications this episode sent (or is still trying to send).',
        resolve: (a) => deliveries.list({ alertId: a.id }, null, 100),
      }),
    }),
  });

  const AlertRule = builder.objectRef<AlertRuleView>('AlertRule').implement({
    description: 'A rule from the alerts file (or the built-in defaults) and where its state machine stands.',
    fields: (t) => ({
      id: t.string({ resolve: (v) => v.rule.id }),
      name: t.string({ resolve: (v) => v.rule.name }),
      severity: t.field({ type: Severity, resolve: (v) => upper(v.rule.severity) }),
      kind: t.string({
        description: 'The condition kind (cycle_failed, drift_status, …).',
        resolve: (v) => v.rule.when.kind,
      }),
      condition: t.string({
        description: 'The condition in words.',
        resolve: (v) => describeCondition(v.rule.when),
      }),
      pendingSeconds: t.float({ resolve: (v) => v.rule.pendingSeconds }),
      keepFiringSeconds: t.float({ resolve: (v) => v.rule.keepFiringSeconds }),
      channels: t.stringList({ resolve: (v) => [...v.rule.channels] }),
      state: t.field({ type: State, resolve: (v) => upper(v.state) }),
      firing: t.boolean({ resolve: (v) => isFiring(v.state) }),
      since: t.expose('since', {
        type: 'DateTime',
        nullable: true,
        description: 'When it entered this state.',
      }),
      value: t.exposeString('value', { nullable: true }),
      summary: t.exposeString('summary', { nullable: true, description: 'What the last evaluation found.' }),
      error: t.exposeString('error', { nullable: true, description: 'Why the condition could not be read.' }),
      evaluatedAt: t.expose('evaluatedAt', {
        type: 'DateTime',
        nullable: true,
        description:
          'The last evaluation recorded: on every change, and at least every 5 minutes while the evaluator runs.',
      }),
      alert: t.field({
        type: Alert,
        nullable: true,
        description: 'The open episode while firing.',
        resolve: (v) => v.alert,
      }),
    }),
  });

  const Transition = builder.objectRef<TransitionRow>('AlertTransition').implement({
    description: "One change of a rule's state.",
    fields: (t) => ({
      id: t.exposeInt('id'),
      ruleId: t.exposeString('ruleId'),
      alertId: t.exposeInt('alertId', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
      from: t.field({ type: State, resolve: (r) => upper(r.from) }),
      to: t.field({ type: State, resolve: (r) => upper(r.to) }),
      value: t.exposeString('value', { nullable: true }),
      summary: t.exposeString('summary', { nullable: true }),
    }),
  });

  type Summary = {
    rules: number;
    firing: number;
    unacknowledged: number;
    pending: number;
    noData: number;
    error: number;
    failedDeliveries: number;
  };
  const AlertsSummary = builder.objectRef<Summary>('AlertsSummary').implement({
    description:
      'Counts for the bell: firing rules, of which not yet acknowledged, and what else needs a look.',
    fields: (t) => ({
      rules: t.exposeInt('rules'),
      firing: t.exposeInt('firing'),
      unacknowledged: t.exposeInt('unacknowledged'),
      pending: t.exposeInt('pending'),
      noData: t.exposeInt('noData'),
      error: t.exposeInt('error'),
      failedDeliveries: t.exposeInt('failedDeliveries', {
        description: 'Notifications that could not be delivered.',
      }),
    }),
  });

  const HistoryFilter = builder.inputType('AlertHistoryFilter', {
    fields: (t) => ({
      ruleId: t.string({ required: false }),
      open: t.boolean({ required: false, description: 'true: still firing; false: resolved.' }),
    }),
  });
  const DeliveryFilter = builder.inputType('AlertDeliveryFilter', {
    fields: (t) => ({
      ruleId: t.string({ required: false }),
      status: t.field({ type: DeliveryStatus, required: false }),
    }),
  });

  const matches = (states: readonly string[] | null | undefined) => (v: AlertRuleView) =>
    !states || states.length === 0 || states.includes(upper(v.state));

  builder.queryFields((t) => ({
    alerts: t.field({
      type: [AlertRule],
      description: 'Every configured rule with its current state, firing ones first.',
      args: { states: t.arg({ type: [State], required: false }) },
      resolve: (_root, args) =>
        ruleViews(config.rules, store)
          .filter(matches(args.states))
          .sort((a, b) => Number(isFiring(b.state)) - Number(isFiring(a.state))),
    }),
    alertsSummary: t.field({
      type: AlertsSummary,
      resolve: () => {
        const views = ruleViews(config.rules, store);
        const count = (p: (v: AlertRuleView) => boolean) => views.filter(p).length;
        return {
          rules: views.length,
          firing: count((v) => isFiring(v.state)),
          unacknowledged: count((v) => isFiring(v.state) && !v.alert?.acknowledgedAt),
          pending: count((v) => v.state === 'pending'),
          noData: count((v) => v.state === 'nodata'),
          error: count((v) => v.state === 'error'),
          failedDeliveries: deliveries.counts().failed ?? 0,
        };
      },
    }),
    alert: t.field({
      type: Alert,
      nullable: true,
      args: { id: t.arg.int({ required: true }) },
      resolve: (_root, { id }) => store.alert(id),
    }),
    alertHistory: t.connection({
      type: Alert,
      description: 'Alert episodes (fired, resolved, acknowledged), newest first.',
      args: { filter: t.arg({ type: HistoryFilter, required: false }) },
      resolve: (_root, args) => {
        const ruleId = knownRule(args.filter?.ruleId);
        return keysetConnection(
          'alert',
          args,
          (a: AlertRow) => [a.id],
          1,
          (after, limit) =>
            store.alerts({ ruleId, open: args.filter?.open ?? null }, (after?.[0] as number) ?? null, limit),
        );
      },
    }),
    alertTransitions: t.connection({
      type: Transition,
      description: 'Every state change of the rules (including Pending that never fired), newest first.',
      args: { ruleId: t.arg.string({ required: false }) },
      resolve: (_root, args) => {
        const ruleId = knownRule(args.ruleId);
        return keysetConnection(
          'alertTransition',
          args,
          (r: TransitionRow) => [r.id],
          1,
          (after, limit) => store.transitions(ruleId, (after?.[0] as number) ?? null, limit),
        );
      },
    }),
    alertDeliveries: t.connection({
      type: Delivery,
      description: 'Notifications sent, pending, failed or rate-limited, newest first.',
      args: { filter: t.arg({ type: DeliveryFilter, required: false }) },
      resolve: (_root, args) => {
        const ruleId = knownRule(args.filter?.ruleId);
        const status = args.filter?.status
          ? (args.filter.status.toLowerCase() as DeliveryView['status'])
          : null;
        return keysetConnection(
          'alertDelivery',
          args,
          (d: DeliveryView) => [d.id],
          1,
          (after, limit) => deliveries.list({ ruleId, status }, (after?.[0] as number) ?? null, limit),
        );
      },
    }),
  }));

  builder.subscriptionField('alertChanged', (t) =>
    t.field({
      type: AlertRule,
      description: "A rule's state, value or episode changed (also when an alert is acknowledged).",
      subscribe: () => deps.pubsub.subscribe('alertChanged'),
      resolve: (v) => v,
    }),
  );
};
