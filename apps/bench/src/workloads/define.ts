/**
 * Glue between a workload's side factories and the harness: builds each
 * side against its loaded system (a side whose system failed to load, or whose
 * set-up throws, is reported with the reason), picks the round plan from the
 * time budget, measures, and merges it all into per-side results. Curve
 * workloads do the same once per point of their parameter.
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
import { orderedSides, type Claim, type Curve, type SideName, type SideResult, type Suite } from '../results.js';
import { openRig, type CoreOnRedis } from '../sides/redis.js';
import type { CompareBy } from '../stats.js';
import type { CoreModule, LegacyModule, PeerModules } from '../systems.js';
import type { Workload, WorkloadContext, WorkloadOutput } from './types.js';

type MaybePromise<T> = T | Promise<T>;

type FloorName = 'floor' | `floor:${string}`;

export interface SideFactories<S> {
  legacy?: (legacy: LegacyModule, ctx: WorkloadContext) => MaybePromise<S>;
  core?: (core: CoreModule, ctx: WorkloadContext) => MaybePromise<S>;
  /** Core with `@sessionkit/store-redis`; a workload that has this side belongs to the store-redis suite. */
  'core+redis'?: (system: CoreOnRedis, ctx: WorkloadContext) => MaybePromise<S>;
  'lru-cache'?: (peers: PeerModules, ctx: WorkloadContext) => MaybePromise<S>;
  'express-session'?: (peers: PeerModules, ctx: WorkloadContext) => MaybePromise<S>;
  /** On the run's Redis (`ctx.redis`): only in store-redis workloads. */
  'connect-redis'?: (peers: PeerModules, ctx: WorkloadContext) => MaybePromise<S>;
  /** The row's fair floor. In a store-redis workload `ctx.rig` is the connection core+redis uses. */
  floor?: (ctx: WorkloadContext) => MaybePromise<S>;
  /** Further reference floors, shown beside the fair floor (`floor:GET` …). */
  floors?: Partial<Record<`floor:${string}`, (ctx: WorkloadContext) => MaybePromise<S>>>;
}

/** The sides a workload's factories define, in report order. */
function sidesOf(factories: SideFactories<unknown>): SideName[] {
  const named = (['legacy', 'core', 'core+redis', 'lru-cache', 'express-session', 'connect-redis', 'floor'] as const).filter(
    (side) => factories[side] !== undefined,
  );
  return orderedSides([...named, ...Object.keys(factories.floors ?? {})]);
}

function suiteOf(factories: SideFactories<unknown> & { suite?: Suite }): Suite {
  return factories.suite ?? (factories['core+redis'] === undefined ? 'legacy-vs-core' : 'store-redis');
}

interface Built<S> {
  sides: Partial<Record<SideName, S>>;
  errors: Partial<Record<SideName, string>>;
  /** Closes what was opened for the sides (the store-redis workload's shared connection). */
  close(): Promise<void>;
}

