/**
 * Core on Redis: the same manager settings as the in-memory side, plus a
 * `RedisSessionStore` from `@sessionkit/store-redis` on the run's Redis. A
 * workload's store runs on the workload's own command connection (its
 * `RedisRig`), which the Redis floors use too: the floor's round trip and the
 * store's go over the same socket.
 */
import { Redis } from 'ioredis';
import type { RedisTarget } from '../redis/acquire.js';
import type { CoreModule, StoreRedisModule } from '../systems.js';
import { coreManagerOptions, type CoreManager } from './core.js';

export type RedisStore = InstanceType<StoreRedisModule['RedisSessionStore']>;

/** What a `core+redis` side is built from. */
export interface CoreOnRedis {
  core: CoreModule;
  storeRedis: StoreRedisModule;
  /** The workload's own key prefix on the run's Redis. */
  redis: RedisTarget;
}

/**
 * A store of its own. Without `client` it opens its own two connections
 * (commands, and pub/sub); with one (a rig's), it sends its commands over
 * that connection and opens only its pub/sub one.
 */
export function openRedisStore(system: CoreOnRedis, client?: Redis): RedisStore {
  return new system.storeRedis.RedisSessionStore({
    ...(client ? { client } : { url: system.redis.url }),
    keyPrefix: system.redis.keyPrefix,
  });
}

/** One workload's command connection, shared by its core+redis side and its floors. */
export interface RedisRig {
  /** Opened with the store's own connection settings (`failFastOptions`), so it is the connection the store would open. */
  readonly client: Redis;
  close(): Promise<void>;
}

/** Connects before it returns: the store's settings refuse commands while a connection is not ready. */
export async function openRig(system: CoreOnRedis): Promise<RedisRig> {
  const client = new Redis(system.redis.url, { ...system.storeRedis.failFastOptions(2_000), lazyConnect: true });
  client.on('error', () => undefined); // a failure surfaces as the side's error, not as an unhandled event
  await client.connect();
  return {
    client,
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** Capacity is global with a store (an index in Redis); the bench never wants a refusal. */
export const REDIS_CAPACITY = 1_000_000;

export function redisManager(system: CoreOnRedis, store: RedisStore, maxSessions: number = REDIS_CAPACITY): CoreManager {
  return new system.core.SimpleSessionManager({ ...coreManagerOptions(maxSessions), store });
}

/** Runs `make` for every item with at most `width` in flight: untimed set-up of many sessions in a few round trips' time. */
export async function inParallel<T, R>(items: readonly T[], width: number, make: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await make(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/**
 * Builds a side that owns `store`: if building fails, the store is closed
 * before the error goes on (an open connection would keep the bench process
 * alive after its last workload).
 */
export async function closingOnFailure<T>(store: RedisStore, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
