export { RedisSessionStore, type RedisStoreCounters } from './redis-session-store.js';
export type { RedisSessionStoreOptions } from './options.js';
export { failFastOptions } from './connection.js';
export { CorruptSessionDataError } from './corrupt-data.js';
export { indexKeys, sessionKey, type IndexKeys } from './keys.js';
