/**
 * The shape of one run's results, shared by the workloads that produce them and
 * the report writers and the check gate that read them.
 */
import { headline, ratio, type CompareBy, type SideStats } from './stats.js';

/** The peers: what a user would build instead of sessionkit, each as its own docs recommend. */
export type PeerName = 'lru-cache' | 'express-session' | 'connect-redis';

/** Every peer, in report order. */
export const PEER_NAMES: readonly PeerName[] = ['lru-cache', 'express-session', 'connect-redis'];

/**
 * `core` is always core with its in-memory pool; `core+redis` is core with
 * `@sessionkit/store-redis` as its store. `floor` is the row's fair floor
 * (the least the work costs); `floor:<what>` are further reference floors of
 * a row (a raw `GET` round trip beside the compare-and-set floor …).
 */
export type SideName = 'legacy' | 'core' | 'core+redis' | PeerName | 'floor' | `floor:${string}`;

/** Report order of the named sides; `floor:*` sides follow `floor` in the order the workload defines them. */
export const SIDE_NAMES: readonly SideName[] = ['legacy', 'core', 'core+redis', ...PEER_NAMES, 'floor'];

/** Whether a side is a peer. */
export function isPeer(side: string): side is PeerName {
  return (PEER_NAMES as readonly string[]).includes(side);
}

/** Whether a side is the row's floor or one of its reference floors. */
export function isFloor(side: string): boolean {
  return side === 'floor' || side.startsWith('floor:');
}

/** The sides of a record in report order: the named ones first, then the `floor:*` ones as inserted. */
export function orderedSides(names: Iterable<string>): SideName[] {
  const all = [...names] as SideName[];
  const known = SIDE_NAMES.filter((side) => all.includes(side));
  return [...known, ...all.filter((side) => !SIDE_NAMES.includes(side))];
}

/**
 * Which question a workload answers: core in memory (against legacy, its
 * peers and its floor; the only suite the legacy gate judges), or core on a
 * shared Redis store (against connect-redis and raw Redis round trips).
 */
export type Suite = 'legacy-vs-core' | 'store-redis';

/** Units the dashboard format allows. */
export type Unit = 'ns/op' | 'bytes' | 'ms';

/** A figure claimed earlier for the migration, printed beside what was measured. */
export interface Claim {
  /** As it was claimed, e.g. `15 ms → 8 ms`. */
  text: string;
  /** The claimed legacy and core figures in the workload's unit. */
  legacy: number;
  core: number;
}

/** Updates a side made that were not in the data afterwards (last write wins), out of those it made. */
export interface LostUpdates {
  lost: number;
  of: number;
}

export interface SideResult {
  /** Present when the side was measured. */
  stats?: SideStats;
  /** Present when the side could not run (package not built, API missing, an operation threw). */
  error?: string;
  /** Extra per-side figures (modules loaded, pool size …), shown beside the stats. */
  info?: Record<string, number | string>;
  /** For workloads with concurrent writers: how many updates this side lost. */
  lostUpdates?: LostUpdates;
}

/** One point of a curve: the same sides measured with the parameter at `x`. */
export interface CurvePoint {
  x: number;
  sides: Partial<Record<SideName, SideResult>>;
}

/** How one figure grows with a parameter (sessions held, perspectives, writers). */
export interface Curve {
  /** `lookup`, `sweep`, `memory`, `writers` …: unique within the workload. */
  id: string;
  title: string;
  /** What x counts: `sessions`, `perspectives`, `writers`. */
  param: string;
  unit: Unit;
  compareBy: CompareBy;
  points: CurvePoint[];
  /**
   * Set on curves that should stay flat: the most core's figure may grow from
   * the smallest x to the largest (the flat-curve gate).
   */
  flatWithin?: number;
  /**
   * How much each side's figure grew from the smallest x to the largest,
   * measured side by side in one process (robust to a busy machine), where
   * the workload measures it so; otherwise growth is last point / first.
   */
  growth?: Partial<Record<SideName, number>>;
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
  /** The row's figures (for a workload with curves: the representative point). */
  sides: Partial<Record<SideName, SideResult>>;
  /** Scaling curves this workload measured. */
  curves?: Curve[];
  /** Why the workload did not run at all (a store-redis workload with no Redis to run against). Not an error. */
  skipped?: string;
  durationMs: number;
}

/** The side a row is about: core on Redis in the store suite, core in memory otherwise. */
export function subjectSide(result: Pick<WorkloadResult, 'suite'>): 'core' | 'core+redis' {
  return result.suite === 'store-redis' ? 'core+redis' : 'core';
}

/** The figure a side is compared and charted by, if it was measured. */
export function sideHeadline(result: Pick<WorkloadResult, 'sides' | 'compareBy'>, side: SideName): number | undefined {
  const stats = result.sides[side]?.stats;
  return stats ? headline(stats, result.compareBy) : undefined;
}

/** The fastest (smallest) measured peer of a row, or null. */
export function bestPeer(result: Pick<WorkloadResult, 'sides' | 'compareBy'>): { side: PeerName; value: number } | null {
  let best: { side: PeerName; value: number } | null = null;
  for (const side of PEER_NAMES) {
    const value = sideHeadline(result, side);
    if (value !== undefined && (best === null || value < best.value)) best = { side, value };
  }
  return best;
}

export interface Ratios {
  /** > 1: core is that many times faster (or smaller) than legacy. */
  legacyOverCore: number | null;
  /** ≥ 1 normally: how far the row's subject (core, or core+redis) is from the fair floor. */
  coreOverFloor: number | null;
  /** > 1: the best peer is that many times slower (or larger) than the subject. */
  peerOverCore: number | null;
  /** legacy/core as claimed earlier, when a figure was claimed. */
  claimed: number | null;
  /** > 1: core on Redis is that many times slower than core in memory (store-redis workloads). */
  redisOverCore: number | null;
}

export function ratiosOf(result: WorkloadResult): Ratios {
  const subject = sideHeadline(result, subjectSide(result));
  const core = sideHeadline(result, 'core');
  return {
    legacyOverCore: ratio(sideHeadline(result, 'legacy'), core),
    coreOverFloor: ratio(subject, sideHeadline(result, 'floor')),
    peerOverCore: ratio(bestPeer(result)?.value, subject),
    claimed: result.claim ? ratio(result.claim.legacy, result.claim.core) : null,
    redisOverCore: result.suite === 'store-redis' ? ratio(sideHeadline(result, 'core+redis'), core) : null,
  };
}

/** The Redis the store-redis workloads ran against (never its credentials), or why they were skipped. */
export type RedisRun = { ok: true; version: string; source: 'REDIS_URL' | 'private redis-server'; address: string } | { ok: false; reason: string };

/** Everything about the run that is not a measurement. */
export interface RunMeta {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpu: { model: string; cores: number; speedMHz: number };
  totalMemoryBytes: number;
  /** 1-minute load average when the run started, per core (how busy the machine was). */
  loadPerCore?: number;
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
  /** Versions of the peer packages measured, by package name. */
  peers?: Record<string, string>;
}
