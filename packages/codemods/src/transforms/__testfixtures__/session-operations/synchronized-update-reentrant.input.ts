import { getSessionData } from '@sessionkit/legacy/session_data';
import { createSessionConcurrency } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager, Thread } from '@sessionkit/legacy';

// The update works on the session's own data: it stays.
export async function renameUnderLock(sessionId: string, from: string, thread: Thread): Promise<boolean> {
  const data = getSessionData(sessionId);
  const concurrency = createSessionConcurrency(sessionId);
  let removed = false;
  await concurrency.synchronizedUpdate(async () => {
    removed = data.removeThread(from);
    data.addThread(thread);
  });
  return removed;
}

// The update fetches the session again by its id.
export async function touchUnderLock(manager: SessionManager, sessionId: string): Promise<void> {
  const session = await manager.requireSession(sessionId);
  const concurrency = createSessionConcurrency(sessionId);
  await concurrency.synchronizedUpdate(async () => {
    const again = await manager.requireSession(sessionId);
    await again.getLastAnalysis();
  });
  void session;
}
