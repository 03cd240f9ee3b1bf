/**
 * The shape of one run's results, shared by the workloads that produce them and
 * the report writers and the check gate that read them.
 */
import { headline, ratio, type CompareBy, type SideStats } from './stats.js';

/**
 * `core` is always core with its in-memory pool; `core+redis` is core with
 * `@sessionkit/store-redis` as its store, measured beside it.
 */
export type SideName = 'legacy' | 'core' | 'core+redis' | 'floor';

/** Report order everywhere: old, new, new on Redis, the limit. */
export const SIDE_NAMES: readonly SideName[] = ['legacy', 'core', 'core+redis', 'floor'];

/**
 * Which question a workload answers: legacy against core (the table of
 * BENCH.md, and the only one the gate judges), or what a shared Redis store
 * costs core against its in-memory pool (DISTRIBUTED.md; no legacy side).
 */
export type Suite = 'legacy-vs-core' | 'store-redis';

/** Units the dashboard format allows. */
export type Unit = 'ns/op' | 'bytes' | 'ms';

/** A figure from the seed's migration guide, printed beside what was measured. */
export interface Claim {
  /** As the guide wrote it, e.g. `15 ms → 8 ms`. */
  text: string;
  /** The claimed legacy and core figures in the workload's unit. */
  legacy: number;
  core: number;
}

export interface SideResult {
  /** Present when the side was measured. */
  stats?: SideStats;
  /** Present when the side could not run (package not built, API missing, an operation threw). */
  error?: string;
  /** Extra per-side figures (modules loaded, pool size …), shown beside the stats. */
  info?: Record<string, number | string>;
}

export interface WorkloadResult {
  id: string;
  title: string;
  suite: Suite;
  unit: Unit;
  compareBy: CompareBy;
  claim?: Claim;
  /** How the run was set up, in a sentence each (crypto-equalised, pool sizes …). */
  notes: string[];
  sides: Partial<Record<SideName, SideResult>>;
  /** Why the workload did not run at all (a store-redis workload with no Redis to run against). Not an error. */
  skipped?: string;
  durationMs: number;
}

/** The figure a side is compared and charted by, if it was measured. */
export function sideHeadline(result: WorkloadResult, side: SideName): number | undefined {
  const stats = result.sides[side]?.stats;
  return stats ? headline(stats, result.compareBy) : undefined;
}

export interface Ratios {
  /** > 1: core is that many times faster (or smaller) than legacy. */
  legacyOverCore: number | null;
  /** ≥ 1 normally: how far core is from the bare-Map limit. */
  coreOverFloor: number | null;
  /** legacy/core as the seed's guide claimed it, when it claimed a figure. */
  claimed: number | null;
  /** > 1: core on Redis is that many times slower than core in memory (store-redis workloads). */
  redisOverCore: number | null;
}

export function ratiosOf(result: WorkloadResult): Ratios {
  const legacy = sideHeadline(result, 'legacy');
  const core = sideHeadline(result, 'core');
  const floor = sideHeadline(result, 'floor');
  return {
    legacyOverCore: ratio(legacy, core),
    coreOverFloor: ratio(core, floor),
    claimed: result.claim ? ratio(result.claim.legacy, result.claim.core) : null,
    redisOverCore: ratio(sideHeadline(result, 'core+redis'), core),
  };
}

/** The Redis the store-redis workloads ran against (never its credentials), or why they were skipped. */
export type RedisRun =
  | { ok: true; version: string; source: 'REDIS_URL' | 'private redis-server'; address: string }
  | { ok: false; reason: string };

/** Everything about the run that is not a measurement. */
export interface RunMeta {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpu: { model: string; cores: number; speedMHz: number };
  totalMemoryBytes: number;
  commit: string;
  /** Whether the work tree had uncommitted changes when the run started. */
  dirty: boolean | null;
  mode: 'quick' | 'full';
  filter: string[] | null;
  /** ISO 8601, when the run started. */
  date: string;
  durationMs: number;
  /** Null when no store-redis workload was selected. */
  redis: RedisRun | null;
}
