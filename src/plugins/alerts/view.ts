import type { Rule } from './config-types.js';
import type { AlertState } from './state-machine.js';
import type { AlertRow, AlertsStore, RuleStateRow } from './store.js';

/** A rule as the API shows it: its configuration, where its state machine stands, and its open episode. */
export interface AlertRuleView {
  rule: Rule;
  state: AlertState;
  /** When it entered this state; null before its first evaluation. */
  since: Date | null;
  value: string | null;
  summary: string | null;
  error: string | null;
  evaluatedAt: Date | null;
  /** The episode while firing (alerting/recovering); null otherwise. */
  alert: AlertRow | null;
}

export const ruleView = (
  rule: Rule,
  row: RuleStateRow | undefined,
  store: Pick<AlertsStore, 'alert'>,
): AlertRuleView => ({
  rule,
  state: row?.state ?? 'normal',
  since: row?.since ?? null,
  value: row?.value ?? null,
  summary: row?.summary ?? null,
  error: row?.error ?? null,
  evaluatedAt: row?.evaluatedAt ?? null,
  alert: row?.alertId != null ? store.alert(row.alertId) : null,
});

export const ruleViews = (
  rules: readonly Rule[],
  store: Pick<AlertsStore, 'alert' | 'ruleStates'>,
): AlertRuleView[] => {
  const states = store.ruleStates();
  return rules.map((r) => ruleView(r, states.get(r.id), store));
};
