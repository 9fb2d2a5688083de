import http from 'node:http';
import { pct } from './stats.js';

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * A closed-loop load: `concurrency` workers each send the next body as soon as their last answer arrived, over
 * keep-alive sockets (node:http, not fetch: the client's own cost stays small next to the server's), for
 * `durationMs`. A non-200 answer or one with `errors` counts as an error.
 */
export const httpLoad = async (
  url: string,
  bodies: readonly string[],
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/graphql', url);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const post = (body: string) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t);
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || text.startsWith('{"errors"') || text.includes('"errors":['))
              errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const start = performance.now();
  const worker = async () => {
    while (performance.now() - start < durationMs) await post(bodies[next++ % bodies.length]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / (elapsed / 1000),
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
  };
};
