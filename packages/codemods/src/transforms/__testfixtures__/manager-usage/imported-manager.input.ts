import { SessionManager } from '@sessionkit/legacy/session_manager';

let manager: SessionManager | null = null;

// Another file of the run imports start() (see the options): it gets this SessionManager, so the class stays old here.
export async function start(): Promise<SessionManager> {
  manager = new SessionManager({ maxSessions: 50, sessionTtlHours: 1, cleanupIntervalMinutes: 5 });
  await manager.startCleanupTask();
  return manager;
}

export async function stop(): Promise<void> {
  await manager?.stopCleanupTask();
  manager = null;
}
