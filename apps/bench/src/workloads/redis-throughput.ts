import type { WorkloadContext } from './types.js';
import { defineScenarioWorkload } from './define.js';
import { connectRedisKeeper, coreKeeper, floorKeeper, pairSide, PROCESSES } from './two-process.js';

const IN_FLIGHT = 16;
/** Sessions per sample; on Redis both processes write all of them, so some writes collide. */
const SESSIONS = 128;

const sampleMs = (ctx: WorkloadContext): number => (ctx.quick ? 300 : 1_000);

/** Fresh ids per sample: every sample starts from small sessions, whatever the previous one recorded. */
const sampleIds =
  (prefix: string) =>
  (sample: number): string[] =>
    Array.from({ length: SESSIONS }, (_, i) => `${prefix}-${sample}-${i}`);

const shared = `${SESSIONS}, written by both processes`;

export const redisThroughputWorkload = defineScenarioWorkload({
  id: 'redis-throughput',
  title: `${PROCESSES} processes × ${IN_FLIGHT} recordAnalysis calls in flight: core on one Redis beside core in memory, connect-redis and the compare-and-set floor`,
  unit: 'ns/op',
  compareBy: 'throughput',
  notes: [
    `core+redis: two worker processes, each with its own manager and RedisSessionStore on the same Redis, record analyses on ${SESSIONS} sessions both of them write (picked at random), ${IN_FLIGHT} operations in flight each, for a fixed time per sample; compared by throughput, p50/p99 are per-operation latencies including waiting.`,
    'A write that loses a compare-and-set to the other process is retried by core (the store counts these conflicts); after each sample the sessions are loaded fresh from Redis and the side fails unless they hold exactly the analyses that were recorded (none lost, none doubled).',
    "connect-redis: the same two processes doing get, append, set through express-session's connect-redis store (last write wins): its lost updates are counted, not retried. Floor: the same two processes with the least a correct writer does (a local copy, one compare-and-set script per change, the stored state adopted on a conflict).",
    `core: the same two processes with in-memory pools of their own (nothing shared, so nothing collides): what the same load costs without a store. It is CPU-bound, so it moves with the machine's load far more than the Redis figures.`,
  ],
  budgetMs: { quick: 1_600, full: 6_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 2 : 3 }),
  core: (_core, ctx) =>
    pairSide({
      worker: { side: 'core', redis: null },
      inFlight: IN_FLIGHT,
      sampleMs: sampleMs(ctx),
      ids: sampleIds('redis-throughput-core'),
      keeper: null,
      sessionsLabel: `${SESSIONS} per process, in its own pool`,
      mustNotLose: true,
    }),
  'core+redis': (system, ctx) =>
    pairSide({
      worker: { side: 'core', redis: { url: system.redis.url, keyPrefix: system.redis.keyPrefix } },
      inFlight: IN_FLIGHT,
      sampleMs: sampleMs(ctx),
      ids: sampleIds('redis-throughput'),
      keeper: coreKeeper(system, ctx.rig),
      sessionsLabel: shared,
      mustNotLose: true,
    }),
  async 'connect-redis'(peers, ctx) {
    const redis = { url: ctx.redis?.url ?? '', keyPrefix: `${ctx.redis?.keyPrefix ?? ''}cr:` };
    return pairSide({
      worker: { side: 'connect-redis', redis },
      inFlight: IN_FLIGHT,
      sampleMs: sampleMs(ctx),
      ids: sampleIds('redis-throughput-cr'),
      keeper: await connectRedisKeeper(peers, redis.url, redis.keyPrefix),
      sessionsLabel: shared,
      mustNotLose: false,
    });
  },
  async floor(ctx) {
    const redis = { url: ctx.redis?.url ?? '', keyPrefix: ctx.redis?.keyPrefix ?? '' };
    if (!ctx.rig) throw new Error('no Redis connection');
    return pairSide({
      worker: { side: 'cas-floor', redis },
      inFlight: IN_FLIGHT,
      sampleMs: sampleMs(ctx),
      ids: sampleIds('redis-throughput-floor'),
      keeper: await floorKeeper(ctx.rig, redis.keyPrefix),
      sessionsLabel: shared,
      mustNotLose: false,
    });
  },
});
