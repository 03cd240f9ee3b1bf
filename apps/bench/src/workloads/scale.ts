/**
 * The scaling curves: lookup time, sweep time and retained memory per
 * session as the pool grows from 1,000 to 1,000,000 sessions (100,000 in
 * quick mode). Each (side, size) is one fresh child process (child/scale.ts)
 * that builds the pool once and measures all three; sizes run smallest first,
 * the sides' order alternating from one size to the next. Core's lookup and
 * sweep must stay flat (the gate allows 10× from the smallest pool to the
 * largest), and so must its memory per session (1.5×).
 */
import { childScript, runChild } from '../child/spawn.js';
import { LOOKUP_BATCH, REFERENCE_SESSIONS, SWEEP_EXPIRED, type ScaleReport } from '../child/scale-protocol.js';
import { errorMessage } from '../harness.js';
import { orderedSides, type Curve, type SideName, type SideResult } from '../results.js';
import { summarize } from '../stats.js';
import type { Workload, WorkloadOutput } from './types.js';

const SIDES: readonly SideName[] = ['core', 'lru-cache', 'express-session', 'floor'];
/** Quick mode (the CI gate) measures what the gate judges, core, beside its floor. */
const QUICK_SIDES: readonly SideName[] = ['core', 'floor'];
/**
 * express-session's curve stops at 100,000 sessions: its sweep (`all()`)
 * parses every session, seconds per sweep at a million, and its O(n) shape is
 * plain well before that.
 */
const LARGEST: Partial<Record<SideName, number>> = { 'express-session': 100_000 };
const QUICK_SIZES = [1_000, 10_000, 100_000];
const FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000];

/** How much core's figure may grow from the smallest pool to the largest (the flat-curve gate). */
export const FLAT_WITHIN = { lookup: 10, sweep: 10, memory: 1.5 } as const;

type Figures = Record<'lookup' | 'sweep' | 'memory', Partial<Record<SideName, SideResult>>>;

function figuresOf(report: ScaleReport): Record<keyof Figures, SideResult> {
  const throughput = (values: number[], unitNs: number) => ({ ops: values.length, elapsedNs: values.reduce((total, value) => total + value * unitNs, 0) });
  const built = { 'pool built in': `${Math.round(report.buildMs).toLocaleString('en-US')} ms` };
  const against = `× the ${REFERENCE_SESSIONS.toLocaleString('en-US')}-session pool in the same process`;
  return {
    lookup: {
      stats: summarize(report.lookupNs, LOOKUP_BATCH, throughput(report.lookupNs, 1)),
      info: { ...built, [against]: Number(report.lookupGrowth.toPrecision(3)) },
    },
    sweep: {
      stats: summarize(report.sweepMs, 1, throughput(report.sweepMs, 1e6)),
      info: { 'expired per sweep': SWEEP_EXPIRED, [against]: Number(report.sweepGrowth.toPrecision(3)) },
    },
    memory: { stats: summarize([report.bytesPerSession], 1, null) },
  };
}

const CURVES: { id: keyof Figures; title: string; unit: Curve['unit'] }[] = [
  { id: 'lookup', title: 'pool lookup that hits, ids drawn at random from the whole pool', unit: 'ns/op' },
  { id: 'sweep', title: `one expiry sweep that finds ${SWEEP_EXPIRED} expired sessions`, unit: 'ms' },
  { id: 'memory', title: 'retained heap per idle session with a binding', unit: 'bytes' },
];

export const scaleWorkload: Workload = {
  id: 'scale',
  title: 'lookup, sweep and memory per session at 1,000 to 1,000,000 sessions',
  suite: 'legacy-vs-core',
  sides: SIDES,
  unit: 'ns/op',
  compareBy: 'p50',
  notes: [
    'One fresh `node --expose-gc` per side and pool size: it builds the pool once (in generations on a clock moved by hand; express-session on the real clock) and measures memory, then lookups (ids drawn at random from the whole pool, in batches of 2,000), then sweeps.',
    `Sizes: ${FULL_SIZES.map((n) => n.toLocaleString('en-US')).join(', ')} sessions (quick mode stops at ${QUICK_SIZES.at(-1)?.toLocaleString('en-US')} and measures core and the floor only; express-session's curve stops at 100,000, where its sweep already parses every session). The row shows lookups in the largest pool. Before timing, every sampled id is looked up once, untimed: the first touch of each page after the memory measurement's full GCs is a page fault, not a lookup.`,
    `Beside each pool the child also holds a ${REFERENCE_SESSIONS.toLocaleString('en-US')}-session pool and alternates lookup batches and sweeps between the two: that ratio, measured side by side in one process, is the growth the gate reads (a busy machine cannot fake it the way it can two runs minutes apart).`,
    `Flat means: core's lookup and sweep in the largest pool are at most ${FLAT_WITHIN.lookup}× those in the ${REFERENCE_SESSIONS.toLocaleString('en-US')}-session one, and its memory per session at most ${FLAT_WITHIN.memory}× that at the smallest size; --check fails otherwise. The peers' curves are shown (full runs only), never gated.`,
  ],
  budgetMs: { quick: 0, full: 0 },
  async run(ctx): Promise<WorkloadOutput> {
    const sizes = ctx.quick ? QUICK_SIZES : FULL_SIZES;
    const script = childScript('scale');
    const points: Record<keyof Figures, Curve['points']> = { lookup: [], sweep: [], memory: [] };
    // Growth at the largest size, measured against the reference pool in the same process.
    const growth: Record<'lookup' | 'sweep', Partial<Record<SideName, number>>> = { lookup: {}, sweep: {} };
    for (const [index, size] of sizes.entries()) {
      const figures: Figures = { lookup: {}, sweep: {}, memory: {} };
      const sides = (ctx.quick ? QUICK_SIDES : SIDES).filter((side) => size <= (LARGEST[side] ?? Number.POSITIVE_INFINITY));
      const order = index % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        ctx.progress.setup(`${side}, ${size.toLocaleString('en-US')} sessions`);
        const unavailable = side === 'core' ? ctx.systems.core : side === 'floor' ? { ok: true as const } : ctx.systems.peers;
        try {
          if (!unavailable.ok) throw new Error(unavailable.reason);
          const report = await runChild<ScaleReport>(script, [side, String(size), ctx.quick ? 'quick' : 'full'], ['--expose-gc', '--max-old-space-size=4096']);
          const measured = figuresOf(report);
          for (const id of ['lookup', 'sweep', 'memory'] as const) figures[id][side] = measured[id];
          growth.lookup[side] = report.lookupGrowth;
          growth.sweep[side] = report.sweepGrowth;
        } catch (error) {
          for (const id of ['lookup', 'sweep', 'memory'] as const) figures[id][side] = { error: errorMessage(error) };
        }
      }
      for (const id of ['lookup', 'sweep', 'memory'] as const) {
        const sides: Partial<Record<SideName, SideResult>> = {};
        for (const side of orderedSides(Object.keys(figures[id]))) {
          const result = figures[id][side];
          if (result) sides[side] = result;
        }
        points[id].push({ x: size, sides });
      }
    }
    const curves: Curve[] = CURVES.map((curve) => ({
      ...curve,
      param: 'sessions',
      compareBy: 'p50',
      points: points[curve.id],
      flatWithin: FLAT_WITHIN[curve.id],
      ...(curve.id === 'memory' ? {} : { growth: growth[curve.id] }),
    }));
    return { sides: points.lookup.at(-1)?.sides ?? {}, curves };
  },
};
