/**
 * The regression gate (`--check`): core must not be slower than legacy on any
 * workload measured in this run, and core's retained heap per session must
 * stay within CORE.md's target. Only the legacy-vs-core suite is judged: the
 * floor-only row and the store-redis workloads (core in memory beside core on
 * Redis, where a network round trip is expected to cost more) have no legacy
 * figure to regress against.
 */
import { ratiosOf, type WorkloadResult } from './results.js';
import { formatRatio, formatValue } from './report/format.js';

/** CORE.md: retained heap per idle session with a binding, at most 1,024 bytes. */
export const CORE_BYTES_PER_SESSION_LIMIT = 1_024;

export interface CheckVerdict {
  passed: boolean;
  /** One sentence per violation, naming the workload and the figures. */
  failures: string[];
  /** Workloads where legacy and core were both measured and compared. */
  compared: string[];
  /** Ids of the workloads behind `failures`. */
  failedIds: string[];
}

export function checkResults(results: readonly WorkloadResult[]): CheckVerdict {
  const failures: string[] = [];
  const compared: string[] = [];
  const failedIds = new Set<string>();
  for (const result of results) {
    const { legacy, core } = result.sides;
    if (result.suite !== 'legacy-vs-core') continue; // core on Redis is judged against nothing
    if (legacy === undefined && core === undefined) continue; // floor-only workload
    const missing = (['legacy', 'core'] as const).filter((side) => !result.sides[side]?.stats);
    if (missing.length > 0) {
      const reasons = missing.map((side) => `${side}: ${result.sides[side]?.error ?? 'not measured'}`);
      failures.push(`${result.id}: cannot compare, ${reasons.join('; ')}`);
      failedIds.add(result.id);
      continue;
    }
    compared.push(result.id);
    const { legacyOverCore } = ratiosOf(result);
    if (legacyOverCore !== null && legacyOverCore < 1) {
      const what = result.compareBy === 'throughput' ? 'lower throughput than' : 'slower than';
      const noun = result.unit === 'bytes' ? 'larger than' : what;
      failures.push(`${result.id}: core is ${noun} legacy (legacy/core ${formatRatio(legacyOverCore)})`);
      failedIds.add(result.id);
    }
    const coreStats = core?.stats;
    if (result.unit === 'bytes' && coreStats && coreStats.p50 > CORE_BYTES_PER_SESSION_LIMIT) {
      failures.push(
        `${result.id}: core retains ${formatValue(coreStats.p50, 'bytes')} per session, over the ${formatValue(CORE_BYTES_PER_SESSION_LIMIT, 'bytes')} target`,
      );
      failedIds.add(result.id);
    }
  }
  return { passed: failures.length === 0, failures, compared, failedIds: [...failedIds] };
}