/** Builds the sides one after another (set-up of big pools is not interleaved; only measuring is). */
export async function buildSides<S>(ctx: WorkloadContext, factories: SideFactories<S> & { suite?: Suite }): Promise<Built<S>> {
  const built: Built<S> = { sides: {}, errors: {}, close: async () => {} };
  const attempt = async (side: SideName, make: () => MaybePromise<S>): Promise<void> => {
    ctx.progress.setup(side);
    try {
      built.sides[side] = await make();
    } catch (error) {
      built.errors[side] = `set-up failed: ${errorMessage(error)}`;
    }
  };
  const { legacy, core, storeRedis, peers } = ctx.systems;
  const { redis } = ctx;
  // Store-redis workloads: one command connection for core+redis and the floors.
  if (suiteOf(factories) === 'store-redis' && redis !== null && storeRedis.ok && core.ok) {
    const rig = await openRig({ core: core.module, storeRedis: storeRedis.module, redis });
    ctx.rig = rig;
    built.close = async () => {
      delete ctx.rig;
      await rig.close();
    };
  }
  if (factories.legacy) {
    const make = factories.legacy;
    if (legacy.ok) await attempt('legacy', () => make(legacy.module, ctx));
    else built.errors.legacy = legacy.reason;
  }
  if (factories.core) {
    const make = factories.core;
    if (core.ok) await attempt('core', () => make(core.module, ctx));
    else built.errors.core = core.reason;
  }
  if (factories['core+redis']) {
    const make = factories['core+redis'];
    if (!core.ok) built.errors['core+redis'] = core.reason;
    else if (!storeRedis.ok) built.errors['core+redis'] = storeRedis.reason;
    else if (redis === null) built.errors['core+redis'] = 'no Redis was given to this workload';
    else await attempt('core+redis', () => make({ core: core.module, storeRedis: storeRedis.module, redis }, ctx));
  }
  for (const peer of ['lru-cache', 'express-session', 'connect-redis'] as const) {
    const make = factories[peer];
    if (!make) continue;
    if (!peers.ok) built.errors[peer] = peers.reason;
    else if (peer === 'connect-redis' && redis === null) built.errors[peer] = 'no Redis was given to this workload';
    else await attempt(peer, () => make(peers.module, ctx));
  }
  const floors: [FloorName, (ctx: WorkloadContext) => MaybePromise<S>][] = [
    ...(factories.floor ? [['floor', factories.floor] as [FloorName, (ctx: WorkloadContext) => MaybePromise<S>]] : []),
    ...(Object.entries(factories.floors ?? {}) as [FloorName, (ctx: WorkloadContext) => MaybePromise<S>][]),
  ];
  for (const [name, make] of floors) {
    if (suiteOf(factories) === 'store-redis' && ctx.rig === undefined) built.errors[name] = 'no Redis connection for the floor';
    else await attempt(name, () => make(ctx));
  }
  return built;
}

export function mergeResults(
  outcomes: Partial<Record<SideName, SideOutcome>>,
  errors: Partial<Record<SideName, string>>,
): Partial<Record<SideName, SideResult>> {
  const merged: Partial<Record<SideName, SideResult>> = {};
  for (const [side, error] of Object.entries(errors) as [SideName, string][]) merged[side] = { error };
  for (const [side, outcome] of Object.entries(outcomes) as [SideName, SideOutcome][]) merged[side] = outcome;
  const results: Partial<Record<SideName, SideResult>> = {};
  for (const side of orderedSides(Object.keys(merged))) {
    const result = merged[side];
    if (result) results[side] = result;
  }
  return results;
}

/** Round plan for batch workloads: about ten rounds (six in quick mode) inside the budget. */
export function batchPlan(ctx: Pick<WorkloadContext, 'quick' | 'budgetMs'>, sideCount: number, overrides: Partial<BatchPlan> = {}): BatchPlan {
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

export function scenarioPlan(ctx: Pick<WorkloadContext, 'quick' | 'budgetMs'>, overrides: Partial<ScenarioPlan> = {}): ScenarioPlan {
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
  /** Default: store-redis when there is a core+redis side, else legacy-vs-core (a Redis-floor-only row says store-redis). */
  suite?: Suite;
  claim?: Claim;
  notes?: readonly string[];
  budgetMs: { quick: number; full: number };
}

/** Builds, measures and closes one set of sides. */
async function measureSet<S extends BatchSide | ScenarioSide>(
  ctx: WorkloadContext,
  factories: SideFactories<S> & { suite?: Suite },
  measure: (sides: Partial<Record<SideName, S>>) => Promise<Partial<Record<SideName, SideOutcome>>>,
): Promise<Partial<Record<SideName, SideResult>>> {
  const { sides, errors, close } = await buildSides(ctx, factories);
  try {
    return mergeResults(await measure(sides), errors);
  } finally {
    await close();
  }
}

/** A workload whose sides run `n` operations per timed batch (most of the table). */
export function defineBatchWorkload(spec: WorkloadHeader & SideFactories<BatchSide> & { plan?: Partial<BatchPlan> }): Workload {
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
      const sides = await measureSet(ctx, spec, (built) => measureBatches(built, batchPlan(ctx, Object.keys(built).length, spec.plan), ctx.progress));
      return { sides };
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
      const sides = await measureSet(ctx, spec, (built) => measureScenarios(built, scenarioPlan(ctx, spec.plan?.(ctx)), ctx.progress));
      return { sides };
    },
  };
}

