import type { ScenarioSample } from '../harness.js';
import { WorkerPair } from '../child/throughput-pair.js';
import type { WorkerRun } from '../child/throughput-protocol.js';
import { createCoreSession, type CoreManager } from '../sides/core.js';
import { inParallel, openRedisStore, redisManager, type CoreOnRedis } from '../sides/redis.js';
import { defineScenarioWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

const PROCESSES = 2;
const IN_FLIGHT = 16;
/** Sessions per sample; on Redis both processes write all of them, so some writes collide and are retried. */
const SESSIONS = 128;
const MAX_LATENCIES_PER_WORKER = 10_000;
const SETUP_IN_FLIGHT = 32;

const sampleMs = (ctx: WorkloadContext): number => (ctx.quick ? 300 : 1_000);
const count = (n: number): string => n.toLocaleString('en-US');

/** Fresh ids per sample: every sample starts from small sessions, whatever the previous one recorded. */
function sampleIds(prefix: string, sample: number): string[] {
  return Array.from({ length: SESSIONS }, (_, i) => `${prefix}-${sample}-${i}`);
}

/** Both workers' runs as one sample: latencies of both, operations of both over the longer of their two runs. */
function combine(runs: readonly WorkerRun[]): ScenarioSample {
  return {
    values: runs.flatMap((run) => run.latenciesNs),
    ops: runs.reduce((total, run) => total + run.ops, 0),
    elapsedNs: Math.max(...runs.map((run) => run.elapsedNs)),
  };
}

/**
 * Running totals over every sample the side ran (warm-up included), shown
 * beside its figures. The in-memory side's p50/p99 are over an evenly spread
 * subset of its operations (at most MAX_LATENCIES_PER_WORKER per process per
 * sample), which the per-side table shows as `samples × ops`.
 */
class Totals {
  ops = 0;
  conflicts = 0;
  failures = 0;
  firstFailure: string | undefined;

  add(runs: readonly WorkerRun[]): void {
    for (const run of runs) {
      this.ops += run.ops;
      this.conflicts += run.conflicts;
      this.failures += run.failures;
      this.firstFailure ??= run.firstFailure;
    }
  }

  /** `shared`: whether both processes write the same sessions (then conflicts are possible, and counted). */
  info(sessions: string, shared: boolean): Record<string, string> {
    const share = this.ops > 0 ? ` (${((100 * this.conflicts) / this.ops).toFixed(1)}%)` : '';
    return {
      processes: `${PROCESSES} × ${IN_FLIGHT} in flight`,
      sessions,
      ...(shared ? { 'conflicts retried': `${count(this.conflicts)} in ${count(this.ops)} analyses${share}` } : { analyses: count(this.ops) }),
      failed: this.failures === 0 ? '0' : `${count(this.failures)} (${this.firstFailure ?? 'no message'})`,
    };
  }
}

export const redisThroughputWorkload = defineScenarioWorkload({
  id: 'redis-throughput',
  title: `${PROCESSES} processes × ${IN_FLIGHT} recordAnalysis calls in flight: core on one Redis beside core in memory`,
  unit: 'ns/op',
  compareBy: 'throughput',
  notes: [
    `core+redis: two worker processes, each with its own manager and RedisSessionStore on the same Redis, record analyses on ${SESSIONS} sessions both of them write (picked at random), ${IN_FLIGHT} operations in flight each, for a fixed time per sample; compared by throughput, p50/p99 are per-operation latencies including waiting.`,
    'A write that loses a compare-and-set to the other process is retried by core (the store counts these conflicts); after each sample the sessions are loaded fresh from Redis and the side fails unless they hold exactly the analyses that were recorded (none lost, none doubled).',
    `core: the same two processes with in-memory pools of their own (nothing shared, so nothing collides): what the same load costs without a store. Both sides' samples last as long; sessions are created fresh (untimed) for every sample. The in-memory figure is CPU-bound (two processes on as many cores as the machine lends them), so it moves with the machine's load far more than the Redis one.`,
  ],
  budgetMs: { quick: 1_200, full: 5_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 2 : 3 }),
  async core(_core, ctx) {
    const pair = await WorkerPair.start({ redis: null, inFlight: IN_FLIGHT, maxLatencies: MAX_LATENCIES_PER_WORKER });
    const totals = new Totals();
    let sample = 0;
    return {
      async sample() {
        await pair.prepare(sampleIds('redis-throughput-core', sample));
        const runs = await pair.record(sampleMs(ctx), 0x7a0 + sample++);
        totals.add(runs);
        return { ...combine(runs), info: totals.info(`${SESSIONS} per process, in its own pool`, false) };
      },
      teardown: () => pair.close(),
    };
  },
  async 'core+redis'(system, ctx) {
    const pair = await WorkerPair.start({
      redis: { url: system.redis.url, keyPrefix: system.redis.keyPrefix },
      inFlight: IN_FLIGHT,
      maxLatencies: MAX_LATENCIES_PER_WORKER,
    });
    const totals = new Totals();
    let sample = 0;
    return {
      async sample() {
        const ids = sampleIds('redis-throughput', sample);
        // The parent's store is open only between measurements, so it takes no share of
        // the pub/sub traffic (or the CPU) while the workers record.
        await withManager(system, (manager) => inParallel(ids, SETUP_IN_FLIGHT, (id) => createCoreSession(manager, id)));
        await pair.prepare(ids);
        const runs = await pair.record(sampleMs(ctx), 0x7a0 + sample++);
        const recorded = runs.reduce((total, run) => total + run.ops, 0);
        const held = await withManager(system, async (manager) => {
          const sessions = await inParallel(ids, SETUP_IN_FLIGHT, (id) => manager.requireSession(id));
          const stored = sessions.reduce((total, session) => total + session.analysisCount, 0);
          await inParallel(ids, SETUP_IN_FLIGHT, (id) => manager.removeSession(id));
          return stored;
        });
        if (held !== recorded) throw new Error(`lost updates: ${recorded} analyses recorded, ${held} stored`);
        totals.add(runs);
        return { ...combine(runs), info: totals.info(`${SESSIONS}, written by both processes`, true) };
      },
      teardown: () => pair.close(),
    };
  },
});

/** A manager on a store of its own for one untimed step, closed afterwards. */
async function withManager<T>(system: CoreOnRedis, step: (manager: CoreManager) => Promise<T>): Promise<T> {
  const store = openRedisStore(system);
  const manager = redisManager(system, store);
  try {
    return await step(manager);
  } finally {
    await manager.shutdown().catch(() => undefined);
    await store.close();
  }
}
