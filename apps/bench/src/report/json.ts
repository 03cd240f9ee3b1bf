/**
 * `latest.json`: exactly the `customSmallerIsBetter` array that
 * benchmark-dashboard actions (benchmark-action/github-action-benchmark) read.
 * One entry per measured side, named `<workload> (<side>)`, e.g.
 * `create (core)`, `create (lru-cache)` or `redis-create (core+redis)`; each
 * point of a curve as `<workload>:<curve>@<x> (<side>)`, e.g.
 * `scale:lookup@1000000 (core)`. Sides that could not run, and skipped
 * workloads, have no entry (the dashboard only takes numbers).
 */
import { orderedSides, ratiosOf, sideHeadline, subjectSide, type SideResult, type Unit, type WorkloadResult } from '../results.js';
import { headline, type CompareBy } from '../stats.js';
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

function entry(name: string, side: SideResult, unit: Unit, compareBy: CompareBy, context: string[]): DashboardEntry | null {
  const { stats } = side;
  if (!stats) return null;
  const extra = [
    `p50 ${formatValue(stats.p50, unit)}`,
    `p99 ${formatValue(stats.p99, unit)}`,
    ...(stats.opsPerSec === null ? [] : [`${formatOps(stats.opsPerSec)} ops/s`]),
    `${stats.samples} samples`,
    ...context,
    ...(side.lostUpdates ? [`lost updates ${side.lostUpdates.lost} of ${side.lostUpdates.of}`] : []),
    ...Object.entries(side.info ?? {}).map(([key, info]) => `${key}: ${info}`),
  ];
  const spread = stats.p50 > 0 ? (100 * stats.mad) / stats.p50 : 0;
  return { name, unit, value: tidy(headline(stats, compareBy)), range: `± ${spread.toFixed(1)}%`, extra: extra.join(' · ') };
}

export function dashboardEntries(results: readonly WorkloadResult[]): DashboardEntry[] {
  const entries: DashboardEntry[] = [];
  for (const result of results) {
    const ratios = ratiosOf(result);
    const subject = subjectSide(result);
    const context = [
      ...(ratios.legacyOverCore === null ? [] : [`legacy/core ${formatRatio(ratios.legacyOverCore)}`]),
      ...(ratios.coreOverFloor === null ? [] : [`${subject}/floor ${formatRatio(ratios.coreOverFloor)}`]),
      ...(ratios.peerOverCore === null ? [] : [`best peer/${subject} ${formatRatio(ratios.peerOverCore)}`]),
      ...(ratios.redisOverCore === null ? [] : [`core+redis/core ${formatRatio(ratios.redisOverCore)}`]),
      ...(result.claim ? [`claimed earlier ${result.claim.text}`] : []),
    ];
    for (const side of orderedSides(Object.keys(result.sides))) {
      const measured = result.sides[side];
      if (!measured || sideHeadline(result, side) === undefined) continue;
      const own = result.suite === 'store-redis' && side === 'core' ? [...context, 'core in memory, beside core+redis'] : context;
      const made = entry(`${result.id} (${side})`, measured, result.unit, result.compareBy, own);
      if (made) entries.push(made);
    }
    for (const curve of result.curves ?? []) {
      for (const point of curve.points) {
        for (const side of orderedSides(Object.keys(point.sides))) {
          const measured = point.sides[side];
          if (!measured) continue;
          const made = entry(`${result.id}:${curve.id}@${point.x} (${side})`, measured, curve.unit, curve.compareBy, [`${curve.param} ${point.x}`]);
          if (made) entries.push(made);
        }
      }
    }
  }
  return entries;
}