interface CurveSpec<S, P> extends WorkloadHeader {
  unit: Workload['unit'];
  compareBy?: CompareBy;
  curve: Pick<Curve, 'id' | 'title' | 'param' | 'flatWithin'>;
  /** The parameter's values, smallest first. */
  xs: (ctx: WorkloadContext) => readonly number[];
  /** The point whose figures fill the summary row. */
  representative: number;
  factories: (x: number) => SideFactories<S>;
  plan?: (ctx: WorkloadContext) => Partial<P>;
  /**
   * Build the sides once (with the first x) and keep them for every point,
   * telling each side the new x through `setParameter(x)`: for sides that are
   * costly to start (worker processes). Only later points skip the warm-up.
   */
  reuseSides?: boolean;
}

/** A side that can be told the curve's next x. */
interface Parameterised {
  setParameter?(x: number): void;
}

/** The side without its teardown, so measuring one point does not end it. */
function keepOpen<S extends BatchSide | ScenarioSide>(side: S): S {
  const { teardown: _teardown, ...rest } = side;
  return rest as S;
}

/**
 * A workload measured at several values of one parameter (writers on one
 * session, perspectives per analysis): the same sides, built and measured
 * afresh at each point, interleaved within the point, each point with an
 * equal share of the budget. The row shows the `representative` point; the
 * curve shows them all.
 */
function defineCurve<S extends BatchSide | ScenarioSide, P>(
  spec: CurveSpec<S, P>,
  measure: (sides: Partial<Record<SideName, S>>, ctx: WorkloadContext, plan: Partial<P> | undefined) => Promise<Partial<Record<SideName, SideOutcome>>>,
  noWarmup: Partial<P>,
): Workload {
  const probe = spec.factories(spec.representative);
  return {
    id: spec.id,
    title: spec.title,
    suite: suiteOf(probe),
    sides: sidesOf(probe),
    unit: spec.unit,
    compareBy: spec.compareBy ?? 'p50',
    ...(spec.claim ? { claim: spec.claim } : {}),
    notes: spec.notes ?? [],
    budgetMs: spec.budgetMs,
    async run(ctx): Promise<WorkloadOutput> {
      const xs = spec.xs(ctx);
      const pointCtx: WorkloadContext = { ...ctx, budgetMs: ctx.budgetMs / Math.max(1, xs.length) };
      const points: Curve['points'] = [];
      if (spec.reuseSides) {
        const built = await buildSides(pointCtx, spec.factories(xs[0] ?? spec.representative));
        try {
          for (const [index, x] of xs.entries()) {
            ctx.progress.setup(`${spec.curve.param} = ${x}`);
            const open: Partial<Record<SideName, S>> = {};
            for (const [name, side] of Object.entries(built.sides) as [SideName, S][]) {
              (side as Parameterised).setParameter?.(x);
              open[name] = keepOpen(side);
            }
            const plan = { ...spec.plan?.(pointCtx), ...(index > 0 ? noWarmup : {}) } as Partial<P>;
            points.push({ x, sides: mergeResults(await measure(open, pointCtx, plan), built.errors) });
          }
        } finally {
          for (const side of Object.values(built.sides) as S[]) await Promise.resolve(side.teardown?.()).catch(() => undefined);
          await built.close();
        }
      } else {
        for (const x of xs) {
          ctx.progress.setup(`${spec.curve.param} = ${x}`);
          const sides = await measureSet(pointCtx, spec.factories(x), (set) => measure(set, pointCtx, spec.plan?.(pointCtx)));
          points.push({ x, sides });
        }
      }
      const row = points.find((point) => point.x === spec.representative) ?? points.at(-1);
      const curve: Curve = { ...spec.curve, unit: spec.unit, compareBy: spec.compareBy ?? 'p50', points };
      return { sides: row?.sides ?? {}, curves: [curve] };
    },
  };
}

/** A curve of scenario sides (concurrent writers). */
export function defineScenarioCurve(spec: CurveSpec<ScenarioSide, ScenarioPlan>): Workload {
  return defineCurve(spec, (sides, ctx, plan) => measureScenarios(sides, scenarioPlan(ctx, plan), ctx.progress), { warmupSamples: 0 });
}

/** A curve of batch sides (perspectives per analysis). */
export function defineBatchCurve(spec: CurveSpec<BatchSide, BatchPlan>): Workload {
  return defineCurve(spec, (sides, ctx, plan) => measureBatches(sides, batchPlan(ctx, Object.keys(sides).length, plan), ctx.progress), {});
}
