/**
 * `@sessionkit/core/testing`: what every store and integration needs to test
 * itself against core. `defineStoreContract` is a vitest suite (vitest is an
 * optional peer dependency, needed only for it).
 *
 * @packageDocumentation
 */
export { defineStoreContract, type StoreContractSubject } from './store-contract.js';
export { MemorySessionStore } from './memory-store.js';
export { ManualClock } from './manual-clock.js';
export { isRedisServerAvailable, RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.js';
