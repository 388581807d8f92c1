/**
 * Summary statistics for latency samples. Hand-written (about twenty lines) rather than a dependency:
 * no statistics package is a declared dependency of the project, the brief forbids installing one, and a
 * benchmark's percentiles should be readable in one screen. (tinybench sits in node_modules only as a
 * transitive dependency of vitest; it measures whole functions, not one sample per request.)
 *
 * Percentiles use the nearest-rank method on the sorted samples: p99 of 200 samples is the 198th value,
 * an actually observed time, never an interpolation between two.
 */

export interface Summary {
  n: number;
  mean: number;
  median: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted values (p in 0..100). */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, mean, median: median(s), p99: percentileSorted(s, 99), max: s[s.length - 1] ?? Number.NaN };
}
