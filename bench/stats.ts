import { percentile } from '../src/plugins/fills/analytics.js';

/** Percentile of an unsorted sample (nearest rank, as the API's latency figures); 0 for an empty one. */
export const pct = (xs: readonly number[], p: number): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p,
  ) ?? 0;

export const median = (xs: readonly number[]): number => pct(xs, 50);

export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

export const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
