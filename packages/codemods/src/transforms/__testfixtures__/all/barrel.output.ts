// The app's one door to the session library.
export { Session, SimpleSessionManager, Thread } from '@sessionkit/core';
export { SessionError, SessionCleanupError, SessionSecurityError, SessionConcurrencyError } from '@sessionkit/core';
export type { SessionManagerOptions, ManagerStats } from '@sessionkit/core';
