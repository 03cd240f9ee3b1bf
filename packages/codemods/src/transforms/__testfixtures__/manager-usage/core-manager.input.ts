// Migrated by `imports` already; the options still have the old key.
import { SimpleSessionManager } from '@sessionkit/core';

export const manager = new SimpleSessionManager({ maxSessions: 8, cleanupIntervalMinutes: 0.5 });
