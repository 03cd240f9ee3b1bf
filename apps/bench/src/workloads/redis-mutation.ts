import type { BatchSide } from '../harness.js';
import { HOUR_MS, idSequence, PROMPT, RESPONSES } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
import { floorState, recordFloorAnalysis, type FloorState } from '../sides/floor-state.js';
import { ConnectRedisPeer } from '../sides/peers/connect-redis.js';
import { recordPeerAnalysis } from '../sides/peers/record.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import { closingOnFailure, inParallel, openRedisStore, REDIS_CAPACITY, redisManager } from '../sides/redis.js';
import { defineBatchWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

/**
 * Analyses go round-robin to a pool of sessions that is replaced (untimed)
 * once each holds this many: a write on Redis serialises the whole state,
 * so sessions stay small and every sample costs the same on every side.
 */
const POOL = 100;
const ANALYSES_PER_SESSION = 10;
const SETUP_IN_FLIGHT = 32;

/** The same loop for every side: record on the pool round-robin, replace the pool (untimed) when it is full, check nothing was lost. */
async function roundRobin<T>(
  freshOne: (id: string) => Promise<T>,
  recordOn: (target: T) => Promise<unknown>,
  heldBy: (pool: T[]) => Promise<number> | number,
  idPrefix: string,
): Promise<BatchSide> {
  const nextId = idSequence(idPrefix);
  const freshPool = (): Promise<T[]> =>
    inParallel(
      Array.from({ length: POOL }, () => nextId()),
      SETUP_IN_FLIGHT,
      freshOne,
    );
  let pool = await freshPool();
  let recorded = 0;
  return {
    async batch(n) {
      for (let i = 0; i < n; i++) await recordOn(pool[(recorded + i) % POOL] as T);
      recorded += n;
    },
    async afterBatch() {
      if (recorded < POOL * ANALYSES_PER_SESSION) return;
      const held = await heldBy(pool);
      if (held !== recorded) throw new Error(`${recorded} analyses recorded, ${held} held by the sessions`);
      pool = await freshPool();
      recorded = 0;
    },
  };
}

/** Core's side, in memory or on Redis: sessions removed when the pool is replaced. */
function coreSide(manager: CoreManager, idPrefix: string): Promise<BatchSide> {
  return roundRobin<CoreSession>(
    (id) => createCoreSession(manager, id),
    (session) => session.recordAnalysis(PROMPT, { ...RESPONSES }, 1.25),
    async (pool) => {
      const held = pool.reduce((total, session) => total + session.analysisCount, 0);
      await inParallel(pool, SETUP_IN_FLIGHT, (session) => manager.removeSession(session.sessionId));
      return held;
    },
    idPrefix,
  );
}

async function openFloor(ctx: WorkloadContext): Promise<{ floor: RedisFloor; prefix: string }> {
  if (!ctx.rig) throw new Error('no Redis connection');
  const prefix = ctx.redis?.keyPrefix ?? '';
  return { floor: await RedisFloor.open(ctx.rig.client, prefix), prefix };
}

export const redisMutationWorkload = defineBatchWorkload({
  id: 'redis-mutation',
  title: 'record an analysis: core on Redis (compare-and-set write) beside core in memory, connect-redis and the compare-and-set floor',
  notes: [
    'core+redis: session.recordAnalysis with a RedisSessionStore, one per sample: the change is applied to a copy of the state and written with one compare-and-set script (one round trip); p50/p99 are single round-trip latencies.',
    'connect-redis: get, append the same record, set (two round trips, last write wins). Floor: the minimal compare-and-set doing the same work on the same connection as core+redis: the same state JSON with the same record appended, one script that reads `rev`, writes the state and the next `rev` and publishes an invalidation (to a channel with a listener). floor:GET and floor:EVALSHA are one raw round trip each (a GET of a ~1 KB value, a script that does nothing).',
    `core: the same call on the in-memory pool, batched like \`analysis\`. Every side spreads analyses over ${POOL} sessions, replaced (untimed) once each holds ${ANALYSES_PER_SESSION}, and fails if a session holds fewer analyses than were recorded.`,
  ],
  budgetMs: { quick: 1_500, full: 5_000 },
  core(core) {
    return coreSide(coreManager(core, REDIS_CAPACITY), 'redis-mutation-core');
  },
  async 'core+redis'(system, ctx) {
    const store = openRedisStore(system, ctx.rig?.client);
    const manager = redisManager(system, store);
    const side = await closingOnFailure(store, () => coreSide(manager, 'redis-mutation'));
    return {
      ...side,
      maxBatchSize: 1,
      async teardown() {
        await manager.shutdown();
        await store.close();
      },
    };
  },
  async 'connect-redis'(peers, ctx) {
    const peer = await ConnectRedisPeer.open(peers, ctx.redis?.url ?? '', `${ctx.redis?.keyPrefix ?? ''}cr:`);
    const side = await roundRobin<string>(
      async (id) => (await peer.create(id)).id,
      (id) => peer.update(id, (session) => recordPeerAnalysis(session, PROMPT, RESPONSES, Date.now())),
      async (ids) => {
        const sessions = await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.get(id));
        await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.destroy(id));
        return sessions.reduce((total, session) => total + (session?.analyses.length ?? 0), 0);
      },
      'redis-mutation-cr',
    );
    return { ...side, maxBatchSize: 1, teardown: () => peer.close() };
  },
  async floor(ctx) {
    const { floor, prefix } = await openFloor(ctx);
    interface Doc {
      key: string;
      state: FloorState;
      rev: number;
    }
    const side = await roundRobin<Doc>(
      async (id) => {
        const doc = { key: floorKey(prefix, id), state: floorState(id), rev: 1 };
        await floor.create(doc.key, JSON.stringify(doc.state), Date.now() + HOUR_MS);
        return doc;
      },
      async (doc) => {
        recordFloorAnalysis(doc.state);
        const reply = await floor.cas(doc.key, doc.rev, JSON.stringify(doc.state), doc.key);
        if (!reply.ok) throw new Error(`floor conflict on ${doc.key}`);
        doc.rev = reply.rev;
      },
      (docs) => docs.reduce((total, doc) => total + doc.state.analyses.length, 0),
      'redis-mutation-floor',
    );
    return { ...side, maxBatchSize: 1, teardown: () => floor.close() };
  },
  floors: {
    async 'floor:GET'(ctx) {
      const { floor, prefix } = await openFloor(ctx);
      const key = floorKey(prefix, 'raw-get');
      await floor.set(key, JSON.stringify(floorState('raw-get')));
      return {
        maxBatchSize: 1,
        async batch(n) {
          for (let i = 0; i < n; i++) if ((await floor.get(key)) === null) throw new Error('floor GET found nothing');
        },
        teardown: () => floor.close(),
      };
    },
    async 'floor:EVALSHA'(ctx) {
      const { floor } = await openFloor(ctx);
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
