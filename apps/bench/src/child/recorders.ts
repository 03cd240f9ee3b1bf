/**
 * What a throughput worker records analyses with, one kind per side:
 * - `core`: a SimpleSessionManager, in memory or with a RedisSessionStore;
 * - `connect-redis`: express-session's connect-redis store (get, change, set);
 * - `cas-floor`: the least a correct writer does on Redis: a local copy of
 *   each state, one compare-and-set script per change, the stored state
 *   adopted and the change made again on a conflict, and one change at a
 *   time per session in this process (what core's lock does).
 */
import { Redis } from 'ioredis';
import { PROMPT, RESPONSES } from '../fixtures.js';
import { coreManagerOptions, createCoreSession, type CoreManager, type CoreSession } from '../sides/core.js';
import { recordFloorAnalysis, type FloorState } from '../sides/floor-state.js';
import { ConnectRedisPeer } from '../sides/peers/connect-redis.js';
import { recordPeerAnalysis } from '../sides/peers/record.js';
import { floorKey, RedisFloor } from '../sides/redis-floor.js';
import { loadPeers } from '../systems.js';
import type { WorkerConfig } from './throughput-protocol.js';

export interface Recorder {
  /** A fresh start on these sessions (created by the parent on Redis; in memory, created here). */
  prepare(sessionIds: readonly string[]): Promise<void>;
  /** Records one analysis on the `index`-th session. */
  record(index: number): Promise<void>;
  /** Compare-and-set refusals so far (each one retried). */
  conflicts(): number;
  /** In memory: the analyses the sessions hold (nothing else writes them). Null where others write too. */
  held(): number | null;
  /** After a run: drop this process's copies. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

async function coreRecorder(config: WorkerConfig): Promise<Recorder> {
  const core = await import('@sessionkit/core');
  const store = config.redis
    ? new (await import('@sessionkit/store-redis')).RedisSessionStore({ url: config.redis.url, keyPrefix: config.redis.keyPrefix })
    : undefined;
  let manager: CoreManager | undefined;
  let sessions: CoreSession[] = [];
  return {
    async prepare(ids) {
      manager = new core.SimpleSessionManager({ ...coreManagerOptions(1_000_000), ...(store ? { store } : {}) });
      const current = manager;
      sessions = await Promise.all(ids.map((id) => (store ? current.requireSession(id) : createCoreSession(current, id))));
    },
    record: (index) => (sessions[index] as CoreSession).recordAnalysis(PROMPT, { ...RESPONSES }, 1.25).then(() => undefined),
    conflicts: () => store?.counters.conflicts ?? 0,
    held: () => (store ? null : sessions.reduce((total, session) => total + session.analysisCount, 0)),
    async finish() {
      await manager?.shutdown(); // in memory: frees the pool; on Redis: drops this process's copies only
      manager = undefined;
      sessions = [];
    },
    close: async () => {
      await store?.close();
    },
  };
}

async function connectRedisRecorder(config: WorkerConfig): Promise<Recorder> {
  if (!config.redis) throw new Error('the connect-redis worker needs a Redis');
  const peers = await loadPeers();
  if (!peers.ok) throw new Error(peers.reason);
  const peer = await ConnectRedisPeer.open(peers.module, config.redis.url, config.redis.keyPrefix);
  let ids: readonly string[] = [];
  return {
    async prepare(sessionIds) {
      ids = sessionIds;
    },
    record: (index) => peer.update(ids[index] as string, (session) => recordPeerAnalysis(session, PROMPT, RESPONSES, Date.now())),
    conflicts: () => 0, // last write wins: there is nothing to notice a conflict with
    held: () => null,
    finish: async () => {},
    close: () => peer.close(),
  };
}

interface FloorCopy {
  state: FloorState;
  rev: number;
  /** The change in progress: one at a time per session in this process. */
  queue: Promise<void>;
}

async function casFloorRecorder(config: WorkerConfig): Promise<Recorder> {
  const { redis } = config;
  if (!redis) throw new Error('the compare-and-set floor needs a Redis');
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  const floor = await RedisFloor.open(client, redis.keyPrefix);
  let copies: { key: string; copy: FloorCopy }[] = [];
  let conflicts = 0;
  const write = async (entry: { key: string; copy: FloorCopy }): Promise<void> => {
    const { copy } = entry;
    for (;;) {
      recordFloorAnalysis(copy.state);
      const reply = await floor.cas(entry.key, copy.rev, JSON.stringify(copy.state), entry.key);
      if (reply.ok) {
        copy.rev = reply.rev;
        return;
      }
      conflicts++;
      copy.state = JSON.parse(reply.state) as FloorState;
      copy.rev = reply.rev;
    }
  };
  return {
    async prepare(ids) {
      copies = await Promise.all(
        ids.map(async (id) => {
          const key = floorKey(redis.keyPrefix, id);
          const [state, rev] = await client.hmget(key, 'state', 'rev');
          if (state === null || state === undefined) throw new Error(`floor session ${id} is not stored`);
          return { key, copy: { state: JSON.parse(state) as FloorState, rev: Number(rev), queue: Promise.resolve() } };
        }),
      );
    },
    record(index) {
      const entry = copies[index] as { key: string; copy: FloorCopy };
      const done = entry.copy.queue.then(() => write(entry));
      entry.copy.queue = done.catch(() => undefined);
      return done;
    },
    conflicts: () => conflicts,
    held: () => null,
    finish: async () => {
      copies = [];
    },
    close: async () => {
      await floor.close();
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The recorder for the worker's configured side. */
export function openRecorder(config: WorkerConfig): Promise<Recorder> {
  switch (config.side) {
    case 'core':
      return coreRecorder(config);
    case 'connect-redis':
      return connectRedisRecorder(config);
    case 'cas-floor':
      return casFloorRecorder(config);
  }
}
