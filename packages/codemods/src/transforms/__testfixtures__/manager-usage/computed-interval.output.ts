import { SimpleSessionManager } from '@sessionkit/core';

export function fromConfig(config: { maxActiveSessions: number; cleanupIntervalSeconds: number }, cleanupIntervalMinutes?: number) {
  const maxSessions = config.maxActiveSessions;
  const a = new SimpleSessionManager({ maxSessions, cleanupIntervalSeconds: config.cleanupIntervalSeconds });
  const b = new SimpleSessionManager({ maxSessions, cleanupIntervalSeconds: cleanupIntervalMinutes * 60 });
  return [a, b];
}
