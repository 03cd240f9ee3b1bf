/**
 * The targets, each judged from this run's figures alone (ratios of sides
 * measured side by side, never absolute times): met, not met, or not measured,
 * with the ratio that decided it. Which of them fail `--check` is decided in
 * gating.ts; the report shows them all.
 */
import { formatRatio, formatValue } from './report/format.js';
import { isPeer, orderedSides, ratiosOf, sideHeadline, subjectSide, type Curve, type SideResult, type WorkloadResult } from './results.js';

export type TargetId =
  | 'core-vs-legacy'
  | 'memory-1024'
  | 'no-lost-updates'
  | 'flat-curves'
  | 'in-memory-floor'
  | 'store-mutation-cas'
  | 'store-mutation-vs-connect-redis'
  | 'ahead-of-peers'
  | 'memory-600';

/** One target judged on one row (or curve). */
export interface TargetOutcome {
  target: TargetId;
  workload: string;
  /** What was compared: `core/floor`, `lru-cache/core`, `memory (core)` … */
  measure: string;
  /** The measured ratio or figure; null when it could not be measured. */
  value: number | null;
  /** The limit, as text: `≤ 1.5×`, `> 1×`, `≤ 600 B`. */
  limit: string;
  /** null: not measured (a side missing); the detail says why. */
  met: boolean | null;
  /** One sentence: the figures, or why there are none. */
  detail: string;
}

export interface Target {
  id: TargetId;
  /** What the target asks, in a sentence. */
  title: string;
  evaluate(results: readonly WorkloadResult[]): TargetOutcome[];
}

/** Retained heap per idle session with a binding: the limit the gate has always held core to. */
export const CORE_BYTES_PER_SESSION_LIMIT = 1_024;
/** …and the one core is heading for. */
export const CORE_BYTES_PER_SESSION_TARGET = 600;
export const IN_MEMORY_FLOOR_LIMIT = 1.5;
/**
 * A bare Map's lookup grows 7-14× from 1,000 to 1,000,000 entries on this
 * machine (caches, TLB): a curve may grow as much as the floor's did in the
 * same run, times this, before it counts as not flat.
 */
export const FLAT_FLOOR_SLACK = 1.5;
export const STORE_MUTATION_CAS_LIMIT = 1.3;

/** The in-memory operations held to 1.5× of their fair floor (the `-eq` rows repeat `create`/`validate`'s core and floor). */
export const FLOOR_TARGET_ROWS = [
  'session-id',
  'create',
  'validate',
  'thread-ops',
  'analysis',
  'atomic',
  'get-hit',
  'concurrent',
  'contention',
  'writers',
  'sweep',
];

const why = (result: WorkloadResult, side: string): string => result.sides[side as keyof WorkloadResult['sides']]?.error ?? 'not measured';

function ratioOutcome(
  target: TargetId,
  result: WorkloadResult,
  measure: string,
  value: number | null,
  limit: { text: string; ok(value: number): boolean },
  missing: string,
): TargetOutcome {
  if (value === null)
    return { target, workload: result.id, measure, value, limit: limit.text, met: null, detail: `${result.id}: ${measure} not measured (${missing})` };
  const met = limit.ok(value);
  return {
    target,
    workload: result.id,
    measure,
    value,
    limit: limit.text,
    met,
    detail: `${result.id}: ${measure} ${formatRatio(value)} (${met ? 'met' : 'not met'}: ${limit.text})`,
  };
}

/**
 * How far below 1× legacy/core may fall and still count as "not slower": a
 * row where both sides do about the same work (`analysis`: one append each)
 * measures 0.95–1.15× from one quick run to the next on a shared 2-core
 * machine. A real regression (a lock or a copy added to the hot path) moves
 * the ratio by far more than this band, so the gate still catches it.
 */
export const LEGACY_PARITY_BAND = 0.9;
const PARITY_LIMIT = `≥ ${LEGACY_PARITY_BAND}× (parity band)`;

