import type { WorkloadProgress } from '../progress.js';
import type { Claim, SideName, SideResult, Unit } from '../results.js';
import type { CompareBy } from '../stats.js';
import type { Systems } from '../systems.js';

export interface WorkloadContext {
  quick: boolean;
  systems: Systems;
  /** Measuring time for this workload (set-up and warm-up come on top). */
  budgetMs: number;
  progress: WorkloadProgress;
}

/** One row of BENCH.md's table: the same operation on legacy, core and the bare-Map floor. */
export interface Workload {
  id: string;
  title: string;
  unit: Unit;
  /** p50 unless the workload is about throughput (`concurrent`). */
  compareBy: CompareBy;
  claim?: Claim;
  /** How the workload is set up, one sentence each; printed under the table. */
  notes: readonly string[];
  budgetMs: { quick: number; full: number };
  run(ctx: WorkloadContext): Promise<Partial<Record<SideName, SideResult>>>;
}
