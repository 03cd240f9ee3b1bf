/**
 * Sides of the two-process workloads (`redis-throughput`, `redis-writers`):
 * two worker processes (child/throughput-worker.ts) record analyses on the
 * same sessions for a fixed time per sample, and afterwards the parent reads
 * the sessions back and counts what was lost. The parent's part differs per
 * side: how sessions are created before a sample, and read after it.
 */
import { WorkerPair } from '../child/throughput-pair.js';
import type { WorkerConfig, WorkerRun } from '../child/throughput-protocol.js';
import type { ScenarioSample, ScenarioSide } from '../harness.js';
import { createCoreSession, type CoreManager } from '../sides/core.js';
import { floorState, type FloorState } from '../sides/floor-state.js';
import { ConnectRedisPeer } from '../sides/peers/connect-redis.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import { inParallel, openRedisStore, redisManager, type CoreOnRedis, type RedisRig } from '../sides/redis.js';
import { HOUR_MS } from '../fixtures.js';
import type { PeerModules } from '../systems.js';

export const PROCESSES = 2;
const MAX_LATENCIES_PER_WORKER = 10_000;
const SETUP_IN_FLIGHT = 32;
const count = (n: number): string => n.toLocaleString('en-US');

/** The parent's part of a side: sessions made before a sample, counted (and removed) after it. */
export interface SessionKeeper {
  create(ids: readonly string[]): Promise<void>;
  /** Analyses the sessions hold, read fresh from the store; removes them. */
  collect(ids: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

/** Both workers' runs as one sample: latencies of both, operations of both over the longer of their two runs. */
function combine(runs: readonly WorkerRun[]): ScenarioSample {
  return {
    values: runs.flatMap((run) => run.latenciesNs),
    ops: runs.reduce((total, run) => total + run.ops, 0),
    elapsedNs: Math.max(...runs.map((run) => run.elapsedNs)),
  };
}

/** Running totals over every sample the side ran (warm-up included), shown beside its figures. */
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

  info(inFlight: number, sessions: string, checksConflicts: boolean): Record<string, string> {
    const share = this.ops > 0 ? ` (${((100 * this.conflicts) / this.ops).toFixed(1)}%)` : '';
    return {
      processes: `${PROCESSES} × ${inFlight} in flight`,
      sessions,
      ...(checksConflicts ? { 'conflicts retried': `${count(this.conflicts)} in ${count(this.ops)} analyses${share}` } : { analyses: count(this.ops) }),
      failed: this.failures === 0 ? '0' : `${count(this.failures)} (${this.firstFailure ?? 'no message'})`,
    };
  }
}

export interface PairSideOptions {
  worker: Pick<WorkerConfig, 'side' | 'redis'>;
  inFlight: number;
  sampleMs: number;
  /** Per process and sample: stop after this many analyses (keeps one session's state small). */
  maxOpsPerProcess?: number;
  /** Fresh ids per sample: every sample starts from small sessions. */
  ids: (sample: number) => string[];
  /** Null: in memory, each worker creates its own sessions. */
  keeper: SessionKeeper | null;
  /** Described in the side's facts. */
  sessionsLabel: string;
  /** Whether a lost update is an error of the side (core's), not just a figure. */
  mustNotLose: boolean;
}

/** A scenario side whose writers per process can change between the points of a curve (the workers stay up). */
export interface PairSide extends ScenarioSide {
  /** Sets the writers in all (both processes) for the samples that follow, and restarts the running totals. */
  setParameter(writers: number): void;
}

/** A side that runs two workers on the same sessions and counts lost updates after every sample. */
export async function pairSide(options: PairSideOptions): Promise<PairSide> {
  const pair = await WorkerPair.start({ ...options.worker, inFlight: options.inFlight, maxLatencies: MAX_LATENCIES_PER_WORKER });
  let totals = new Totals();
  let inFlight = options.inFlight;
  const checksConflicts = options.worker.side !== 'connect-redis' && options.worker.redis !== null;
  let sample = 0;
  return {
    setParameter(writers) {
      inFlight = Math.max(1, Math.round(writers / PROCESSES));
      totals = new Totals();
    },
    async sample() {
      const ids = options.ids(sample);
      await options.keeper?.create(ids);
      await pair.prepare(ids);
      const runs = await pair.record(options.sampleMs, 0x7a0 + sample++, { maxOps: options.maxOpsPerProcess, inFlight });
      totals.add(runs);
      const recorded = runs.reduce((total, run) => total + run.ops, 0);
      const info = totals.info(inFlight, options.sessionsLabel, checksConflicts);
      if (options.keeper === null) return { ...combine(runs), info };
      const held = await options.keeper.collect(ids);
      if (options.mustNotLose && held !== recorded) throw new Error(`lost updates: ${recorded} analyses recorded, ${held} stored`);
      return { ...combine(runs), info, lostUpdates: { lost: Math.max(0, recorded - held), of: recorded } };
    },
    async teardown() {
      await pair.close();
      await options.keeper?.close();
    },
  };
}

/** Core on Redis: the parent's manager is open only between measurements, so it takes no share of the pub/sub traffic (or the CPU) while the workers record. */
export function coreKeeper(system: CoreOnRedis, rig: RedisRig | undefined): SessionKeeper {
  const withManager = async <T>(step: (manager: CoreManager) => Promise<T>): Promise<T> => {
    const store = openRedisStore(system, rig?.client);
    const manager = redisManager(system, store);
    try {
      return await step(manager);
    } finally {
      await manager.shutdown().catch(() => undefined);
      await store.close();
    }
  };
  return {
    create: (ids) => withManager(async (manager) => void (await inParallel(ids, SETUP_IN_FLIGHT, (id) => createCoreSession(manager, id)))),
    collect: (ids) =>
      withManager(async (manager) => {
        const sessions = await inParallel(ids, SETUP_IN_FLIGHT, (id) => manager.requireSession(id));
        const stored = sessions.reduce((total, session) => total + session.analysisCount, 0);
        await inParallel(ids, SETUP_IN_FLIGHT, (id) => manager.removeSession(id));
        return stored;
      }),
    close: async () => {},
  };
}

/** connect-redis: sessions created and read back through the peer itself. */
export async function connectRedisKeeper(peers: PeerModules, url: string, prefix: string): Promise<SessionKeeper> {
  const peer = await ConnectRedisPeer.open(peers, url, prefix);
  return {
    create: async (ids) => void (await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.create(id))),
    async collect(ids) {
      const sessions = await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.get(id));
      await inParallel(ids, SETUP_IN_FLIGHT, (id) => peer.destroy(id));
      return sessions.reduce((total, session) => total + (session?.analyses.length ?? 0), 0);
    },
    close: () => peer.close(),
  };
}

/** The compare-and-set floor: states written with the floor's create script, read back raw. */
export async function floorKeeper(rig: RedisRig, keyPrefix: string): Promise<SessionKeeper> {
  const floor = await RedisFloor.open(rig.client, keyPrefix);
  return {
    create: async (ids) =>
      void (await inParallel(ids, SETUP_IN_FLIGHT, (id) => floor.create(floorKey(keyPrefix, id), JSON.stringify(floorState(id)), Date.now() + HOUR_MS))),
    async collect(ids) {
      const states = await inParallel(ids, SETUP_IN_FLIGHT, (id) => rig.client.hget(floorKey(keyPrefix, id), 'state'));
      await rig.client.del(...ids.map((id) => floorKey(keyPrefix, id)));
      return states.reduce((total, state) => total + (state === null ? 0 : (JSON.parse(state) as FloorState).analyses.length), 0);
    },
    close: () => floor.close(),
  };
}