const coreVsLegacy: Target = {
  id: 'core-vs-legacy',
  title: 'core is not slower (nor larger) than legacy on any workload both ran',
  evaluate(results) {
    const outcomes: TargetOutcome[] = [];
    for (const result of results) {
      if (result.suite !== 'legacy-vs-core' || result.sides.legacy === undefined) continue;
      const missing = (['legacy', 'core'] as const).filter((side) => !result.sides[side]?.stats);
      if (missing.length > 0) {
        const reasons = missing.map((side) => `${side}: ${why(result, side)}`);
        outcomes.push({
          target: 'core-vs-legacy',
          workload: result.id,
          measure: 'legacy/core',
          value: null,
          limit: PARITY_LIMIT,
          met: false,
          detail: `${result.id}: cannot compare, ${reasons.join('; ')}`,
        });
        continue;
      }
      const value = ratiosOf(result).legacyOverCore as number;
      // Bytes are counted, not timed: no noise band for memory rows.
      const met = value >= (result.unit === 'bytes' ? 1 : LEGACY_PARITY_BAND);
      const what = result.unit === 'bytes' ? 'larger than' : result.compareBy === 'throughput' ? 'lower throughput than' : 'slower than';
      const detail = !met
        ? `${result.id}: core is ${what} legacy (legacy/core ${formatRatio(value)})`
        : value < 1
          ? `${result.id}: legacy/core ${formatRatio(value)}, at parity (within the ${formatRatio(LEGACY_PARITY_BAND)} noise band)`
          : `${result.id}: legacy/core ${formatRatio(value)}`;
      outcomes.push({
        target: 'core-vs-legacy',
        workload: result.id,
        measure: 'legacy/core',
        value,
        limit: result.unit === 'bytes' ? '≥ 1×' : PARITY_LIMIT,
        met,
        detail,
      });
    }
    return outcomes;
  },
};

function memoryTarget(id: 'memory-1024' | 'memory-600', limit: number): Target {
  return {
    id,
    title: `core retains at most ${formatValue(limit, 'bytes')} per idle session with a binding`,
    evaluate(results) {
      return results
        .filter((result) => result.id === 'memory')
        .map((result) => {
          const bytes = result.sides.core?.stats?.p50 ?? null;
          const limitText = `≤ ${formatValue(limit, 'bytes')}`;
          if (bytes === null)
            return {
              target: id,
              workload: result.id,
              measure: 'memory (core)',
              value: null,
              limit: limitText,
              met: id === 'memory-1024' ? false : null,
              detail: `memory: core not measured (${why(result, 'core')})`,
            };
          const met = bytes <= limit;
          return {
            target: id,
            workload: result.id,
            measure: 'memory (core)',
            value: bytes,
            limit: limitText,
            met,
            detail: met
              ? `memory: core retains ${formatValue(bytes, 'bytes')} per session`
              : `memory: core retains ${formatValue(bytes, 'bytes')} per session, over the ${formatValue(limit, 'bytes')} target`,
          };
        });
    },
  };
}

/** Every set of sides a run measured: the rows and the points of their curves. */
function sideSets(result: WorkloadResult): { where: string; sides: WorkloadResult['sides'] }[] {
  const points = (result.curves ?? []).flatMap((curve) =>
    curve.points.map((point) => ({ where: `${result.id} (${curve.param} = ${point.x})`, sides: point.sides })),
  );
  return [{ where: result.id, sides: result.sides }, ...points];
}

const noLostUpdates: Target = {
  id: 'no-lost-updates',
  title: 'core loses no update, in memory or on Redis, however many writers',
  evaluate(results) {
    const outcomes: TargetOutcome[] = [];
    for (const result of results) {
      const subject = subjectSide(result);
      let lost = 0;
      let of = 0;
      let counted = false;
      const failures: string[] = [];
      for (const { where, sides } of sideSets(result)) {
        const side: SideResult | undefined = sides[subject];
        if (side?.lostUpdates) {
          counted = true;
          lost += side.lostUpdates.lost;
          of += side.lostUpdates.of;
          if (side.lostUpdates.lost > 0) failures.push(`${where}: ${side.lostUpdates.lost} of ${side.lostUpdates.of}`);
        }
        if (side?.error?.includes('lost updates')) {
          counted = true;
          failures.push(`${where}: ${side.error}`);
        }
      }
      if (!counted) continue;
      const met = failures.length === 0;
      outcomes.push({
        target: 'no-lost-updates',
        workload: result.id,
        measure: `lost updates (${subject})`,
        value: lost,
        limit: '0',
        met,
        detail: met
          ? `${result.id}: ${subject} lost 0 of ${of.toLocaleString('en-US')} updates`
          : `${result.id}: ${subject} lost updates (${failures.join('; ')})`,
      });
    }
    return outcomes;
  },
};

