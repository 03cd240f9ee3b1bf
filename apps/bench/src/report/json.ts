/**
 * `latest.json`: exactly the `customSmallerIsBetter` array that
 * benchmark-dashboard actions (benchmark-action/github-action-benchmark) read.
 * One entry per measured side, named `<workload> (<side>)`, e.g.
 * `create (core)` or `redis-create (core+redis)`; sides that could not run,
 * and skipped workloads, have no entry (the dashboard only takes numbers).
 */
import { ratiosOf, sideHeadline, SIDE_NAMES, type Unit, type WorkloadResult } from '../results.js';
import { formatOps, formatRatio, formatValue } from './format.js';

/** One entry of the `customSmallerIsBetter` array. */
export interface DashboardEntry {
  name: string;
  unit: Unit;
  value: number;
  range?: string;
  extra?: string;
}

/** Six significant digits: enough for any chart, without float noise in the file. */
const tidy = (value: number): number => Number(value.toPrecision(6));

export function dashboardEntries(results: readonly WorkloadResult[]): DashboardEntry[] {
  const entries: DashboardEntry[] = [];
  for (const result of results) {
    const ratios = ratiosOf(result);
    for (const side of SIDE_NAMES) {
      const stats = result.sides[side]?.stats;
      const value = sideHeadline(result, side);
      if (!stats || value === undefined) continue;
      const extra = [
        `p50 ${formatValue(stats.p50, result.unit)}`,
        `p99 ${formatValue(stats.p99, result.unit)}`,
        ...(stats.opsPerSec === null ? [] : [`${formatOps(stats.opsPerSec)} ops/s`]),
        `${stats.samples} samples`,
        ...(ratios.legacyOverCore === null ? [] : [`legacy/core ${formatRatio(ratios.legacyOverCore)}`]),
        ...(ratios.coreOverFloor === null ? [] : [`core/floor ${formatRatio(ratios.coreOverFloor)}`]),
        ...(ratios.redisOverCore === null ? [] : [`core+redis/core ${formatRatio(ratios.redisOverCore)}`]),
        ...(result.suite === 'store-redis' && side === 'core' ? ['core in memory, beside core+redis'] : []),
        ...(result.claim ? [`seed's claim ${result.claim.text}`] : []),
        ...Object.entries(result.sides[side]?.info ?? {}).map(([key, info]) => `${key}: ${info}`),
      ];
      const spread = stats.p50 > 0 ? (100 * stats.mad) / stats.p50 : 0;
      entries.push({
        name: `${result.id} (${side})`,
        unit: result.unit,
        value: tidy(value),
        range: `± ${spread.toFixed(1)}%`,
        extra: extra.join(' · '),
      });
    }
  }
  return entries;
}
