import { SessionManager } from '../session_manager';

export function fromConfig(config: { maxActiveSessions: number; cleanupIntervalSeconds: number }, cleanupIntervalMinutes?: number) {
  const maxSessions = config.maxActiveSessions;
  const a = new SessionManager({ maxSessions, cleanupIntervalMinutes: config.cleanupIntervalSeconds / 60 });
  const b = new SessionManager({ maxSessions, cleanupIntervalMinutes });
  return [a, b];
}
