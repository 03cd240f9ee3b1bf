/**
 * Every workload's sides run against the real @sessionkit/legacy,
 * @sessionkit/core, the peer packages and (for the store-redis workloads) a
 * real Redis, with the smallest budget: this checks the wiring, not the
 * speed. Each side verifies its own operations (a failed validation, a missed
 * lookup, a version conflict, a lost update where none may be lost or a wrong
 * sweep count throws), so "every side has stats" means every side did what
 * it claims. The big-pool workloads (get-hit, sweep, scale) and the
 * child-process ones are left to `pnpm bench --quick` and
 * test/children.test.ts. The store-redis workloads run against the Redis the
 * bench finds (REDIS_URL, else a private redis-server), through the same
 * runner as `pnpm bench`.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Progress } from '../src/progress.js';
import { acquireRedis, type AcquiredRedis } from '../src/redis/acquire.js';
import type { WorkloadResult } from '../src/results.js';
import { runWorkloads } from '../src/run.js';
import { loadSystems, type Systems } from '../src/systems.js';
import { WORKLOADS } from '../src/workloads/index.js';
import { describeWithRedis } from './support/redis.js';

const silent = (total: number) => new Progress({ write: () => true }, total);

/** Workload id → the sides it measures. */
const CHEAP: Record<string, string[]> = {
  'session-id': ['core', 'floor'],
  create: ['legacy', 'core', 'lru-cache', 'express-session', 'floor'],
  'create-eq': ['legacy', 'core', 'floor'],
  validate: ['legacy', 'core', 'lru-cache', 'express-session', 'floor'],
  'validate-eq': ['legacy', 'core', 'floor'],
  'thread-ops': ['legacy', 'core', 'lru-cache', 'floor'],
  analysis: ['legacy', 'core', 'lru-cache', 'express-session', 'floor'],
  atomic: ['legacy', 'core', 'lru-cache', 'express-session', 'floor'],
  concurrent: ['legacy', 'core', 'floor'],
  contention: ['legacy', 'core', 'floor'],
  writers: ['core', 'lru-cache', 'express-session', 'floor'],
  'analysis-perspectives': ['core', 'lru-cache', 'floor'],
  floor: ['floor'],
};

let systems: Systems;
beforeAll(async () => {
  systems = await loadSystems();
});

