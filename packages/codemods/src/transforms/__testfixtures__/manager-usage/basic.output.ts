import { SimpleSessionManager } from '@sessionkit/core';

let manager: SimpleSessionManager | null = null;

export async function start(): Promise<SimpleSessionManager> {
  manager = new SimpleSessionManager({ maxSessions: 50, sessionTtlHours: 1, cleanupIntervalSeconds: 300 });
  await manager.startBackgroundCleanup();
  return manager;
}

export async function stop(): Promise<void> {
  await manager?.stopBackgroundCleanup();
  manager = null;
}
