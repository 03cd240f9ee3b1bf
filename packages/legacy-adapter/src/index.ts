// `@sessionkit/legacy-adapter`: every name of the old system, running on @sessionkit/core.
export * from './exceptions.js';
export * from './config.js';
export * from './models.js';
export * from './session_lock_manager.js';
export * from './session_concurrency.js';
export * from './session_security.js';
export * from './session_data.js';
export * from './session_manager.js';
// Named twice above (exceptions and session_security/session_concurrency re-export them, as the old
// modules did); an explicit export settles which one the root serves, or bundlers drop both.
export { SecurityError, ConcurrencyError } from './exceptions.js';
export { ClientBinding } from './models.js';
// The bridge's own additions.
export { fromLegacyState } from './legacy_state.js';
export type { LegacySnapshot } from './legacy_state.js';
export { toCoreSession } from './to_core_session.js';
