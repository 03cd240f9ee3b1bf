/**
 * The measuring loop: warm-up, then rounds in which every side takes a turn
 * (legacy, core, floor, then floor, core, legacy, …) so that machine drift,
 * GC debt and thermal changes hit every side equally. Ratios measured this way
 * hold on a noisy machine where absolute times do not.
 *
 * Two kinds of side:
 * - a `BatchSide` runs `n` operations back to back; tinybench times each batch
 *   and the per-operation value is batch time / n. Fast (sub-microsecond)
 *   operations are batched so that timer resolution and call overhead do not
 *   dominate; slow ones (a 600k-iteration PBKDF2) run one per batch.
 * - a `ScenarioSide` produces its own values per sample: individual operation
 *   latencies under concurrency, a sweep's time, a child process's report.
 *   tinybench times single calls, which these are not, so they are timed by
 *   the scenario itself.
 */
import { hrtime } from 'node:process';
import { Bench } from 'tinybench';
import { orderedSides, type LostUpdates, type SideName } from './results.js';
import { percentile, summarize, type SideStats } from './stats.js';

type MaybePromise<T> = T | Promise<T>;

export interface BatchSide {
  /** Runs `n` operations back to back. This call, and only this call, is timed. */
  batch(n: number): MaybePromise<unknown>;
  /** Untimed, before every batch (e.g. add the expired sessions a sweep removes). */
  beforeBatch?(): MaybePromise<void>;
  /** Untimed, after every batch (e.g. reset a pool that grew too large). */
  afterBatch?(): MaybePromise<void>;
  /** Untimed, once at the end. */
  teardown?(): MaybePromise<void>;
  /** Operations one unit of `n` performs (add + get + remove is 3). Default 1. */
  opsPerCall?: number;
  /** Upper bound for `n` (a sweep is one per batch). Default 1,000,000. */
  maxBatchSize?: number;
  /** Untimed, after the last batch and before teardown: facts to show beside the side's figures. */
  facts?(): MaybePromise<SideFacts>;
}

/** What a side reports beside its timings. */
export interface SideFacts {
  info?: Record<string, number | string>;
  lostUpdates?: LostUpdates;
}

/** What one scenario sample measured. */
export interface ScenarioSample {
  /** Per-operation values in the workload's unit; percentiles are taken over these. */
  values: number[];
  /** Operations the sample performed, and the measured nanoseconds they took (for ops/s). */
  ops: number;
  elapsedNs: number;
  /** Per-side facts to show beside the stats (last sample wins). */
  info?: Record<string, number | string>;
  /** Updates this sample made and lost (summed over the samples, warm-up excluded). */
  lostUpdates?: LostUpdates;
}

export interface ScenarioSide {
  sample(): Promise<ScenarioSample>;
  /** Untimed, after the last sample and before teardown. */
  facts?(): MaybePromise<SideFacts>;
  teardown?(): MaybePromise<void>;
}

export interface RoundPlan {
  /** Measuring stops after the first round that ends past this budget (warm-up excluded). */
  budgetMs: number;
  /** Rounds always run, even past the budget, so that every side has samples to compare. */
  minRounds: number;
  /** Hard stop. */
  maxRounds: number;
  /**
   * Run the sides of a round at the same time. Only for measurements that CPU
   * contention cannot change (heap sizes in child processes); timings must
   * never run in parallel.
   */
  parallelSides?: boolean;
}

export interface BatchPlan extends RoundPlan {
  /** Warm-up (and batch-size calibration) per side. */
  warmupMs: number;
  /** Batches of fast operations are sized to take about this long. */
  targetBatchMs: number;
  /** Time each side gets per round (at least one batch). */
  sliceMs: number;
  /** Whether per-operation values are reported in ns (default) or ms. */
  valueUnit?: 'ns' | 'ms';
  /** Whether ops/s means something for this workload. Default true. */
  reportsThroughput?: boolean;
}

export interface ScenarioPlan extends RoundPlan {
  /** Discarded samples per side before measuring (JIT warm-up). */
  warmupSamples: number;
  reportsThroughput: boolean;
}

export interface HarnessProgress {
  /** Warm-up names the side warming up; measuring covers every side. */
  phase(phase: 'warm-up' | 'measure', side?: SideName): void;
  round(round: number, samples: Partial<Record<SideName, number>>, elapsedMs: number): void;
}

export type SideOutcome = { stats: SideStats; info?: Record<string, number | string>; lostUpdates?: LostUpdates } | { error: string };

/** The order sides take their turn in a round: forward on even rounds, backward on odd ones. */
export function roundOrder<T>(sides: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...sides] : [...sides].reverse();
}

interface Slice {
  values: number[];
  ops: number;
  elapsedNs: number;
  info?: Record<string, number | string>;
  lostUpdates?: LostUpdates;
}

interface Accumulated {
  values: number[];
  ops: number;
  elapsedNs: number;
  info?: Record<string, number | string>;
  lostUpdates?: LostUpdates;
}

