import type { AlertNotification } from '../config-types.js';

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

const lasted = (from: string, to: string): string => {
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
};

/** "FIRING critical: Cycle failed" / "RESOLVED: Cycle failed": the subject line of every channel. */
export const headline = (n: AlertNotification): string =>
  n.event === 'firing' ? `FIRING ${n.severity}: ${n.ruleName}` : `RESOLVED: ${n.ruleName}`;

/** The plain-text body shared by chat and mail: what, since when, and where to look. */
export const bodyText = (n: AlertNotification): string =>
  [
    n.summary,
    n.value !== null ? `value: ${n.value}` : null,
    n.event === 'firing'
      ? `fired ${when(n.firedAt)}`
      : `fired ${when(n.firedAt)}, resolved ${when(n.resolvedAt ?? n.firedAt)} (after ${lasted(n.firedAt, n.resolvedAt ?? n.firedAt)})`,
    `alert #${n.alertId} · rule ${n.ruleId}${n.event === 'firing' ? ` · acknowledge: hydra alerts ack ${n.alertId}` : ''}`,
    n.url,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');

export const fullText = (n: AlertNotification): string => `[hydra] ${headline(n)}\n${bodyText(n)}`;
