// One place the research hub imports the session library from.
export { ContextSwitcherSession, ModelBackend, SessionManager, SessionSecurity, Thread } from '@sessionkit/legacy';
export { SessionData, getSessionData as dataFor, registerSessionData } from '@sessionkit/legacy/session_data';
export * from '@sessionkit/legacy/exceptions';
export type { SessionManagerOptions, SessionManagerStats } from '@sessionkit/legacy';
