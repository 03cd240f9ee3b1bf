// A barrel that passes the old API on to the rest of the app.
export { SessionManager } from '@sessionkit/legacy-adapter';
export type { SessionData } from '@sessionkit/legacy-adapter';
export * from '@sessionkit/legacy-adapter/session_security';
export { helper } from './helpers';
