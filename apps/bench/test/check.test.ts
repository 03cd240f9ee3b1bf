import { describe, expect, it } from 'vitest';
import { checkResults, CORE_BYTES_PER_SESSION_LIMIT } from '../src/check.js';
import { redisRun, side, workload } from './fixtures.js';

describe('checkResults (the --check gate)', () => {
  it('passes when core is faster than legacy everywhere and small enough', () => {
    const verdict = checkResults([
      workload('create', { legacy: side(200), core: side(100), floor: side(50) }),
      workload('memory', { legacy: side(2_000, null), core: side(900, null) }, { unit: 'bytes' }),
    ]);
    expect(verdict).toEqual({ passed: true, failures: [], compared: ['create', 'memory'], failedIds: [] });
  });

  it('fails a workload where core is slower than legacy, naming it and the ratio', () => {
    const verdict = checkResults([
      workload('create', { legacy: side(200), core: side(100) }),
      workload('analysis', { legacy: side(150), core: side(300) }),
    ]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(['analysis: core is slower than legacy (legacy/core 0.5×)']);
    expect(verdict.failedIds).toEqual(['analysis']);
  });

  it('treats an exact tie as not slower (ratio 1 passes)', () => {
    expect(checkResults([workload('atomic', { legacy: side(100), core: side(100) })]).passed).toBe(true);
  });

  it('judges throughput workloads by ops/s, not by p50', () => {
    const verdict = checkResults([
      workload(
        'concurrent',
        { legacy: side(1_000, { ops: 200, elapsedNs: 1e6 }), core: side(500, { ops: 100, elapsedNs: 1e6 }) },
        { compareBy: 'throughput' },
      ),
    ]);
    expect(verdict.failures).toEqual(['concurrent: core is lower throughput than legacy (legacy/core 0.5×)']);
  });

  it(`fails when core retains more than ${CORE_BYTES_PER_SESSION_LIMIT} bytes per session, even if smaller than legacy`, () => {
    const verdict = checkResults([workload('memory', { legacy: side(2_500, null), core: side(1_100, null) }, { unit: 'bytes' })]);
    expect(verdict.failures).toEqual(['memory: core retains 1,100 B per session, over the 1,024 B target']);
    expect(checkResults([workload('memory', { legacy: side(2_500, null), core: side(1_024, null) }, { unit: 'bytes' })]).passed).toBe(true);
  });

  it('fails a workload it cannot compare because a side errored', () => {
    const verdict = checkResults([workload('get-hit', { legacy: { error: 'cannot import @sessionkit/legacy' }, core: side(10) })]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(['get-hit: cannot compare, legacy: cannot import @sessionkit/legacy']);
    expect(verdict.compared).toEqual([]);
  });

  it('does not judge the store-redis workloads: Redis 50× slower than memory, skipped or errored is no regression', () => {
    const run = [...redisRun(), workload('redis-mutation', { core: side(200), 'core+redis': { error: 'Redis went away' } }, { suite: 'store-redis' })];
    expect(checkResults(run)).toEqual({ passed: true, failures: [], compared: [], failedIds: [] });
  });

  it('still fails a legacy-vs-core workload whose legacy side is missing altogether', () => {
    const verdict = checkResults([workload('analysis', { core: side(100) })]);
    expect(verdict.failures).toEqual(['analysis: cannot compare, legacy: not measured']);
  });

  it('ignores floor-only workloads', () => {
    expect(checkResults([workload('floor', { floor: side(80) })])).toEqual({ passed: true, failures: [], compared: [], failedIds: [] });
  });
});
