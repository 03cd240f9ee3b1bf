import { SessionManager } from '@sessionkit/legacy/session_manager';

let manager: SessionManager | null = null;

// Another file of the run imports start() (see the options): it gets this SessionManager, so the class stays old here.
// sessionkit-migrate: keeps the old SessionManager in its signature: src/server.ts imports it and may still pass or expect the old object; move them to core together, then run all again
export async function start(): Promise<SessionManager> {
  // sessionkit-migrate: other files of this run get this SessionManager from here (see the marker on the export), so it keeps the old class for now
  manager = new SessionManager({ maxSessions: 50, sessionTtlHours: 1, cleanupIntervalMinutes: 5 });
  await manager.startCleanupTask();
  return manager;
}

export async function stop(): Promise<void> {
  await manager?.stopCleanupTask();
  manager = null;
}
