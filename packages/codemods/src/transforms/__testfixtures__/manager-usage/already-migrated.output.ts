import { SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager({ maxSessions: 50, cleanupIntervalSeconds: 300 });

export async function start(): Promise<void> {
  await manager.startBackgroundCleanup();
  await manager.withSession('probe', { topic: 'health' }, async (session) => session.sessionId);
}
