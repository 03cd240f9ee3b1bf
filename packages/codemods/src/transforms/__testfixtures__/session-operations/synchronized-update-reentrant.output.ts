import { getSessionData } from '@sessionkit/legacy/session_data';
import { createSessionConcurrency } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager, Thread } from '@sessionkit/legacy';

// The update works on the session's own data: it stays.
export async function renameUnderLock(sessionId: string, from: string, thread: Thread): Promise<boolean> {
  // sessionkit-migrate: data (a SessionData) is used in ways core's Session does not support (.removeThread(), .addThread() inside a session lock (core's lock is not re-entrant)): migrate by hand
  const data = getSessionData(sessionId);
  const concurrency = createSessionConcurrency(sessionId);
  let removed = false;
  // sessionkit-migrate: synchronizedUpdate's callback may reach the session it locks (data): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
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
  // sessionkit-migrate: synchronizedUpdate's callback may reach the session it locks (again, manager.requireSession(…), its id sessionId): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  await concurrency.synchronizedUpdate(async () => {
    const again = await manager.requireSession(sessionId);
    await again.getLastAnalysis();
  });
  void session;
}
