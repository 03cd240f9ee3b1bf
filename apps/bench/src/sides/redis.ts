/**
 * Core on Redis: the same manager settings as the in-memory side, plus a
 * `RedisSessionStore` from `@sessionkit/store-redis` on the run's Redis.
 */
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
 * A store of its own (two connections: commands, and pub/sub): a manager
 * that should start with an empty cache gets a manager of its own, and
 * stores that must not share a connection get a store of their own.
 */
export function openRedisStore(system: CoreOnRedis): RedisStore {
  return new system.storeRedis.RedisSessionStore({ url: system.redis.url, keyPrefix: system.redis.keyPrefix });
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
