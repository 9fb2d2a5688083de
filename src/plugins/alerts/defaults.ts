import type { AlertsConfig, Condition, Rule, Severity } from './config-types.js';

export const DEFAULT_RATE_LIMIT = { max: 10, perSeconds: 3600 } as const;
export const DEFAULT_RETRY = { initialDelaySeconds: 5, maxDelaySeconds: 600, maxAttempts: 20 } as const;
export const DEFAULT_EVALUATE_EVERY_SECONDS = 10;

const rule = (id: string, name: string, severity: Severity, when: Condition, pendingSeconds = 0): Rule => ({
  id,
  name,
  severity,
  when,
  pendingSeconds,
  keepFiringSeconds: 0,
  noData: 'nodata',
  channels: [],
  rateLimit: DEFAULT_RATE_LIMIT,
  line: null,
});

/**
 * What a trader wants to hear about without writing a file: shown on the dashboard (the bell) only, since
 * there is no channel to send to until HYDRA_ALERTS_FILE names one.
 */
export const DEFAULT_RULES: readonly Rule[] = [
  rule('cycle-failed', 'Cycle failed', 'critical', { kind: 'cycle_failed', statuses: ['failed', 'refused'] }),
  rule('cycle-missed', 'Cycle missed', 'warning', { kind: 'cycle_missed', minMissed: 1 }),
  rule('drift-alert', 'Drift alert', 'warning', { kind: 'drift_status', atLeast: 'alert' }),
  rule('risk-block', 'Risk gate blocked an order', 'warning', {
    kind: 'risk_block',
    decisions: ['block'],
    rules: null,
  }),
  rule('position-break', 'Position break', 'critical', { kind: 'position_break' }),
  rule('gateway-2fa', 'Gateway needs a 2FA login', 'warning', {
    kind: 'gateway',
    unreachable: false,
    warnings: ['two_factor_due', 'not_logged_in'],
  }),
  rule(
    'gateway-unreachable',
    'Gateway unreachable',
    'critical',
    { kind: 'gateway', unreachable: true, warnings: [] },
    300,
  ),
  rule(
    'plugin-down',
    'Data source down',
    'warning',
    { kind: 'plugin_health', plugin: null, atLeast: 'down' },
    600,
  ),
];

export const defaultAlertsConfig = (): AlertsConfig => ({
  file: null,
  evaluateEverySeconds: DEFAULT_EVALUATE_EVERY_SECONDS,
  channels: {},
  rules: DEFAULT_RULES,
});
