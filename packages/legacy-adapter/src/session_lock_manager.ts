// `@sessionkit/legacy-adapter/session_lock_manager`
export { SessionLock, SessionLockManager, getSessionLockManager } from './bridge/session_lock_manager.js';
