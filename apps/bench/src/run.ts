/**
 * Runs the selected workloads one after another, each with its own time
 * budget, and collects their results. A workload that throws is recorded as
 * an error on every one of its sides and the run goes on; a store-redis
 * workload with no Redis to run against is recorded as skipped.
 */
import { errorMessage } from './harness.js';
import type { Progress } from './progress.js';
import type { RedisAvailability, RedisTarget } from './redis/acquire.js';
import { formatRatio } from './report/format.js';
import { bestPeer, orderedSides, ratiosOf, subjectSide, type Curve, type SideName, type SideResult, type WorkloadResult } from './results.js';
import type { Systems } from './systems.js';
import type { Workload } from './workloads/types.js';

export interface RunOptions {
  quick: boolean;
  systems: Systems;
  progress: Progress;
  /** For the store-redis workloads: the run's Redis, or why there is none. Null when none was looked for. */
  redis: RedisAvailability | null;
}

/** Each workload gets a key prefix (and so an index and a pub/sub channel) of its own under the run's. */
function redisFor(workload: Workload, redis: RedisAvailability | null): { target: RedisTarget | null; skipped?: string } {
  if (workload.suite !== 'store-redis') return { target: null };
  if (redis === null) return { target: null, skipped: 'no Redis was looked for' };
  if (!redis.ok) return { target: null, skipped: redis.reason };
  return { target: { ...redis.target, keyPrefix: `${redis.target.keyPrefix}${workload.id}:` } };
}

/** Collects garbage between workloads when the process runs with --expose-gc, so one workload's debris is not the next one's GC pause. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Legacy's PBKDF2 setting is process-wide; whatever a workload does to it, the next one starts from the default. */
function snapshotLegacyConfig(systems: Systems): () => void {
  if (!systems.legacy.ok) return () => {};
  const legacy = systems.legacy.module;
  const { pbkdf2Iterations } = legacy.getConfig();
  return () => {
    legacy.setConfig({ pbkdf2Iterations });
  };
}

export function summaryLine(result: WorkloadResult): string {
  const parts: string[] = [];
  if (result.skipped !== undefined) return 'skipped (no Redis)';
  const { legacyOverCore, coreOverFloor, redisOverCore, peerOverCore } = ratiosOf(result);
  const subject = subjectSide(result);
  if (legacyOverCore !== null) parts.push(`legacy/core ${formatRatio(legacyOverCore)}`);
  if (coreOverFloor !== null) parts.push(`${subject}/floor ${formatRatio(coreOverFloor)}`);
  if (peerOverCore !== null) parts.push(`${bestPeer(result)?.side ?? 'peer'}/${subject} ${formatRatio(peerOverCore)}`);
  if (redisOverCore !== null) parts.push(`core+redis/core ${formatRatio(redisOverCore)}`);
  for (const side of orderedSides(Object.keys(result.sides))) {
    const error = result.sides[side]?.error;
    if (error) parts.push(`${side} error: ${error}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'done';
}

export async function runWorkloads(workloads: readonly Workload[], options: RunOptions): Promise<WorkloadResult[]> {
  const results: WorkloadResult[] = [];
  for (const [index, workload] of workloads.entries()) {
    const budgetMs = options.quick ? workload.budgetMs.quick : workload.budgetMs.full;
    const progress = options.progress.workload(index + 1, workload.id, budgetMs);
    collectGarbage();
    const restoreLegacy = snapshotLegacyConfig(options.systems);
    const redis = redisFor(workload, options.redis);
    const started = performance.now();
    let sides: Partial<Record<SideName, SideResult>> = {};
    let curves: Curve[] | undefined;
    try {
      if (redis.skipped === undefined) {
        ({ sides, curves } = await workload.run({ quick: options.quick, systems: options.systems, budgetMs, progress, redis: redis.target }));
      }
    } catch (error) {
      const message = `workload failed: ${errorMessage(error)}`;
      sides = Object.fromEntries(workload.sides.map((side) => [side, { error: message }]));
    } finally {
      restoreLegacy();
    }
    const result: WorkloadResult = {
      id: workload.id,
      title: workload.title,
      suite: workload.suite,
      unit: workload.unit,
      compareBy: workload.compareBy,
      ...(workload.claim ? { claim: workload.claim } : {}),
      notes: [...workload.notes],
      sides,
      ...(curves ? { curves } : {}),
      ...(redis.skipped === undefined ? {} : { skipped: redis.skipped }),
      durationMs: performance.now() - started,
    };
    progress.done(summaryLine(result));
    results.push(result);
  }
  return results;
}
