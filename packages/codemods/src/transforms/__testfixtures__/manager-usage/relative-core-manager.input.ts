// An in-repo migration (--target relative): `imports` already moved the class to the
// sibling core module; its options still have the old key.
import { SimpleSessionManager } from './session_manager.js';

export const manager = new SimpleSessionManager({ maxSessions: 8, cleanupIntervalMinutes: 5 });