/** How much core's figure grew from the curve's smallest x to its largest (measured in one process where the curve has it), or why there is none. */
export function curveGrowth(curve: Curve, side: 'core' | 'core+redis' = 'core'): { growth: number; from: number; to: number } | { missing: string } {
  const first = curve.points[0];
  const last = curve.points.at(-1);
  if (first === undefined || last === undefined || first === last) return { missing: 'fewer than two points' };
  const at = (point: Curve['points'][number]) => sideHeadline({ sides: point.sides, compareBy: curve.compareBy }, side);
  const from = at(first);
  const to = at(last);
  if (from === undefined || to === undefined || from <= 0) {
    const point = from === undefined ? first : last;
    return { missing: `${side} at ${point.x}: ${point.sides[side]?.error ?? 'not measured'}` };
  }
  return { growth: curve.growth?.[side] ?? to / from, from, to };
}

const flatCurves: Target = {
  id: 'flat-curves',
  title: `curves that should be flat stay flat: core at the largest pool within the stated factor of the smallest, or within ${FLAT_FLOOR_SLACK}× of what a bare Map grew in the same run when even that grew more`,
  evaluate(results) {
    const outcomes: TargetOutcome[] = [];
    for (const result of results) {
      for (const curve of result.curves ?? []) {
        if (curve.flatWithin === undefined) continue;
        const measure = `${curve.id}: core ${curve.points.at(-1)?.x.toLocaleString('en-US')} / ${curve.points[0]?.x.toLocaleString('en-US')} ${curve.param}`;
        const floorGrowth = curve.growth?.floor;
        // Flat is judged against the hardware too: no curve has to be flatter than a bare Map's in the same run.
        const bound = Math.max(curve.flatWithin, floorGrowth === undefined ? 0 : FLAT_FLOOR_SLACK * floorGrowth);
        const limit =
          bound > curve.flatWithin
            ? `≤ ${formatRatio(bound)} (${FLAT_FLOOR_SLACK} × the floor's ${formatRatio(floorGrowth ?? 0)})`
            : `≤ ${formatRatio(curve.flatWithin)}`;
        const growth = curveGrowth(curve);
        if ('missing' in growth) {
          outcomes.push({
            target: 'flat-curves',
            workload: result.id,
            measure,
            value: null,
            limit,
            met: false,
            detail: `${result.id} ${curve.id}: cannot judge the curve (${growth.missing})`,
          });
          continue;
        }
        const met = growth.growth <= bound;
        const span = `${formatValue(growth.from, curve.unit)} → ${formatValue(growth.to, curve.unit)}`;
        const beside = floorGrowth === undefined ? '' : `; a bare Map grew ${formatRatio(floorGrowth)}`;
        outcomes.push({
          target: 'flat-curves',
          workload: result.id,
          measure,
          value: growth.growth,
          limit,
          met,
          detail: `${result.id} ${curve.id}: core ${span} from ${curve.points[0]?.x.toLocaleString('en-US')} to ${curve.points.at(-1)?.x.toLocaleString('en-US')} ${curve.param} (${formatRatio(growth.growth)}, ${met ? 'flat' : `grows more than ${formatRatio(bound)}`}${beside})`,
        });
      }
    }
    return outcomes;
  },
};

