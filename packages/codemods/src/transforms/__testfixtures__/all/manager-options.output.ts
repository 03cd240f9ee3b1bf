import { SimpleSessionManager } from '@sessionkit/core';

const defaults = { maxSessions: 10, cleanupIntervalMinutes: 2 };

// The old class: its options may still say cleanupIntervalMinutes.
// sessionkit-migrate: manager options are spread in: make sure they use cleanupIntervalSeconds (minutes × 60), not cleanupIntervalMinutes
export const old = new SimpleSessionManager({ ...defaults, sessionTtlHours: 4 });
// Core's class: its options were written for it.
export const current = new SimpleSessionManager({ ...defaults, sessionTtlHours: 4 });
