import type { WorkloadProgress } from '../progress.js';
import type { RedisTarget } from '../redis/acquire.js';
import type { Claim, Curve, SideName, SideResult, Suite, Unit } from '../results.js';
import type { RedisRig } from '../sides/redis.js';
import type { CompareBy } from '../stats.js';
import type { Systems } from '../systems.js';

export interface WorkloadContext {
  quick: boolean;
  systems: Systems;
  /** Measuring time for this workload (set-up and warm-up come on top). */
  budgetMs: number;
  progress: WorkloadProgress;
  /** The Redis of this run, with a key prefix of this workload's own; null outside the store-redis suite. */
  redis: RedisTarget | null;
  /** Store-redis workloads: the workload's command connection, shared by core+redis and the Redis floors (set while its sides are built and measured). */
  rig?: RedisRig;
}

/** What running a workload produced: the row's sides and, for scaling workloads, its curves. */
export interface WorkloadOutput {
  sides: Partial<Record<SideName, SideResult>>;
  curves?: Curve[];
}

/** One row of the report: the same operation on each of the workload's sides. */
export interface Workload {
  id: string;
  title: string;
  /** legacy-vs-core (core in memory; the legacy gate judges it) or store-redis (needs a Redis; skipped without one). */
  suite: Suite;
  /** The sides it measures, in report order. */
  sides: readonly SideName[];
  unit: Unit;
  /** p50 unless the workload is about throughput (`concurrent`, `redis-throughput`). */
  compareBy: CompareBy;
  claim?: Claim;
  /** How the workload is set up, one sentence each; printed under the table. */
  notes: readonly string[];
  budgetMs: { quick: number; full: number };
  run(ctx: WorkloadContext): Promise<WorkloadOutput>;
}

/** Options of a workload that runs in two variants differing only in legacy's KDF cost (`create`/`create-eq`, `validate`/`validate-eq`). */
export interface KdfVariantOptions {
  id: string;
  title: string;
  /** Legacy's PBKDF2 iterations for this workload; undefined keeps its 600,000 default. */
  legacyIterations?: number;
  claim?: Claim;
  /** Whether the peers run too (the `-eq` variants leave them out: they would repeat the plain row's peers). */
  withPeers?: boolean;
  notes: string[];
  budgetMs: Workload['budgetMs'];
}
