// The app's error module passes the old classes on.
export { SessionError, SessionCleanupError } from '@sessionkit/core';
// sessionkit-migrate: re-exports old API (SecurityError): this module's importers decide; re-export the core names once they migrated
export { SecurityError } from '../exceptions';
