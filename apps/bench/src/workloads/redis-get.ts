import { shuffledIndices } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
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
  title: 'get a session this process has not seen: core on Redis (cold load) beside core in memory (pool hit)',
  notes: [
    `core+redis: ${STORED.toLocaleString('en-US')} sessions are stored (untimed) by one manager; a second manager, on a store of its own with an empty cache, reads them in a seeded random order, one getSession per sample: a cache miss, one round trip to load, and restoring the state.`,
    'Once it has read them all, the reader is replaced (untimed) by a fresh manager, so every timed read is a load; the side fails if the store counted fewer loads than reads.',
    `core: manager.getSession on an in-memory pool of ${STORED.toLocaleString('en-US')} sessions, same order: in memory a session a process knows of is always in its pool (see \`get-hit\` for 100,000).`,
  ],
  budgetMs: { quick: 800, full: 3_000 },
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
  async 'core+redis'(system) {
    const { ids, order } = lookupOrder('redis-get');
    const writerStore = openRedisStore(system);
    await closingOnFailure(writerStore, async () => {
      const writer = redisManager(system, writerStore);
      await inParallel(ids, SETUP_IN_FLIGHT, (id) => createCoreSession(writer, id));
      await writer.shutdown();
    });
    await writerStore.close();

    const store = openRedisStore(system);
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
});
