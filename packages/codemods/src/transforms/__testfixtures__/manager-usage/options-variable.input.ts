import { SessionManager } from '@sessionkit/legacy';

const defaults = { maxSessions: 10, cleanupIntervalMinutes: 2 };

export const fromVariable = new SessionManager(defaults);
export const spread = new SessionManager({ ...defaults, sessionTtlHours: 4 });
