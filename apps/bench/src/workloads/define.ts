/**
 * Glue between a workload's side factories and the harness: builds each
 * side against its loaded system (a side whose system failed to load, or whose
 * set-up throws, is reported with the reason), picks the round plan from the
 * time budget, measures, and merges it all into per-side results.
 */
import {
  errorMessage,
  measureBatches,
  measureScenarios,
  type BatchPlan,
  type BatchSide,
  type ScenarioPlan,
  type ScenarioSide,
  type SideOutcome,
} from '../harness.js';
import { SIDE_NAMES, type Claim, type SideName, type SideResult, type Suite } from '../results.js';
import type { CoreOnRedis } from '../sides/redis.js';
import type { CompareBy } from '../stats.js';
import type { CoreModule, LegacyModule } from '../systems.js';
import type { Workload, WorkloadContext } from './types.js';

type MaybePromise<T> = T | Promise<T>;

export interface SideFactories<S> {
  legacy?: (legacy: LegacyModule, ctx: WorkloadContext) => MaybePromise<S>;
  core?: (core: CoreModule, ctx: WorkloadContext) => MaybePromise<S>;
  /** Core with `@sessionkit/store-redis`; a workload that has this side belongs to the store-redis suite. */
  'core+redis'?: (system: CoreOnRedis, ctx: WorkloadContext) => MaybePromise<S>;
  floor?: (ctx: WorkloadContext) => MaybePromise<S>;
}

/** The sides a workload's factories define, in report order. */
function sidesOf(factories: SideFactories<unknown>): SideName[] {
  return SIDE_NAMES.filter((side) => factories[side] !== undefined);
}

function suiteOf(factories: SideFactories<unknown>): Suite {
  return factories['core+redis'] === undefined ? 'legacy-vs-core' : 'store-redis';
}

interface Built<S> {
  sides: Partial<Record<SideName, S>>;
  errors: Partial<Record<SideName, string>>;
}

/** Builds the sides one after another (set-up of big pools is not interleaved; only measuring is). */
export async function buildSides<S>(ctx: WorkloadContext, factories: SideFactories<S>): Promise<Built<S>> {
  const built: Built<S> = { sides: {}, errors: {} };
  const attempt = async (side: SideName, make: () => MaybePromise<S>): Promise<void> => {
    ctx.progress.setup(side);
    try {
      built.sides[side] = await make();
    } catch (error) {
      built.errors[side] = `set-up failed: ${errorMessage(error)}`;
    }
  };
  if (factories.legacy) {
    const make = factories.legacy;
    const { legacy } = ctx.systems;
    if (legacy.ok) await attempt('legacy', () => make(legacy.module, ctx));
    else built.errors.legacy = legacy.reason;
  }
  if (factories.core) {
    const make = factories.core;
    const { core } = ctx.systems;
    if (core.ok) await attempt('core', () => make(core.module, ctx));
    else built.errors.core = core.reason;
  }
  if (factories['core+redis']) {
    const make = factories['core+redis'];
    const { core, storeRedis } = ctx.systems;
    const { redis } = ctx;
    if (!core.ok) built.errors['core+redis'] = core.reason;
    else if (!storeRedis.ok) built.errors['core+redis'] = storeRedis.reason;
    else if (redis === null) built.errors['core+redis'] = 'no Redis was given to this workload';
    else await attempt('core+redis', () => make({ core: core.module, storeRedis: storeRedis.module, redis }, ctx));
  }
  if (factories.floor) {
    const make = factories.floor;
    await attempt('floor', () => make(ctx));
  }
  return built;
}

export function mergeResults(
  outcomes: Partial<Record<SideName, SideOutcome>>,
  errors: Partial<Record<SideName, string>>,
): Partial<Record<SideName, SideResult>> {
  const results: Partial<Record<SideName, SideResult>> = {};
  for (const [side, error] of Object.entries(errors) as [SideName, string][]) results[side] = { error };
  for (const [side, outcome] of Object.entries(outcomes) as [SideName, SideOutcome][]) results[side] = outcome;
  return results;
}

/** Round plan for batch workloads: about ten rounds (six in quick mode) inside the budget. */
export function batchPlan(ctx: WorkloadContext, sideCount: number, overrides: Partial<BatchPlan> = {}): BatchPlan {
  const targetRounds = ctx.quick ? 6 : 10;
  return {
    budgetMs: ctx.budgetMs,
    minRounds: ctx.quick ? 2 : 3,
    maxRounds: targetRounds * 4,
    warmupMs: ctx.quick ? 150 : 300,
    targetBatchMs: 1,
    sliceMs: Math.max(10, ctx.budgetMs / Math.max(1, sideCount) / targetRounds),
    ...overrides,
  };
}

export function scenarioPlan(ctx: WorkloadContext, overrides: Partial<ScenarioPlan> = {}): ScenarioPlan {
  return {
    budgetMs: ctx.budgetMs,
    minRounds: ctx.quick ? 2 : 3,
    maxRounds: 1_000,
    warmupSamples: 1,
    reportsThroughput: true,
    ...overrides,
  };
}

interface WorkloadHeader {
  id: string;
  title: string;
  claim?: Claim;
  notes?: readonly string[];
  budgetMs: { quick: number; full: number };
}

/** A workload whose sides run `n` operations per timed batch (most of the table). */
export function defineBatchWorkload(
  spec: WorkloadHeader & SideFactories<BatchSide> & { plan?: Partial<BatchPlan> },
): Workload {
  return {
    id: spec.id,
    title: spec.title,
    suite: suiteOf(spec),
    sides: sidesOf(spec),
    unit: spec.plan?.valueUnit === 'ms' ? 'ms' : 'ns/op',
    compareBy: 'p50',
    ...(spec.claim ? { claim: spec.claim } : {}),
    notes: spec.notes ?? [],
    budgetMs: spec.budgetMs,
    async run(ctx) {
      const { sides, errors } = await buildSides(ctx, spec);
      const plan = batchPlan(ctx, Object.keys(sides).length, spec.plan);
      return mergeResults(await measureBatches(sides, plan, ctx.progress), errors);
    },
  };
}

/** A workload whose sides produce their own values per sample (concurrency, sweeps, child processes). */
export function defineScenarioWorkload(
  spec: WorkloadHeader &
    SideFactories<ScenarioSide> & {
      unit: Workload['unit'];
      compareBy?: CompareBy;
      plan?: (ctx: WorkloadContext) => Partial<ScenarioPlan>;
    },
): Workload {
  return {
    id: spec.id,
    title: spec.title,
    suite: suiteOf(spec),
    sides: sidesOf(spec),
    unit: spec.unit,
    compareBy: spec.compareBy ?? 'p50',
    ...(spec.claim ? { claim: spec.claim } : {}),
    notes: spec.notes ?? [],
    budgetMs: spec.budgetMs,
    async run(ctx) {
      const { sides, errors } = await buildSides(ctx, spec);
      const plan = scenarioPlan(ctx, spec.plan?.(ctx));
      return mergeResults(await measureScenarios(sides, plan, ctx.progress), errors);
    },
  };
}
