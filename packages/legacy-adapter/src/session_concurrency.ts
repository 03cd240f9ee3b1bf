// `@sessionkit/legacy-adapter/session_concurrency`
export { SessionConcurrency, createSessionConcurrency } from './bridge/session_concurrency.js';
export type { AccessStats } from './bridge/session_concurrency.js';
export { ConcurrencyError } from './exceptions.js';
