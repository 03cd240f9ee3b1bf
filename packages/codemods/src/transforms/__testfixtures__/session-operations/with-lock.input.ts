import { getSessionLockManager } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

const locks = getSessionLockManager();

// The callback is written here and does not touch the session: it becomes the update.
export async function appendUnderLock(manager: SessionManager, sessionId: string, log: string[]): Promise<string> {
  const session = await manager.requireSession(sessionId);
  await locks.withLock(sessionId, async () => {
    log.push('start');
    await Promise.resolve();
    log.push('end');
  });
  return session.sessionId;
}

// A callback from elsewhere may call the session itself: it stays on the old lock.
export async function guarded<T>(manager: SessionManager, sessionId: string, work: () => Promise<T>): Promise<T> {
  const session = await manager.requireSession(sessionId);
  void session;
  return locks.withLock(sessionId, work);
}
