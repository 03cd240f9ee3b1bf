import { SimpleSessionManager } from '@sessionkit/core';

export const pool = new SimpleSessionManager({ maxSessions: 3, cleanupIntervalSeconds: 60 });

export async function shutdown(current: SimpleSessionManager) {
  await current.stopBackgroundCleanup();
}
