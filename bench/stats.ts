/** Percentile of an unsorted sample (nearest rank); 0 for an empty one. */
export const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export const median = (xs: readonly number[]): number => pct(xs, 50);

export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

export const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
