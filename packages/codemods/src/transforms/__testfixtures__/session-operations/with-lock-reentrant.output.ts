import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import type { Thread } from '@sessionkit/legacy';

// The callback works on the session's own data: it stays on the old lock.
export async function addUnderLock(sessionId: string, thread: Thread, retired: string) {
  // sessionkit-migrate: data (a SessionData) is used in ways core's Session does not support (.addThread(), .removeThread() inside a session lock (core's lock is not re-entrant)): migrate by hand
  const data = getSessionData(sessionId);
  // sessionkit-migrate: withLock's callback may reach the session it locks (data): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  await getSessionLockManager().withLock(sessionId, async () => {
    data.addThread(thread);
    await Promise.resolve();
    data.removeThread(retired);
  });
}
