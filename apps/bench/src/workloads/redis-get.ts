import { shuffledIndices } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
import { floorState } from '../sides/floor-state.js';
import { ConnectRedisPeer } from '../sides/peers/connect-redis.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import { closingOnFailure, inParallel, openRedisStore, redisManager } from '../sides/redis.js';
import { defineBatchWorkload } from './define.js';

/** Sessions stored once (untimed); each is read cold once per reader, then the reader is replaced. */
const STORED = 1_000;
/** Creates in flight while storing them: set-up in a few round trips' time, not STORED of them. */
const SETUP_IN_FLIGHT = 32;

function lookupOrder(prefix: string): { ids: string[]; order: Uint32Array } {
  return { ids: Array.from({ length: STORED }, (_, i) => `${prefix}-${i}`), order: shuffledIndices(STORED, 0x9e7) };
}

export const redisGetWorkload = defineBatchWorkload({
  id: 'redis-get',
  title: 'get a session this process has not seen: core on Redis (cold load) beside core in memory (pool hit), connect-redis and the floor',
  notes: [
    `core+redis: ${STORED.toLocaleString('en-US')} sessions are stored (untimed) by one manager; a second manager, with an empty cache, reads them in a seeded random order, one getSession per sample: a cache miss, one round trip to load, and restoring the state.`,
    'Once it has read them all, the reader is replaced (untimed) by a fresh manager, so every timed read is a load; the side fails if the store counted fewer loads than reads.',
    `connect-redis: the store's get (a GET and JSON.parse) of stored sessions, same order. Floor: a GET of a stored ~850-byte state and its JSON.parse, on the same connection as core+redis; floor:EVALSHA: a script that does nothing, the raw round trip.`,
    `core: manager.getSession on an in-memory pool of ${STORED.toLocaleString('en-US')} sessions, same order: in memory a session a process knows of is always in its pool (see \`get-hit\` for 100,000).`,
  ],
  budgetMs: { quick: 1_000, full: 3_000 },
  async core(core) {
    const { ids, order } = lookupOrder('redis-get-core');
    const manager = coreManager(core, STORED);
    for (const id of ids) await createCoreSession(manager, id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session: CoreSession | null = await manager.getSession(ids[order[cursor++ % STORED] as number] as string);
          if (session === null) throw new Error('core lookup missed');
        }
      },
    };
  },
  async 'core+redis'(system, ctx) {
    const { ids, order } = lookupOrder('redis-get');
    const writerStore = openRedisStore(system);
    await closingOnFailure(writerStore, async () => {
      const writer = redisManager(system, writerStore);
      await inParallel(ids, SETUP_IN_FLIGHT, (id) => createCoreSession(writer, id));
      await writer.shutdown();
    });
    await writerStore.close();

    const store = openRedisStore(system, ctx.rig?.client);
    let reader: CoreManager = redisManager(system, store);
    const loadsBefore = store.counters.loads;
    let reads = 0;
    let cursor = 0;
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session: CoreSession | null = await reader.getSession(ids[order[cursor++] as number] as string);
          if (session === null) throw new Error('core+redis found no stored session');
        }
        reads += n;
      },
      async afterBatch() {
        if (cursor >= STORED) {
          await reader.shutdown(); // drops this process's copies only
          reader = redisManager(system, store);
          cursor = 0;
        }
      },
      async teardown() {
        const loads = store.counters.loads - loadsBefore;
        await reader.shutdown();
        await store.close();
        if (loads < reads) throw new Error(`${reads - loads} of ${reads} reads were served from the cache, not loaded`);
      },
    };
  },
  async 'connect-redis'(peers, ctx) {
    const { ids, order } = lookupOrder('redis-get-cr');
    const peer = await ConnectRedisPeer.open(peers, ctx.redis?.url ?? '', `${ctx.redis?.keyPrefix ?? ''}cr:`);
    await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.create(id));
    let cursor = 0;
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          if ((await peer.get(ids[order[cursor++ % STORED] as number] as string)) === undefined) throw new Error('connect-redis found no stored session');
        }
      },
      teardown: () => peer.close(),
    };
  },
  async floor(ctx) {
    const rig = ctx.rig;
    if (!rig) throw new Error('no Redis connection');
    const prefix = ctx.redis?.keyPrefix ?? '';
    const { ids, order } = lookupOrder('redis-get-floor');
    const floor = await RedisFloor.open(rig.client, prefix);
    await inParallel(ids, SETUP_IN_FLIGHT, (id) => floor.set(floorKey(prefix, id), JSON.stringify(floorState(id))));
    let cursor = 0;
    return {
      maxBatchSize: 1,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const text = await floor.get(floorKey(prefix, ids[order[cursor++ % STORED] as number] as string));
          if (text === null || typeof JSON.parse(text) !== 'object') throw new Error('floor found no stored state');
        }
      },
      teardown: () => floor.close(),
    };
  },
  floors: {
    async 'floor:EVALSHA'(ctx) {
      if (!ctx.rig) throw new Error('no Redis connection');
      const floor = await RedisFloor.open(ctx.rig.client, ctx.redis?.keyPrefix ?? '');
      return {
        maxBatchSize: 1,
        async batch(n) {
          for (let i = 0; i < n; i++) await floor.noop();
        },
        teardown: () => floor.close(),
      };
    },
  },
});
