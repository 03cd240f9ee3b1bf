export * from './errors.js';
export * from './session-types.js';
export * from './session.js';
export * from './session-manager.js';
export { type Clock, systemClock } from './clock.js';
export { type Logger, silentLogger } from './logger.js';
export { LEGACY_PBKDF2_ITERATIONS } from './keyring.js';
export { BUILT_IN_PERSPECTIVES, genericPerspectivePrompt, perspectivePrompt } from './perspectives.js';
export { parseTimestamp } from './timestamps.js';
export { isValidSessionId, SESSION_ID_PATTERN } from './validation.js';
export type { JsonObject, JsonValue } from './json-value.js';
export {
  DEFAULT_STORE_RETRY,
  type SessionStore,
  type StoreCreateResult,
  type StoredSession,
  type StoreInvalidation,
  type StoreRetryPolicy,
  type StoreSaveResult,
  type StoreStats,
} from './session-store.js';
