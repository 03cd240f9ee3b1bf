import { HOUR_MS, idSequence } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager } from '../sides/core.js';
import { floorState } from '../sides/floor-state.js';
import { ConnectRedisPeer } from '../sides/peers/connect-redis.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import { openRedisStore, REDIS_CAPACITY, redisManager } from '../sides/redis.js';
import { defineBatchWorkload } from './define.js';

/** Local pools are replaced (untimed) once this many sessions were created, so memory stays flat. */
const POOL_RESET_AT = 10_000;

export const redisCreateWorkload = defineBatchWorkload({
  id: 'redis-create',
  title: 'create a session with a client binding: core on Redis beside core in memory, connect-redis and the floor',
  notes: [
    'core+redis: manager.createSession with a RedisSessionStore, one create per sample (two round trips: reserve a place in the index, then create the session hash if absent), so p50/p99 are single round-trip latencies.',
    "connect-redis: a new session (with its cookie and an HMAC binding) stored with the store's set (one SET with an expiry). Floor: the state core would store (~850 bytes, a freshly signed binding) written by one create-if-absent script (EXISTS, HSET, PEXPIREAT) on the same connection as core+redis.",
    'core: the same call on the in-memory pool, batched like `create`.',
  ],
  budgetMs: { quick: 1_000, full: 3_000 },
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
  'core+redis'(system, ctx) {
    const nextId = idSequence('redis-create');
    const store = openRedisStore(system, ctx.rig?.client);
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
  async 'connect-redis'(peers, ctx) {
    const nextId = idSequence('redis-create-cr');
    const peer = await ConnectRedisPeer.open(peers, ctx.redis?.url ?? '', `${ctx.redis?.keyPrefix ?? ''}cr:`);
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) await peer.create(nextId());
      },
      teardown: () => peer.close(),
    };
  },
  async floor(ctx) {
    const rig = ctx.rig;
    if (!rig) throw new Error('no Redis connection');
    const prefix = ctx.redis?.keyPrefix ?? '';
    const floor = await RedisFloor.open(rig.client, prefix);
    const nextId = idSequence('redis-create-floor');
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const id = nextId();
          if (!(await floor.create(floorKey(prefix, id), JSON.stringify(floorState(id)), Date.now() + HOUR_MS))) {
            throw new Error(`floor session ${id} existed`);
          }
        }
      },
      teardown: () => floor.close(),
    };
  },
});
