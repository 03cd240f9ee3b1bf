import { getSessionLockManager } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

const locks = getSessionLockManager();

export async function guarded<T>(manager: SessionManager, sessionId: string, work: () => Promise<T>): Promise<T> {
  const session = await manager.requireSession(sessionId);
  void session;
  return locks.withLock(sessionId, work);
}
