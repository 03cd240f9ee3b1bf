import { SessionManager } from '@sessionkit/legacy';

// Each of these needs the old manager, so the file keeps it (and every other manager call) as is.
export const manager = new SessionManager({ cleanupIntervalMinutes: 5 });
void manager.startCleanupTask();

export async function stale(id: string) {
  const session = await manager.getSession(id);
  return session !== null && manager._isExpired(session);
}

export async function leaky(id: string, sink: unknown[]) {
  return manager.sessionContext(id, 'kept', (session) => {
    sink.push(session);
  });
}

export async function version(id: string) {
  const pair = await manager.getSessionAtomic(id);
  return pair[1];
}
