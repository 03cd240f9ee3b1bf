import { idSequence } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager } from '../sides/core.js';
import { openRedisStore, REDIS_CAPACITY, redisManager } from '../sides/redis.js';
import { defineBatchWorkload } from './define.js';

/** Local pools are replaced (untimed) once this many sessions were created, so memory stays flat. */
const POOL_RESET_AT = 10_000;

export const redisCreateWorkload = defineBatchWorkload({
  id: 'redis-create',
  title: 'create a session with a client binding: core on Redis beside core in memory',
  notes: [
    'core+redis: manager.createSession with a RedisSessionStore, one create per sample (two round trips: reserve a place in the index, then create the session hash if absent), so p50/p99 are single round-trip latencies.',
    'core: the same call on the in-memory pool, batched like `create`.',
  ],
  budgetMs: { quick: 800, full: 3_000 },
  core(core) {
    const nextId = idSequence('redis-create-core');
    let manager = coreManager(core, REDIS_CAPACITY);
    let created = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await createCoreSession(manager, nextId());
        created += n;
      },
      afterBatch() {
        if (created >= POOL_RESET_AT) {
          manager = coreManager(core, REDIS_CAPACITY);
          created = 0;
        }
      },
    };
  },
  'core+redis'(system) {
    const nextId = idSequence('redis-create');
    const store = openRedisStore(system);
    let manager: CoreManager = redisManager(system, store);
    let created = 0;
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) await createCoreSession(manager, nextId());
        created += n;
      },
      async afterBatch() {
        // Only this process's copies go; the stored sessions stay until the run's Redis is cleaned up.
        if (created >= POOL_RESET_AT) {
          await manager.shutdown();
          manager = redisManager(system, store);
          created = 0;
        }
      },
      async teardown() {
        await manager.shutdown();
        await store.close();
      },
    };
  },
});
