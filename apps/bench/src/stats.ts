/**
 * The arithmetic of the report: percentiles, per-side summaries and ratios.
 * Pure functions, no I/O, so the numbers in every report can be unit-tested.
 */

/**
 * The `p`-th percentile (0..100) of an ascending-sorted array, interpolating
 * linearly between the two nearest order statistics (the "R-7" rule numpy and
 * tinybench use), so p50 of [1, 2, 3, 4] is 2.5.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in 0..100, got ${p}`);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (rank - lower);
}

/** What the report says about one side (legacy, core or floor) of one workload. */
export interface SideStats {
  /** Number of samples the percentiles are taken over. */
  samples: number;
  /** Operations per sample: >1 when fast operations are timed in batches and divided. */
  opsPerSample: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** Median absolute deviation from p50, in the workload's unit. */
  mad: number;
  /** Operations completed per second of measured time; null where it means nothing (memory, import). */
  opsPerSec: number | null;
}

export interface Throughput {
  /** Operations the samples cover. */
  ops: number;
  /** Measured (timed) nanoseconds those operations took in total. */
  elapsedNs: number;
}

/**
 * Summarises per-operation values. `throughput` is the measured total, which is
 * what ops/s is computed from (not 1/mean: under concurrency the two differ).
 */
export function summarize(values: readonly number[], opsPerSample: number, throughput: Throughput | null): SideStats {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const deviations = sorted.map((value) => Math.abs(value - p50)).sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    samples: sorted.length,
    opsPerSample,
    p50,
    p99: percentile(sorted, 99),
    mean: sum / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mad: percentile(deviations, 50),
    opsPerSec: throughput && throughput.elapsedNs > 0 ? (throughput.ops * 1e9) / throughput.elapsedNs : null,
  };
}

/** Which figure a workload compares sides by. */
export type CompareBy = 'p50' | 'throughput';

/**
 * The one number a side is ranked and charted by, smaller is better, in the
 * workload's unit: p50, or for throughput workloads the amortised time per
 * operation (1e9 / ops/s), so "smaller is better" holds for both.
 */
export function headline(stats: SideStats, compareBy: CompareBy): number {
  if (compareBy === 'throughput') {
    if (stats.opsPerSec === null || stats.opsPerSec <= 0) throw new RangeError('a throughput workload needs ops/s');
    return 1e9 / stats.opsPerSec;
  }
  return stats.p50;
}

/**
 * `slower / faster` style ratio of two headline figures: legacy/core > 1 means
 * core is faster. Null when either side is missing or the divisor is zero.
 */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined) return null;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}