const nowNs = (): bigint => hrtime.bigint();
const elapsedMsSince = (start: bigint): number => Number(nowNs() - start) / 1e6;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * The shared round loop. `runSlice` measures one side once; a side that throws
 * is dropped with its error and the others carry on.
 */
async function interleave(
  names: readonly SideName[],
  plan: RoundPlan,
  runSlice: (side: SideName) => Promise<Slice>,
  progress: HarnessProgress | undefined,
): Promise<Map<SideName, Accumulated | { error: string }>> {
  const outcome = new Map<SideName, Accumulated | { error: string }>();
  for (const side of names) {
    outcome.set(side, { values: [], ops: 0, elapsedNs: 0 });
  }
  const alive = (): SideName[] => names.filter((side) => !('error' in (outcome.get(side) as object)));
  const start = nowNs();
  const turn = async (side: SideName): Promise<void> => {
    const acc = outcome.get(side) as Accumulated;
    try {
      const slice = await runSlice(side);
      for (const value of slice.values) acc.values.push(value);
      acc.ops += slice.ops;
      acc.elapsedNs += slice.elapsedNs;
      if (slice.info) acc.info = slice.info;
      if (slice.lostUpdates) {
        const sum = acc.lostUpdates ?? { lost: 0, of: 0 };
        acc.lostUpdates = { lost: sum.lost + slice.lostUpdates.lost, of: sum.of + slice.lostUpdates.of };
      }
    } catch (error) {
      outcome.set(side, { error: errorMessage(error) });
    }
  };
  for (let round = 0; round < plan.maxRounds; round++) {
    if (plan.parallelSides) {
      await Promise.all(alive().map(turn));
    } else {
      for (const side of roundOrder(alive(), round)) await turn(side);
    }
    const counts: Partial<Record<SideName, number>> = {};
    for (const side of alive()) counts[side] = (outcome.get(side) as Accumulated).values.length;
    const elapsed = elapsedMsSince(start);
    progress?.round(round + 1, counts, elapsed);
    if (alive().length === 0) break;
    if (round + 1 >= plan.minRounds && elapsed >= plan.budgetMs) break;
  }
  return outcome;
}

function finish(accumulated: Map<SideName, Accumulated | { error: string }>, reportsThroughput: boolean): Partial<Record<SideName, SideOutcome>> {
  const result: Partial<Record<SideName, SideOutcome>> = {};
  for (const [side, acc] of accumulated) {
    if ('error' in acc) {
      result[side] = acc;
    } else if (acc.values.length === 0) {
      result[side] = { error: 'no samples were taken' };
    } else {
      // Batch sizes adapt from round to round, so report the average.
      const opsPerSample = Math.max(1, Math.round(acc.ops / acc.values.length));
      const stats = summarize(acc.values, opsPerSample, reportsThroughput ? acc : null);
      result[side] = { stats, ...(acc.info ? { info: acc.info } : {}), ...(acc.lostUpdates ? { lostUpdates: acc.lostUpdates } : {}) };
    }
  }
  return result;
}

/** Tears every side down; a teardown that throws turns its side's result into that error. */
async function runTeardowns(
  sides: Partial<Record<SideName, { teardown?(): MaybePromise<void>; facts?(): MaybePromise<SideFacts> }>>,
  accumulated: Map<SideName, Accumulated | { error: string }>,
): Promise<void> {
  for (const side of orderedSides(Object.keys(sides))) {
    const acc = accumulated.get(side);
    try {
      const facts = acc && !('error' in acc) ? await sides[side]?.facts?.() : undefined;
      if (facts && acc && !('error' in acc)) {
        if (facts.info) acc.info = { ...acc.info, ...facts.info };
        if (facts.lostUpdates) acc.lostUpdates = facts.lostUpdates;
      }
    } catch (error) {
      accumulated.set(side, { error: `could not report: ${errorMessage(error)}` });
    }
    try {
      await sides[side]?.teardown?.();
    } catch (error) {
      accumulated.set(side, { error: `teardown failed: ${errorMessage(error)}` });
    }
  }
}

/** Times one call of `batch(n)` with its untimed hooks around it. Returns ns. */
async function timeOneBatch(side: BatchSide, n: number): Promise<{ ns: number; isAsync: boolean }> {
  await side.beforeBatch?.();
  const start = nowNs();
  const returned = side.batch(n);
  const isAsync = returned instanceof Promise;
  if (isAsync) await returned;
  const ns = Number(nowNs() - start);
  await side.afterBatch?.();
  return { ns, isAsync };
}

interface Calibrated {
  batchSize: number;
  isAsync: boolean;
}

/**
 * Warm-up that doubles the batch size until a batch takes `targetBatchMs`,
 * then keeps running for the rest of `warmupMs`. The batch size comes from
 * the median per-operation time of the warm-up batches at the largest size
 * reached: small early batches are dominated by call overhead and JIT tiers,
 * and a single batch can be inflated by a GC.
 */
