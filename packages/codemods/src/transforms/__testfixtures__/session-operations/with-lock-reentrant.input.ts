import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import type { Thread } from '@sessionkit/legacy';

// The callback works on the session's own data: it stays on the old lock.
export async function addUnderLock(sessionId: string, thread: Thread, retired: string) {
  const data = getSessionData(sessionId);
  await getSessionLockManager().withLock(sessionId, async () => {
    data.addThread(thread);
    await Promise.resolve();
    data.removeThread(retired);
  });
}