const inMemoryFloor: Target = {
  id: 'in-memory-floor',
  title: `core within ${IN_MEMORY_FLOOR_LIMIT}× of the fair floor on every in-memory operation`,
  evaluate(results) {
    return results
      .filter((result) => FLOOR_TARGET_ROWS.includes(result.id))
      .map((result) =>
        ratioOutcome(
          'in-memory-floor',
          result,
          'core/floor',
          ratiosOf(result).coreOverFloor,
          { text: `≤ ${IN_MEMORY_FLOOR_LIMIT}×`, ok: (value) => value <= IN_MEMORY_FLOOR_LIMIT },
          `core: ${why(result, 'core')}; floor: ${why(result, 'floor')}`,
        ),
      );
  },
};

const storeMutationCas: Target = {
  id: 'store-mutation-cas',
  title: `a store mutation within ${STORE_MUTATION_CAS_LIMIT}× of a minimal compare-and-set round trip`,
  evaluate(results) {
    return results
      .filter((result) => result.id === 'redis-mutation' && result.skipped === undefined)
      .map((result) =>
        ratioOutcome(
          'store-mutation-cas',
          result,
          'core+redis/floor',
          ratiosOf(result).coreOverFloor,
          { text: `≤ ${STORE_MUTATION_CAS_LIMIT}×`, ok: (value) => value <= STORE_MUTATION_CAS_LIMIT },
          `core+redis: ${why(result, 'core+redis')}; floor: ${why(result, 'floor')}`,
        ),
      );
  },
};

const storeMutationVsConnectRedis: Target = {
  id: 'store-mutation-vs-connect-redis',
  title: "a store mutation faster than connect-redis's get + set",
  evaluate(results) {
    return results
      .filter((result) => result.id === 'redis-mutation' && result.skipped === undefined)
      .map((result) => {
        const core = sideHeadline(result, 'core+redis');
        const peer = sideHeadline(result, 'connect-redis');
        const value = core === undefined || peer === undefined ? null : peer / core;
        return ratioOutcome(
          'store-mutation-vs-connect-redis',
          result,
          'connect-redis/core+redis',
          value,
          { text: '> 1×', ok: (v) => v > 1 },
          `core+redis: ${why(result, 'core+redis')}; connect-redis: ${why(result, 'connect-redis')}`,
        );
      });
  },
};

const aheadOfPeers: Target = {
  id: 'ahead-of-peers',
  title: 'ahead of every peer on every row where the peer does the same work (a peer that lost updates did less, and is shown but not judged)',
  evaluate(results) {
    const outcomes: TargetOutcome[] = [];
    for (const result of results) {
      const subject = subjectSide(result);
      const core = sideHeadline(result, subject);
      for (const side of orderedSides(Object.keys(result.sides)).filter(isPeer)) {
        const peer = result.sides[side];
        if (peer?.lostUpdates && peer.lostUpdates.lost > 0) continue; // last write wins: not the same work
        const value = core === undefined || peer?.stats === undefined ? null : (sideHeadline(result, side) as number) / core;
        const measure = `${side}/${subject}`;
        outcomes.push(
          ratioOutcome(
            'ahead-of-peers',
            result,
            measure,
            value,
            { text: '≥ 1×', ok: (v) => v >= 1 },
            `${subject}: ${why(result, subject)}; ${side}: ${why(result, side)}`,
          ),
        );
      }
    }
    return outcomes;
  },
};

/** Every target, in report order. */
export const TARGETS: readonly Target[] = [
  coreVsLegacy,
  memoryTarget('memory-1024', CORE_BYTES_PER_SESSION_LIMIT),
  noLostUpdates,
  flatCurves,
  inMemoryFloor,
  storeMutationCas,
  storeMutationVsConnectRedis,
  aheadOfPeers,
  memoryTarget('memory-600', CORE_BYTES_PER_SESSION_TARGET),
];

export function evaluateTargets(results: readonly WorkloadResult[]): TargetOutcome[] {
  return TARGETS.flatMap((target) => target.evaluate(results));
}

/** The title of a target, by id. */
export function targetTitle(id: TargetId): string {
  return TARGETS.find((target) => target.id === id)?.title ?? id;
}
