// The app's one door to the session library.
export { ContextSwitcherSession, SessionManager, SessionSecurity, Thread } from '@sessionkit/legacy';
export { SessionData, getSessionData as dataFor } from '@sessionkit/legacy/session_data';
export * from '@sessionkit/legacy/exceptions';
export type { SessionManagerOptions, SessionManagerStats } from '@sessionkit/legacy';
