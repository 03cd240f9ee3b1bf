import { SimpleSessionManager } from '@sessionkit/core';

const defaults = { maxSessions: 10, cleanupIntervalMinutes: 2 };

// sessionkit-migrate: manager options passed as a value: SimpleSessionManager takes cleanupIntervalSeconds (minutes × 60) instead of cleanupIntervalMinutes
export const fromVariable = new SimpleSessionManager(defaults);
// sessionkit-migrate: manager options are spread in: make sure they use cleanupIntervalSeconds (minutes × 60), not cleanupIntervalMinutes
export const spread = new SimpleSessionManager({ ...defaults, sessionTtlHours: 4 });
