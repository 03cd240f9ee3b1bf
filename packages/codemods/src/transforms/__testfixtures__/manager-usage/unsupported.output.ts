import { SessionManager } from '@sessionkit/legacy';

// Each of these needs the old manager, so the file keeps it (and every other manager call) as is.
// sessionkit-migrate: this file still calls methods only the old SessionManager has (see the other markers), so it keeps the old class for now
export const manager = new SessionManager({ cleanupIntervalMinutes: 5 });
void manager.startCleanupTask();

export async function stale(id: string) {
  const session = await manager.getSession(id);
  // sessionkit-migrate: _isExpired is gone: core's getSession already drops expired sessions (Session#isExpired(ttlHours) exists for other checks)
  return session !== null && manager._isExpired(session);
}

export async function leaky(id: string, sink: unknown[]) {
  // sessionkit-migrate: the sessionContext callback uses session in ways core's Session does not support (passed to a function): migrate by hand
  return manager.sessionContext(id, 'kept', (session) => {
    sink.push(session);
  });
}

export async function version(id: string) {
  // sessionkit-migrate: getSessionAtomic is gone: use `const session = await manager.getSession(id)` and `(await session.getVersionInfo()).version` by hand
  const pair = await manager.getSessionAtomic(id);
  return pair[1];
}
