/**
 * Why a notification did not go out. `retryable` is false when trying again cannot help (the receiver said
 * the request itself is wrong); `retryAfterMs` is the receiver's own Retry-After. Messages name the target by
 * type and host only: webhook paths, bot tokens and passwords are secrets and never reach a log or the database.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  constructor(message: string, retryable: boolean, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
}

/** "slack webhook (hooks.slack.com)": what a log line may say about a URL that carries a secret. */
export const describeTarget = (kind: string, url: string): string => {
  try {
    return `${kind} (${new URL(url).host})`;
  } catch {
    return kind;
  }
};

/** Removes every secret from a text that might echo it (an error from fetch or SMTP). */
export const scrub = (text: string, secrets: readonly (string | null | undefined)[]): string => {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  // A URL in an error carries its path and query; keep only its origin.
  return out.replace(/\b(https?:\/\/[^/\s'"]+)[^\s'"]*/g, '$1/…');
};
