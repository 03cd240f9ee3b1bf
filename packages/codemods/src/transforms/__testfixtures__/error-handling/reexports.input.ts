// The app's error module passes the old classes on.
export { SessionError, SessionCleanupError } from '../exceptions';
export { SecurityError } from '../exceptions';
