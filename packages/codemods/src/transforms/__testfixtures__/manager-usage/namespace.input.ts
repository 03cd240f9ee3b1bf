import * as legacy from '@sessionkit/legacy';

export const pool = new legacy.SessionManager({ maxSessions: 3, cleanupIntervalMinutes: 1 });

export async function shutdown(current: legacy.SessionManager) {
  await current.stopCleanupTask();
}
