import { describe, expect, it } from 'vitest';
import { ratiosOf } from '../src/results.js';
import { headline, percentile, ratio, summarize } from '../src/stats.js';
import { side, workload } from './fixtures.js';

describe('percentile', () => {
  it('interpolates linearly between order statistics', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    // rank 0.99 * 99 = 98.01 → 99 + 0.01 * (100 - 99)
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBeCloseTo(99.01, 10);
  });

  it('returns the extremes at 0 and 100 and the only value of a single sample', () => {
    expect(percentile([3, 7, 9], 0)).toBe(3);
    expect(percentile([3, 7, 9], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it('refuses an empty sample and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts, takes p50/p99/mean/min/max and the median absolute deviation', () => {
    const stats = summarize([5, 1, 4, 2, 3], 10, null);
    expect(stats).toMatchObject({ samples: 5, opsPerSample: 10, p50: 3, min: 1, max: 5, mean: 3, opsPerSec: null });
    expect(stats.p99).toBeCloseTo(4.96, 10);
    // |v - 3| = 2,1,0,1,2 → median 1
    expect(stats.mad).toBe(1);
  });

  it('computes ops/s from measured totals, not from the mean', () => {
    // 50 operations in flight finished 1,000 ops in 1 ms: 1e6 ops/s, whatever each one's latency
    const stats = summarize([40_000, 50_000, 60_000], 1, { ops: 1_000, elapsedNs: 1e6 });
    expect(stats.opsPerSec).toBe(1e6);
  });
});

describe('headline', () => {
  it('is p50 for latency workloads and 1e9 / ops/s for throughput workloads', () => {
    const stats = summarize([100, 200, 300], 1, { ops: 4, elapsedNs: 1_000 });
    expect(headline(stats, 'p50')).toBe(200);
    expect(headline(stats, 'throughput')).toBe(250);
  });

  it('refuses a throughput headline without ops/s', () => {
    expect(() => headline(summarize([1], 1, null), 'throughput')).toThrow(/ops\/s/);
  });
});

describe('ratio', () => {
  it('divides, and is null when a side is missing or the divisor is not positive', () => {
    expect(ratio(200, 50)).toBe(4);
    expect(ratio(undefined, 50)).toBeNull();
    expect(ratio(200, undefined)).toBeNull();
    expect(ratio(200, 0)).toBeNull();
    expect(ratio(Number.POSITIVE_INFINITY, 1)).toBeNull();
  });
});

describe('ratiosOf', () => {
  it('gives legacy/core, core/floor and the claimed ratio from headline figures', () => {
    const result = workload('create', { legacy: side(300), core: side(100), floor: side(25) }, { claim: { text: '15 ms → 8 ms', legacy: 15, core: 8 } });
    expect(ratiosOf(result)).toEqual({ legacyOverCore: 3, coreOverFloor: 4, peerOverCore: null, claimed: 1.875, redisOverCore: null });
  });

  it('compares throughput workloads by measured ops/s', () => {
    const result = workload(
      'concurrent',
      {
        legacy: side(1_000, { ops: 100, elapsedNs: 1e6 }), // 100k ops/s → 10 µs per op
        core: side(5_000, { ops: 400, elapsedNs: 1e6 }), // 400k ops/s → 2.5 µs per op, despite a higher p50
      },
      { compareBy: 'throughput' },
    );
    expect(ratiosOf(result).legacyOverCore).toBe(4);
  });

  it('leaves ratios null where a side errored or is absent', () => {
    const result = workload('get-hit', { legacy: { error: 'boom' }, core: side(10) });
    expect(ratiosOf(result)).toEqual({ legacyOverCore: null, coreOverFloor: null, peerOverCore: null, claimed: null, redisOverCore: null });
  });

  it('puts core+redis over core in memory for the store-redis workloads, by throughput where that is the measure', () => {
    expect(ratiosOf(workload('redis-get', { core: side(200), 'core+redis': side(150_000) }, { suite: 'store-redis' })).redisOverCore).toBe(750);
    const throughput = workload(
      'redis-throughput',
      { core: side(5_000, { ops: 1_000, elapsedNs: 1e6 }), 'core+redis': side(300_000, { ops: 4, elapsedNs: 1e6 }) },
      { compareBy: 'throughput', suite: 'store-redis' },
    );
    expect(ratiosOf(throughput).redisOverCore).toBe(250);
  });

  it('takes the best (fastest) peer over core, and on Redis rows judges core+redis against the floor and the peer', () => {
    const inMemory = workload('get-hit', { core: side(1_000), 'lru-cache': side(250), 'express-session': side(4_000), floor: side(100) });
    expect(ratiosOf(inMemory)).toMatchObject({ coreOverFloor: 10, peerOverCore: 0.25 });
    const onRedis = workload(
      'redis-mutation',
      { core: side(200), 'core+redis': side(300_000), 'connect-redis': side(150_000), floor: side(75_000) },
      { suite: 'store-redis' },
    );
    expect(ratiosOf(onRedis)).toMatchObject({ coreOverFloor: 4, peerOverCore: 0.5, redisOverCore: 1_500 });
  });
});
