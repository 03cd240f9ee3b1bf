// A barrel that passes the old API on to the rest of the app.
export { SessionManager } from '../session_manager';
export type { SessionData } from '../session_data';
export * from '@sessionkit/legacy/session_security';
export { helper } from './helpers';
