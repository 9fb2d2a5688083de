import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { type AlertSources, evaluate } from './conditions.js';
import type { AlertNotification, AlertsConfig, Channel, Rule } from './config-types.js';
import { initialState, type Observation, type Step, step } from './state-machine.js';
import type { AlertRow, AlertsStore, RuleStateRow } from './store.js';
import { type AlertRuleView, ruleView } from './view.js';

/** Where notifications are written, in the same transaction as the transition that caused them. */
export interface Outbox {
  enqueue(
    n: AlertNotification,
    channels: readonly Channel[],
    rateLimit: Rule['rateLimit'],
    now: Date,
  ): unknown;
}

export interface AlertEngineOptions {
  config: AlertsConfig;
  /** On a writer connection: the API's connection is read-only. */
  store: AlertsStore;
  outbox: Outbox;
  sources: AlertSources;
  log: Logger;
  /** The dashboard's address for links in notifications (HYDRA_PUBLIC_URL); null = no link. */
  publicUrl: string | null;
  /** Rules whose state, value or episode changed, after the transaction committed. */
  onChange(views: AlertRuleView[]): void;
  /** New notifications are waiting in the outbox. */
  onEnqueued(): void;
}

export interface AlertEngine {
  /** Evaluates every rule now (concurrent calls coalesce into one more run). */
  evaluate(): Promise<void>;
  /** Asks for an evaluation soon: live events call this, bursts coalesce. */
  poke(): void;
  start(): void;
  stop(): Promise<void>;
}

const POKE_DEBOUNCE_MS = 50;
/** How stale a rule's evaluatedAt may get when nothing about it changes. */
export const HEARTBEAT_MS = 5 * 60_000;

