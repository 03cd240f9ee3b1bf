/**
 * Concurrent writers on ONE session across two processes on Redis: W writers
 * in all (W/2 per process), for W from 2 to 64. Core serialises them within a
 * process on the session's lock and across processes by compare-and-set
 * (retrying a conflict); connect-redis does get + set and loses the updates
 * that interleave; the floor is the least a correct writer does.
 */
import { defineScenarioCurve } from './define.js';
import { connectRedisKeeper, coreKeeper, floorKeeper, pairSide, PROCESSES } from './two-process.js';

const FULL_WRITERS = [2, 4, 8, 16, 32, 64];
const QUICK_WRITERS = [2, 16, 64];

const oneSession =
  (prefix: string, writers: number) =>
  (sample: number): string[] => [`${prefix}-${writers}-${sample}`];

export const redisWritersWorkload = defineScenarioCurve({
  id: 'redis-writers',
  title: `concurrent writers on one session across ${PROCESSES} processes on Redis (lost updates counted)`,
  unit: 'ns/op',
  compareBy: 'throughput',
  notes: [
    'Each sample: one fresh session, 96 analyses recorded on it by W writers in all, W/2 in each of two worker processes (48 per process); compared by throughput; afterwards the session is read back and the updates missing from it are counted.',
    "core+redis: recordAnalysis with a RedisSessionStore per process (the session's lock within a process, compare-and-set across them; conflicts retried). connect-redis: get, append, set (last write wins). Floor: a local copy, one compare-and-set script per change, one change at a time per process.",
    `The row shows 16 writers; the curve runs W = ${FULL_WRITERS.join(', ')} (quick: ${QUICK_WRITERS.join(', ')}).`,
  ],
  budgetMs: { quick: 3_000, full: 12_000 },
  curve: { id: 'redis-writers', title: 'time per update with W writers on one session, two processes', param: 'writers' },
  xs: (ctx) => (ctx.quick ? QUICK_WRITERS : FULL_WRITERS),
  representative: 16,
  plan: (ctx) => ({ warmupSamples: 1, minRounds: 2, maxRounds: ctx.quick ? 2 : 3 }),
  // The worker processes stay up from one point to the next; each point sets the writers per process.
  reuseSides: true,
  factories: (writers) => {
    const inFlight = writers / PROCESSES;
    // A fixed count of updates per sample (the time is a cap): one session's state stays under ~40 KB.
    const sampleMs = 5_000;
    const maxOpsPerProcess = 48;
    const label = 'one, written by both processes';
    return {
      'core+redis': (system, ctx) =>
        pairSide({
          worker: { side: 'core', redis: { url: system.redis.url, keyPrefix: system.redis.keyPrefix } },
          inFlight,
          sampleMs,
          maxOpsPerProcess,
          ids: oneSession('redis-writers-core', writers),
          keeper: coreKeeper(system, ctx.rig),
          sessionsLabel: label,
          mustNotLose: true,
        }),
      async 'connect-redis'(peers, ctx) {
        const redis = { url: ctx.redis?.url ?? '', keyPrefix: `${ctx.redis?.keyPrefix ?? ''}cr:` };
        return pairSide({
          worker: { side: 'connect-redis', redis },
          inFlight,
          sampleMs,
          maxOpsPerProcess,
          ids: oneSession('redis-writers-cr', writers),
          keeper: await connectRedisKeeper(peers, redis.url, redis.keyPrefix),
          sessionsLabel: label,
          mustNotLose: false,
        });
      },
      async floor(ctx) {
        const redis = { url: ctx.redis?.url ?? '', keyPrefix: ctx.redis?.keyPrefix ?? '' };
        if (!ctx.rig) throw new Error('no Redis connection');
        return pairSide({
          worker: { side: 'cas-floor', redis },
          inFlight,
          sampleMs,
          maxOpsPerProcess,
          ids: oneSession('redis-writers-floor', writers),
          keeper: await floorKeeper(ctx.rig, redis.keyPrefix),
          sessionsLabel: label,
          mustNotLose: false,
        });
      },
    };
  },
});
