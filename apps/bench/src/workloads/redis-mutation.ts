import type { BatchSide } from '../harness.js';
import { idSequence, PROMPT, RESPONSES } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
import { closingOnFailure, inParallel, openRedisStore, REDIS_CAPACITY, redisManager } from '../sides/redis.js';
import { defineBatchWorkload } from './define.js';

/**
 * Analyses go round-robin to a pool of sessions that is replaced (untimed)
 * once each holds this many: a write on Redis serialises the whole state,
 * so sessions stay small and every sample costs the same on both sides.
 */
const POOL = 100;
const ANALYSES_PER_SESSION = 10;
const SETUP_IN_FLIGHT = 32;

/** The same recording loop for both sides; it checks that every analysis it timed was kept. */
async function recordingSide(manager: CoreManager, idPrefix: string): Promise<BatchSide> {
  const nextId = idSequence(idPrefix);
  const freshPool = (): Promise<CoreSession[]> => {
    const ids = Array.from({ length: POOL }, () => nextId());
    return inParallel(ids, SETUP_IN_FLIGHT, (id) => createCoreSession(manager, id));
  };
  let pool = await freshPool();
  let recorded = 0;
  return {
    async batch(n) {
      for (let i = 0; i < n; i++) {
        await (pool[(recorded + i) % POOL] as CoreSession).recordAnalysis(PROMPT, { ...RESPONSES }, 1.25);
      }
      recorded += n;
    },
    async afterBatch() {
      if (recorded < POOL * ANALYSES_PER_SESSION) return;
      const held = pool.reduce((total, session) => total + session.analysisCount, 0);
      if (held !== recorded) throw new Error(`${recorded} analyses recorded, ${held} held by the sessions`);
      await inParallel(pool, SETUP_IN_FLIGHT, (session) => manager.removeSession(session.sessionId));
      pool = await freshPool();
      recorded = 0;
    },
  };
}

export const redisMutationWorkload = defineBatchWorkload({
  id: 'redis-mutation',
  title: 'record an analysis: core on Redis (compare-and-set write) beside core in memory',
  notes: [
    'core+redis: session.recordAnalysis with a RedisSessionStore, one per sample: the change is applied to a copy of the state and written with one compare-and-set script (one round trip); p50/p99 are single round-trip latencies.',
    `core: the same call on the in-memory pool, batched like \`analysis\`. Both sides spread analyses over ${POOL} sessions, replaced (untimed) once each holds ${ANALYSES_PER_SESSION}, and fail if a session holds fewer analyses than were recorded.`,
  ],
  budgetMs: { quick: 800, full: 3_000 },
  core(core) {
    return recordingSide(coreManager(core, REDIS_CAPACITY), 'redis-mutation-core');
  },
  async 'core+redis'(system) {
    const store = openRedisStore(system);
    const manager = redisManager(system, store);
    const side = await closingOnFailure(store, () => recordingSide(manager, 'redis-mutation'));
    return {
      ...side,
      maxBatchSize: 1,
      async teardown() {
        await manager.shutdown();
        await store.close();
      },
    };
  },
});