export const createAlertEngine = (o: AlertEngineOptions): AlertEngine => {
  const { config, store, log } = o;
  const channelsOf = (rule: Rule): Channel[] =>
    rule.channels.map((name) => config.channels[name]).filter((c): c is Channel => c !== undefined);
  const link = o.publicUrl ? `${o.publicUrl.replace(/\/+$/, '')}/#/alerts` : null;

  const notification = (
    rule: Rule,
    a: AlertRow,
    event: 'firing' | 'resolved',
    at: Date,
    obs: Observation,
  ) => ({
    alertId: a.id,
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    event,
    summary: obs.summary,
    value: obs.value,
    firedAt: a.firedAt.toISOString(),
    resolvedAt: event === 'resolved' ? at.toISOString() : null,
    url: link,
  });

  let timer: NodeJS.Timeout | null = null;
  let pokeTimer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let lastAckVersion = -1;

  /** A rule removed from the file while firing would stay open forever: close its episode, quietly. */
  const closeOrphans = (now: Date) => {
    const known = new Set(config.rules.map((r) => r.id));
    store.transaction(() => {
      for (const a of store.alerts({ open: true }, null, 500)) {
        if (known.has(a.ruleId)) continue;
        store.resolveAlert(a.id, now);
        log.info(
          { alertId: a.id, ruleId: a.ruleId },
          'alert closed: its rule is no longer in the alerts file',
        );
      }
    });
  };

  const runOnce = async (): Promise<void> => {
    const observed: { rule: Rule; obs: Observation }[] = [];
    for (const rule of config.rules) {
      let obs: Observation;
      try {
        obs = await evaluate(rule.when, o.sources);
      } catch (err) {
        obs = { status: 'error', value: null, summary: errorMessage(err) };
      }
      observed.push({ rule, obs });
    }
    const now = o.sources.now();
    const changed: string[] = [];
    let enqueued = false;
    let wake: number | null = null;
    store.transaction(() => {
      const states = store.ruleStates();
      for (const { rule, obs } of observed) {
        const prev: RuleStateRow = states.get(rule.id) ?? {
          ...initialState(now),
          ruleId: rule.id,
          alertId: null,
          evaluatedAt: now,
        };
        const s: Step = step(prev, obs, rule, now);
        let alertId = prev.alertId;
        if (s.fire) {
          const a = store.openAlert(rule, now, obs.value, obs.summary);
          alertId = a.id;
          o.outbox.enqueue(notification(rule, a, 'firing', now, obs), channelsOf(rule), rule.rateLimit, now);
          enqueued = true;
        }
        if (s.resolve && prev.alertId !== null) {
          const a = store.alert(prev.alertId);
          store.resolveAlert(prev.alertId, now);
          if (a)
            o.outbox.enqueue(
              notification(rule, a, 'resolved', now, obs),
              channelsOf(rule),
              rule.rateLimit,
              now,
            );
          enqueued = true;
          alertId = null;
        }
        if (s.next.state !== prev.state || s.fire || s.resolve) {
          store.recordTransition({
            ruleId: rule.id,
            alertId: alertId ?? prev.alertId,
            at: now,
            from: prev.state,
            to: s.next.state,
            value: obs.value,
            summary: obs.summary,
          });
        }
        const moved =
          !states.has(rule.id) ||
          s.next.state !== prev.state ||
          s.next.value !== prev.value ||
          s.next.summary !== prev.summary ||
          s.next.error !== prev.error;
        if (moved) changed.push(rule.id);
        // Unchanged rules are written only as a heartbeat: a write every few seconds would churn the WAL and
        // invalidate every cache keyed on the database's data_version.
        if (
          moved ||
          s.fire ||
          s.resolve ||
          s.next.holdingSince?.getTime() !== prev.holdingSince?.getTime() ||
          s.next.clearSince?.getTime() !== prev.clearSince?.getTime() ||
          now.getTime() - prev.evaluatedAt.getTime() >= HEARTBEAT_MS
        )
          store.saveState({ ...s.next, ruleId: rule.id, alertId, evaluatedAt: now });
        if (s.wakeAt) wake = Math.min(wake ?? Number.POSITIVE_INFINITY, s.wakeAt.getTime());
      }
    });
    const ackVersion = store.ackVersion();
    if (lastAckVersion >= 0 && ackVersion !== lastAckVersion) {
      // Acknowledged from the CLI (another process): every rule's episode may have changed.
      for (const r of config.rules) if (!changed.includes(r.id)) changed.push(r.id);
    }
    lastAckVersion = ackVersion;
    if (enqueued) o.onEnqueued();
    if (changed.length > 0) {
      const states = store.ruleStates();
      o.onChange(
        config.rules.filter((r) => changed.includes(r.id)).map((r) => ruleView(r, states.get(r.id), store)),
      );
    }
    schedule(wake === null ? null : wake - now.getTime());
  };

  const schedule = (untilWakeMs: number | null) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const every = config.evaluateEverySeconds * 1000;
    // +5 ms so the pending period has surely elapsed on the clock the machine reads when it wakes.
    const ms = untilWakeMs === null ? every : Math.max(0, Math.min(every, untilWakeMs + 5));
    timer = setTimeout(() => void engine.evaluate(), ms);
    timer.unref();
  };

  const engine: AlertEngine = {
    evaluate: () => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await runOnce();
          } while (again && !stopped);
        } catch (err) {
          log.error({ err }, 'alert evaluation failed');
          schedule(null);
        } finally {
          running = null;
        }
      })();
      return running;
    },
    poke: () => {
      if (stopped || pokeTimer) return;
      pokeTimer = setTimeout(() => {
        pokeTimer = null;
        void engine.evaluate();
      }, POKE_DEBOUNCE_MS);
      pokeTimer.unref();
    },
    start: () => {
      stopped = false;
      closeOrphans(o.sources.now());
      void engine.evaluate();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (pokeTimer) clearTimeout(pokeTimer);
      timer = null;
      pokeTimer = null;
      await running;
    },
  };
  return engine;
};
