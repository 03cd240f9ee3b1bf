import { describe, expect, it } from 'vitest';
import { checkResults, CORE_BYTES_PER_SESSION_LIMIT } from '../src/check.js';
import { GATING_TARGETS } from '../src/gating.js';
import type { Curve } from '../src/results.js';
import { redisRun, side, workload } from './fixtures.js';

/** The gate's decision alone (the target outcomes are tested in targets.test.ts). */
function gate(results: Parameters<typeof checkResults>[0]) {
  const { passed, failures, compared, failedIds } = checkResults(results);
  return { passed, failures, compared, failedIds };
}

function curve(id: string, values: number[], flatWithin: number | undefined, growth?: number): Curve {
  return {
    id,
    title: id,
    param: 'sessions',
    unit: 'ns/op',
    compareBy: 'p50',
    points: values.map((value, index) => ({ x: 1_000 * 10 ** index, sides: { core: side(value), floor: side(10) } })),
    ...(flatWithin === undefined ? {} : { flatWithin }),
    ...(growth === undefined ? {} : { growth: { core: growth } }),
  };
}

describe('checkResults (the --check gate)', () => {
  it('gates exactly the targets listed in gating.ts', () => {
    expect(GATING_TARGETS).toEqual(['core-vs-legacy', 'memory-1024', 'no-lost-updates', 'flat-curves']);
    expect(checkResults([]).gating).toBe(GATING_TARGETS);
  });

  it('passes when core is faster than legacy everywhere and small enough', () => {
    const verdict = gate([
      workload('create', { legacy: side(200), core: side(100), floor: side(50) }),
      workload('memory', { legacy: side(2_000, null), core: side(900, null) }, { unit: 'bytes' }),
    ]);
    expect(verdict).toEqual({ passed: true, failures: [], compared: ['create', 'memory'], failedIds: [] });
  });

  it('fails a workload where core is slower than legacy, naming it and the ratio', () => {
    const verdict = gate([workload('create', { legacy: side(200), core: side(100) }), workload('analysis', { legacy: side(150), core: side(300) })]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(['analysis: core is slower than legacy (legacy/core 0.5×)']);
    expect(verdict.failedIds).toEqual(['analysis']);
  });

  it('treats an exact tie as not slower (ratio 1 passes)', () => {
    expect(gate([workload('atomic', { legacy: side(100), core: side(100) })]).passed).toBe(true);
  });

  it('judges throughput workloads by ops/s, not by p50', () => {
    const verdict = gate([
      workload('concurrent', { legacy: side(1_000, { ops: 200, elapsedNs: 1e6 }), core: side(500, { ops: 100, elapsedNs: 1e6 }) }, { compareBy: 'throughput' }),
    ]);
    expect(verdict.failures).toEqual(['concurrent: core is lower throughput than legacy (legacy/core 0.5×)']);
  });

  it(`fails when core retains more than ${CORE_BYTES_PER_SESSION_LIMIT} bytes per session, even if smaller than legacy`, () => {
    const verdict = gate([workload('memory', { legacy: side(2_500, null), core: side(1_100, null) }, { unit: 'bytes' })]);
    expect(verdict.failures).toEqual(['memory: core retains 1,100 B per session, over the 1,024 B target']);
    expect(gate([workload('memory', { legacy: side(2_500, null), core: side(1_024, null) }, { unit: 'bytes' })]).passed).toBe(true);
  });

  it('fails a workload it cannot compare because a side errored', () => {
    const verdict = gate([workload('get-hit', { legacy: { error: 'cannot import @sessionkit/legacy' }, core: side(10) })]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(['get-hit: cannot compare, legacy: cannot import @sessionkit/legacy']);
    expect(verdict.compared).toEqual([]);
  });

  it('does not fail the store-redis workloads for being slower than memory, skipped or errored', () => {
    const run = [...redisRun(), workload('redis-mutation', { core: side(200), 'core+redis': { error: 'Redis went away' } }, { suite: 'store-redis' })];
    expect(gate(run)).toEqual({ passed: true, failures: [], compared: [], failedIds: [] });
  });

  it('ignores floor-only workloads and rows without legacy (peers and floors alone are never a regression)', () => {
    expect(gate([workload('floor', { floor: side(80) })])).toEqual({ passed: true, failures: [], compared: [], failedIds: [] });
    // core 10× behind its floor and 2× behind lru-cache: reported, not gated
    const reported = checkResults([workload('get-hit', { core: side(1_000), 'lru-cache': side(500), floor: side(100) })]);
    expect(reported.passed).toBe(true);
    expect(reported.targets.filter((outcome) => outcome.met === false).map((outcome) => outcome.target)).toEqual(['in-memory-floor', 'ahead-of-peers']);
  });

  it('fails a lost update by core, in memory or on Redis, at any point of a curve', () => {
    const lost = workload(
      'writers',
      { core: { ...side(300), lostUpdates: { lost: 0, of: 128 } } },
      {
        curves: [{ ...curve('writers', [300, 300], undefined), points: [{ x: 1, sides: { core: { ...side(300), lostUpdates: { lost: 2, of: 128 } } } }] }],
      },
    );
    expect(gate([lost]).failures).toEqual(['writers: core lost updates (writers (sessions = 1): 2 of 128)']);
    const onRedis = workload('redis-writers', { 'core+redis': { error: 'lost updates: 96 analyses recorded, 95 stored' } }, { suite: 'store-redis' });
    expect(gate([onRedis]).failures).toEqual(['redis-writers: core+redis lost updates (redis-writers: lost updates: 96 analyses recorded, 95 stored)']);
    // a peer that loses updates is a figure, not a failure
    const peer = workload('writers', {
      core: { ...side(300), lostUpdates: { lost: 0, of: 128 } },
      'express-session': { ...side(900), lostUpdates: { lost: 120, of: 128 } },
    });
    expect(gate([peer]).passed).toBe(true);
  });

  it('fails a curve that should be flat when core grows more than it may, by the in-process growth when there is one', () => {
    const flat = workload('scale', {}, { curves: [curve('lookup', [300, 900, 2_000, 2_900], 10)] });
    expect(gate([flat]).passed).toBe(true);
    const steep = workload('scale', {}, { curves: [curve('lookup', [300, 900, 2_000, 3_300], 10)] });
    expect(gate([steep]).failures).toEqual(['scale lookup: core 300 ns → 3.3 µs from 1,000 to 1,000,000 sessions (11×, grows more than 10×)']);
    // the same end points, but measured side by side in one process it grew 4×: a busy machine, not a steep curve
    expect(gate([workload('scale', {}, { curves: [curve('lookup', [300, 900, 2_000, 3_300], 10, 4)] })]).passed).toBe(true);
    // no curve has to be flatter than a bare Map's in the same run: 12× passes when the floor grew 9× (bound 13.5×)
    const withFloor = curve('lookup', [300, 900, 2_000, 3_600], 10, 12);
    expect(gate([workload('scale', {}, { curves: [{ ...withFloor, growth: { core: 12, floor: 9 } }] })]).passed).toBe(true);
    expect(gate([workload('scale', {}, { curves: [{ ...withFloor, growth: { core: 14, floor: 9 } }] })]).failures).toEqual([
      'scale lookup: core 300 ns → 3.6 µs from 1,000 to 1,000,000 sessions (14×, grows more than 13.5×; a bare Map grew 9×)',
    ]);
    // curves without a flatness bound (writers, perspectives) are never gated
    expect(gate([workload('perspectives', {}, { curves: [curve('perspectives', [100, 10_000], undefined)] })]).passed).toBe(true);
    // a curve whose core side failed cannot be judged flat
    const broken = workload(
      'scale',
      {},
      {
        curves: [
          {
            ...curve('sweep', [1, 2], 10),
            points: [
              { x: 1_000, sides: { core: { error: 'boom' } } },
              { x: 10_000, sides: { core: side(2) } },
            ],
          },
        ],
      },
    );
    expect(gate([broken]).failures).toEqual(['scale sweep: cannot judge the curve (core at 1000: boom)']);
  });
});
