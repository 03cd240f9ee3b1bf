/**
 * `@sessionkit/core`: the session layer for multi-perspective analysis
 * servers. Three modules: the data types (`session-types`), `Session` (one
 * lock per session; security, threads, analyses, versioning, export/restore
 * built in), and `SimpleSessionManager` (the pool).
 *
 * Also published: `@sessionkit/core/schemas` (the zod schemas of the JSON
 * forms), `@sessionkit/core/interop` (hooks for compatibility layers and
 * store implementations), `@sessionkit/core/testing` (a store contract
 * suite, a manual clock, a private redis-server launcher).
 *
 * @packageDocumentation
 */

// The session and its pool
export { Session, type OperationName, type RestoreOptions, type SessionInfo, type SessionOptions, type VersionInfo, type CleanupResult } from './session.js';
export { type CreateSessionOptions, type ManagerStats, type SessionManagerOptions, SimpleSessionManager } from './session-manager.js';
export { generateSessionId, getSessionManager, initializeSessionManager, shutdownSessionManager } from './manager-singleton.js';

// Data types (the reference JSON shape)
export {
  AnalysisRecord,
  type AnalysisRecordJSON,
  ClientBinding,
  type ClientBindingInit,
  type ClientBindingJSON,
  type ClientBindingSummary,
  type ConversationMessage,
  ModelBackend,
  NO_RESPONSE,
  SecurityEvent,
  type SecurityEventJSON,
  SessionMetrics,
  type SessionMetricsJSON,
  SessionState,
  type SessionStateInit,
  type SessionStateJSON,
  type SignatureScheme,
  Thread,
  type ThreadInit,
  type ThreadJSON,
} from './session-types.js';

// Errors
export {
  SessionCapacityError,
  SessionCleanupError,
  SessionClosedError,
  SessionConcurrencyError,
  SessionError,
  type SessionErrorCode,
  type SessionErrorOptions,
  SessionExistsError,
  SessionExpiredError,
  SessionNotFoundError,
  SessionReentrancyError,
  SessionSecurityError,
  SessionStateCorruptError,
  SessionStoreUnavailableError,
  SessionTimeoutError,
  SessionValidationError,
  type ValidationIssue,
} from './errors.js';

// Options and their parts
export { type Clock, systemClock } from './clock.js';
export { type Logger, silentLogger } from './logger.js';
export { DEFAULT_LIMITS, type SessionLimits } from './limits.js';
export { DEFAULT_TIMEOUTS, type ContextOptions, type SessionTimeouts } from './session-context.js';
export type { SessionStore, StoreCreateResult, StoredSession, StoreInvalidation, StoreRetryPolicy, StoreSaveResult, StoreStats } from './session-store.js';
export type { JsonObject, JsonValue } from './json-value.js';

// Helpers
export { BUILT_IN_PERSPECTIVES, genericPerspectivePrompt, perspectivePrompt } from './perspectives.js';
export { isValidSessionId, SESSION_ID_PATTERN } from './validation.js';
