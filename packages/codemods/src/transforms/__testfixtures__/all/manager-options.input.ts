import { SessionManager } from '@sessionkit/legacy';
import { SimpleSessionManager } from '@sessionkit/core';

const defaults = { maxSessions: 10, cleanupIntervalMinutes: 2 };

// The old class: its options may still say cleanupIntervalMinutes.
export const old = new SessionManager({ ...defaults, sessionTtlHours: 4 });
// Core's class: its options were written for it.
export const current = new SimpleSessionManager({ ...defaults, sessionTtlHours: 4 });