async function calibrate(side: BatchSide, plan: BatchPlan): Promise<Calibrated> {
  const maxBatch = side.maxBatchSize ?? 1_000_000;
  const targetNs = plan.targetBatchMs * 1e6;
  const start = nowNs();
  let n = 1;
  let isAsync = false;
  let largest = 0;
  let perOpAtLargest: number[] = [];
  do {
    const timed = await timeOneBatch(side, n);
    isAsync = timed.isAsync;
    if (n > largest) {
      largest = n;
      perOpAtLargest = [];
    }
    perOpAtLargest.push(timed.ns / n);
    if (timed.ns < targetNs && n < maxBatch) n = Math.min(maxBatch, n * 2);
  } while (elapsedMsSince(start) < plan.warmupMs);
  const perCallNs = percentile(
    perOpAtLargest.sort((a, b) => a - b),
    50,
  );
  return { batchSize: batchSizeFor(perCallNs, plan, side), isAsync };
}

/** How many calls make a batch of about `targetBatchMs`, within the side's limit. */
function batchSizeFor(perCallNs: number, plan: BatchPlan, side: BatchSide): number {
  const maxBatch = side.maxBatchSize ?? 1_000_000;
  return Math.max(1, Math.min(maxBatch, Math.round((plan.targetBatchMs * 1e6) / Math.max(perCallNs, 1))));
}

/**
 * Interleaved batch measurement. Values are per operation, in ns (or ms for
 * `valueUnit: 'ms'`).
 */
export async function measureBatches(
  sides: Partial<Record<SideName, BatchSide>>,
  plan: BatchPlan,
  progress?: HarnessProgress,
): Promise<Partial<Record<SideName, SideOutcome>>> {
  const names = orderedSides(Object.keys(sides));
  const calibrated = new Map<SideName, Calibrated>();
  const failed = new Map<SideName, string>();
  for (const side of names) {
    progress?.phase('warm-up', side);
    try {
      calibrated.set(side, await calibrate(sides[side] as BatchSide, plan));
    } catch (error) {
      failed.set(side, errorMessage(error));
    }
  }
  const measured = names.filter((side) => calibrated.has(side));
  const divisor = plan.valueUnit === 'ms' ? 1e6 : 1;
  progress?.phase('measure');
  const accumulated = await interleave(
    measured,
    plan,
    async (name) => {
      const side = sides[name] as BatchSide;
      const { batchSize, isAsync } = calibrated.get(name) as Calibrated;
      const opsPerBatch = batchSize * (side.opsPerCall ?? 1);
      const bench = new Bench({
        time: plan.sliceMs,
        iterations: 1,
        warmup: false,
        retainSamples: true,
        throws: true,
        timestampProvider: 'hrtimeNow',
      });
      const hooks = {
        async: isAsync,
        ...(side.beforeBatch ? { beforeEach: () => side.beforeBatch?.() } : {}),
        ...(side.afterBatch ? { afterEach: () => side.afterBatch?.() } : {}),
      };
      bench.add(name, () => side.batch(batchSize), hooks);
      await bench.run();
      const task = bench.tasks[0];
      const result = task?.result;
      if (!result || !('latency' in result)) {
        const reason = result && 'error' in result ? errorMessage(result.error) : `state ${result?.state ?? 'unknown'}`;
        throw new Error(`tinybench did not complete: ${reason}`);
      }
      const batchMs = result.latency.samples ?? [];
      if (batchMs.length > 0) {
        // Re-size batches toward targetBatchMs from what this slice measured: batches
        // of similar duration on every side keep their p99s comparable.
        const medianPerCallNs =
          (percentile(
            [...batchMs].sort((a, b) => a - b),
            50,
          ) *
            1e6) /
          batchSize;
        calibrated.set(name, { isAsync, batchSize: batchSizeFor(medianPerCallNs, plan, side) });
      }
      const values = batchMs.map((ms) => (ms * 1e6) / opsPerBatch / divisor);
      const elapsedNs = batchMs.reduce((total, ms) => total + ms * 1e6, 0);
      return { values, ops: batchMs.length * opsPerBatch, elapsedNs };
    },
    progress,
  );
  for (const [side, error] of failed) accumulated.set(side, { error });
  await runTeardowns(sides, accumulated);
  return finish(accumulated, plan.reportsThroughput ?? true);
}

/** Interleaved scenario measurement: each side's `sample()` produces its own values. */
export async function measureScenarios(
  sides: Partial<Record<SideName, ScenarioSide>>,
  plan: ScenarioPlan,
  progress?: HarnessProgress,
): Promise<Partial<Record<SideName, SideOutcome>>> {
  const names = orderedSides(Object.keys(sides));
  const failed = new Map<SideName, string>();
  for (const side of names) {
    progress?.phase('warm-up', side);
    try {
      for (let i = 0; i < plan.warmupSamples; i++) await (sides[side] as ScenarioSide).sample();
    } catch (error) {
      failed.set(side, errorMessage(error));
    }
  }
  const measured = names.filter((side) => !failed.has(side));
  progress?.phase('measure');
  const accumulated = await interleave(measured, plan, (name) => (sides[name] as ScenarioSide).sample(), progress);
  for (const [side, error] of failed) accumulated.set(side, { error });
  await runTeardowns(sides, accumulated);
  return finish(accumulated, plan.reportsThroughput);
}
