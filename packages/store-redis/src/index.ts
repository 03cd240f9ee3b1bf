/**
 * `@sessionkit/store-redis`: a Redis-backed `SessionStore` for `@sessionkit/core`, so that every process pointing at
 * the same Redis serves the same sessions; every write is one compare-and-set script.
 *
 * @packageDocumentation
 */
export { RedisSessionStore, type RedisStoreCounters } from './redis-session-store.js';
export type { RedisSessionStoreOptions } from './options.js';
export { failFastOptions } from './connection.js';
export type { RedisClient } from './script-runner.js';
export { CorruptSessionDataError } from './corrupt-data.js';
export { indexKeys, sessionKey, type IndexKeys } from './keys.js';
