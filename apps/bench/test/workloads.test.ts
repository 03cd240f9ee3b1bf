/**
 * Every workload's three sides run against the real @sessionkit/legacy and
 * @sessionkit/core (built dist), with the smallest budget: this checks the
 * wiring, not the speed. Each side verifies its own operations (a failed
 * validation, a missed lookup, a version conflict or a wrong sweep count
 * throws), so "every side has stats" means every side did what it claims.
 * The 100k-session workloads (get-hit, sweep) and the child-process ones
 * are left to `pnpm bench --quick` and test/children.test.ts. The store-redis
 * workloads run against the Redis the bench finds (REDIS_URL, else a private
 * redis-server), through the same runner as `pnpm bench`.
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

const CHEAP = ['create', 'create-eq', 'validate', 'validate-eq', 'thread-ops', 'analysis', 'atomic', 'concurrent', 'contention', 'floor'];

let systems: Systems;
beforeAll(async () => {
  systems = await loadSystems();
});

describe('workload wiring against the real packages', () => {
  it('loads the systems with every export the bench uses', () => {
    expect(systems.legacy).toMatchObject({ ok: true });
    expect(systems.core).toMatchObject({ ok: true });
    expect(systems.storeRedis).toMatchObject({ ok: true });
  });

  it('lists the legacy-vs-core workloads, then the store-redis ones, then the MCP deployment ones', () => {
    expect(WORKLOADS.map((workload) => workload.id)).toEqual([
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
      'redis-create',
      'redis-get',
      'redis-mutation',
      'redis-throughput',
      'mcp-overhead',
      'mcp-scale-out',
    ]);
    for (const workload of WORKLOADS.filter((w) => !w.id.startsWith('mcp-'))) {
      const redis = workload.id.startsWith('redis-');
      expect(workload.suite, workload.id).toBe(redis ? 'store-redis' : 'legacy-vs-core');
      if (redis) expect(workload.sides, workload.id).toEqual(['core', 'core+redis']);
      else expect(workload.sides, workload.id).not.toContain('core+redis');
    }
  });

  for (const id of CHEAP) {
    it(`${id}: every side runs and is measured`, async () => {
      const workload = WORKLOADS.find((candidate) => candidate.id === id);
      if (!workload) throw new Error(`no workload ${id}`);
      const progress = silent(1).workload(1, id, 0);
      const sides = await workload.run({ quick: true, systems, budgetMs: 0, progress, redis: null });
      const expected = id === 'floor' ? ['floor'] : ['legacy', 'core', 'floor'];
      expect(Object.keys(sides).sort()).toEqual([...expected].sort());
      for (const side of expected) {
        const result = sides[side as keyof typeof sides];
        expect(result?.error, `${id} (${side})`).toBeUndefined();
        expect(result?.stats?.samples).toBeGreaterThan(0);
      }
    });
  }

  it('restores legacy pbkdf2Iterations after the crypto-equalised workloads', () => {
    if (!systems.legacy.ok) throw new Error(systems.legacy.reason);
    expect(systems.legacy.module.getConfig().pbkdf2Iterations).toBe(600_000);
  });
});

const REDIS_WORKLOADS = ['redis-create', 'redis-get', 'redis-mutation', 'redis-throughput'];

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
    it(`${id}: core in memory and core on Redis are both measured, Redis slower`, () => {
      const result = results.find((candidate) => candidate.id === id);
      expect(result?.skipped).toBeUndefined();
      expect(Object.keys(result?.sides ?? {}).sort()).toEqual(['core', 'core+redis']);
      for (const side of ['core', 'core+redis'] as const) {
        expect(result?.sides[side]?.error, `${id} (${side})`).toBeUndefined();
        expect(result?.sides[side]?.stats?.samples).toBeGreaterThan(0);
      }
      // A network round trip cannot beat a Map lookup: a ratio below 1 would mean the sides are swapped.
      const core = result?.sides.core?.stats;
      const onRedis = result?.sides['core+redis']?.stats;
      if (id === 'redis-throughput') expect(onRedis?.opsPerSec).toBeLessThan(core?.opsPerSec ?? 0);
      else expect(onRedis?.p50).toBeGreaterThan(core?.p50 ?? Infinity);
    });
  }

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
      // create and get leave their stored sessions; mutation and throughput remove theirs as they go.
      expect(owners).toContain('redis-create');
      expect(keys.filter((key) => key.startsWith(`${keyPrefix}redis-get:{redis-get-`))).toHaveLength(1_000);
    } finally {
      client.disconnect();
    }
  });
});
