import { DeliveryError, scrub } from './delivery-error.js';

const retryAfter = (h: string | null): number | null => {
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
};

/**
 * POSTs a body and classifies the answer: 2xx sent; 408, 429, 5xx and network failures retryable (429 and
 * 503 with the receiver's Retry-After); any other 4xx not retryable, since the same request will be refused
 * again. `target` names the receiver in errors; `secrets` are scrubbed from anything the receiver echoes.
 */
export const httpPost = async (
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; target: string; secrets: readonly (string | null)[] },
): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'user-agent': 'hydra-monitor', ...headers },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : (e.cause?.code ?? e.message);
    throw new DeliveryError(`${opts.target}: ${scrub(why, [url, ...opts.secrets])}`, true);
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const text = scrub((await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim(), [
    url,
    ...opts.secrets,
  ]);
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new DeliveryError(
    `${opts.target} answered ${res.status}${text ? `: ${text}` : ''}`,
    retryable,
    retryable ? retryAfter(res.headers.get('retry-after')) : null,
  );
};
