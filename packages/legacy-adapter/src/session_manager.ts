// `@sessionkit/legacy-adapter/session_manager`: the old pool, over core's `SimpleSessionManager`.
export { LegacySessionManagerAdapter, LegacySessionManagerAdapter as SessionManager } from './bridge/session_manager.js';
export type { SessionManagerOptions, SessionManagerStats } from './bridge/session_manager.js';