describe('workload wiring against the real packages', () => {
  it('loads the systems and the peer packages with every export the bench uses', () => {
    expect(systems.legacy).toMatchObject({ ok: true });
    expect(systems.core).toMatchObject({ ok: true });
    expect(systems.storeRedis).toMatchObject({ ok: true });
    expect(systems.peers).toMatchObject({ ok: true });
  });

  it('keeps the existing workload ids (dashboards read them) and adds the new ones, in-memory rows first, then the curves, then core on Redis', () => {
    const ids = WORKLOADS.map((workload) => workload.id);
    const existing = [
      'create',
      'create-eq',
      'validate',
      'validate-eq',
      'thread-ops',
      'analysis',
      'atomic',
      'get-hit',
      'concurrent',
      'contention',
      'sweep',
      'memory',
      'cold-import',
      'floor',
    ];
    expect(ids.filter((id) => existing.includes(id))).toEqual(existing);
    expect(ids).toEqual(
      expect.arrayContaining([
        'session-id',
        'writers',
        'analysis-perspectives',
        'scale',
        'redis-rtt',
        'redis-create',
        'redis-get',
        'redis-mutation',
        'redis-throughput',
        'redis-writers',
        'mcp-overhead',
        'mcp-scale-out',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const workload of WORKLOADS.filter((w) => !w.id.startsWith('mcp-'))) {
      const redis = workload.id.startsWith('redis-');
      expect(workload.suite, workload.id).toBe(redis ? 'store-redis' : 'legacy-vs-core');
      if (!redis) expect(workload.sides, workload.id).not.toContain('core+redis');
    }
    expect(WORKLOADS.find((workload) => workload.id === 'redis-mutation')?.sides).toEqual([
      'core',
      'core+redis',
      'connect-redis',
      'floor',
      'floor:GET',
      'floor:EVALSHA',
    ]);
  });

  for (const [id, expected] of Object.entries(CHEAP)) {
    it(`${id}: every side runs and is measured`, async () => {
      const workload = WORKLOADS.find((candidate) => candidate.id === id);
      if (!workload) throw new Error(`no workload ${id}`);
      const progress = silent(1).workload(1, id, 0);
      const { sides } = await workload.run({ quick: true, systems, budgetMs: 0, progress, redis: null });
      expect(Object.keys(sides)).toEqual(expected);
      for (const side of expected) {
        const result = sides[side as keyof typeof sides];
        expect(result?.error, `${id} (${side})`).toBeUndefined();
        expect(result?.stats?.samples).toBeGreaterThan(0);
      }
    });
  }

  it('writers: core and lru-cache + async-mutex lose no update from 16 writers on one session; express-session loses some', async () => {
    const workload = WORKLOADS.find((candidate) => candidate.id === 'writers');
    if (!workload) throw new Error('no writers workload');
    const { sides, curves } = await workload.run({ quick: true, systems, budgetMs: 0, progress: silent(1).workload(1, 'writers', 0), redis: null });
    expect(sides.core?.lostUpdates).toMatchObject({ lost: 0 });
    expect(sides['lru-cache']?.lostUpdates).toMatchObject({ lost: 0 });
    expect(sides['express-session']?.lostUpdates?.lost).toBeGreaterThan(0);
    // one writer cannot overwrite itself, whatever the store
    expect(curves?.[0]?.points[0]).toMatchObject({ x: 1, sides: { 'express-session': { lostUpdates: { lost: 0 } } } });
    expect(curves?.[0]?.points.map((point) => point.x)).toEqual([1, 4, 16, 64]);
  });

  it('restores legacy pbkdf2Iterations after the crypto-equalised workloads', () => {
    if (!systems.legacy.ok) throw new Error(systems.legacy.reason);
    expect(systems.legacy.module.getConfig().pbkdf2Iterations).toBe(600_000);
  });
});

const REDIS_WORKLOADS = ['redis-rtt', 'redis-create', 'redis-get', 'redis-mutation', 'redis-throughput', 'redis-writers'];

describe('store-redis workloads without a Redis', () => {
  it('are skipped with the reason, measure nothing and fail nothing', async () => {
    const selected = WORKLOADS.filter((workload) => REDIS_WORKLOADS.includes(workload.id));
    const reason = 'no REDIS_URL and no redis-server on PATH';
    const results = await runWorkloads(selected, { quick: true, systems, progress: silent(selected.length), redis: { ok: false, reason } });
    expect(results.map((result) => [result.id, result.skipped, result.sides])).toEqual(REDIS_WORKLOADS.map((id) => [id, reason, {}]));
  });
});

describeWithRedis('store-redis workloads on a real Redis', () => {
  let redis: AcquiredRedis;
  let results: WorkloadResult[];

  beforeAll(async () => {
    redis = await acquireRedis();
    if (!redis.ok) throw new Error(redis.reason);
    const selected = WORKLOADS.filter((workload) => REDIS_WORKLOADS.includes(workload.id)).map((workload) => ({
      ...workload,
      budgetMs: { quick: 0, full: 0 }, // the fewest rounds: this checks the wiring, not the speed
    }));
    results = await runWorkloads(selected, { quick: true, systems, progress: silent(selected.length), redis });
  });

  afterAll(async () => {
    if (redis?.ok) await redis.release();
  });

  for (const id of REDIS_WORKLOADS) {
    it(`${id}: every side is measured`, () => {
      const result = results.find((candidate) => candidate.id === id);
      const workload = WORKLOADS.find((candidate) => candidate.id === id);
      expect(result?.skipped).toBeUndefined();
      expect(Object.keys(result?.sides ?? {})).toEqual(workload?.sides);
      for (const side of workload?.sides ?? []) {
        expect(result?.sides[side]?.error, `${id} (${side})`).toBeUndefined();
        expect(result?.sides[side]?.stats?.samples).toBeGreaterThan(0);
      }
    });
  }

  it('core on Redis is slower than core in memory (a ratio below 1 would mean the sides are swapped)', () => {
    for (const id of ['redis-create', 'redis-get', 'redis-mutation']) {
      const result = results.find((candidate) => candidate.id === id);
      expect(result?.sides['core+redis']?.stats?.p50, id).toBeGreaterThan(result?.sides.core?.stats?.p50 ?? Infinity);
    }
    const throughput = results.find((candidate) => candidate.id === 'redis-throughput');
    expect(throughput?.sides['core+redis']?.stats?.opsPerSec).toBeLessThan(throughput?.sides.core?.stats?.opsPerSec ?? 0);
  });

  it('redis-writers: core on Redis and the compare-and-set floor lose nothing from two processes; connect-redis loses updates', () => {
    const result = results.find((candidate) => candidate.id === 'redis-writers');
    expect(result?.sides['core+redis']?.lostUpdates).toMatchObject({ lost: 0 });
    expect(result?.sides.floor?.lostUpdates).toMatchObject({ lost: 0 });
    expect(result?.sides['connect-redis']?.lostUpdates?.lost).toBeGreaterThan(0);
    for (const point of result?.curves?.[0]?.points ?? []) expect(point.sides['core+redis']?.lostUpdates?.lost, `${point.x} writers`).toBe(0);
  });

  it('redis-throughput reports the conflicts it retried, from two processes writing the same sessions', () => {
    const info = results.find((result) => result.id === 'redis-throughput')?.sides['core+redis']?.info;
    expect(info).toMatchObject({
      processes: '2 × 16 in flight',
      'conflicts retried': expect.stringMatching(/^[\d,]+ in [\d,]+ analyses \(\d+\.\d%\)$/),
      failed: '0',
    });
  });

  it("writes under a key prefix of each workload's own, below the run's (which release() cleans up)", async () => {
    if (!redis.ok) throw new Error(redis.reason);
    const { url, keyPrefix } = redis.target;
    const client = new Redis(url);
    try {
      const keys = await client.keys(`${keyPrefix}*`);
      const owners = new Set(keys.map((key) => key.slice(keyPrefix.length).split(':')[0]));
      expect([...owners].filter((owner) => !REDIS_WORKLOADS.includes(owner ?? ''))).toEqual([]);
      // create and get leave their stored sessions; mutation and the two-process workloads remove theirs as they go.
      expect(owners).toContain('redis-create');
      expect(keys.filter((key) => key.startsWith(`${keyPrefix}redis-throughput:`) && !key.includes('invalidations') && !key.includes('index'))).toEqual([]);
      expect(keys.filter((key) => key.startsWith(`${keyPrefix}redis-get:{redis-get-`))).toHaveLength(1_000);
    } finally {
      client.disconnect();
    }
  });
});
