import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import { createSessionConcurrency, ConcurrencyError } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager } from '@sessionkit/legacy';

export async function appendExchange(manager: SessionManager, sessionId: string, expectedVersion: number, answers: string[], log: string[]) {
  const session = await manager.requireSession(sessionId);
  const concurrency = createSessionConcurrency(sessionId);

  // Append under the session lock so concurrent analyses never interleave.
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    if (concurrency.checkVersionConflict(expectedVersion)) throw new ConcurrencyError('version conflict');
    for (const answer of answers) {
      if (!answer) continue;
      log.push(answer);
    }
    await Promise.resolve();
  } finally {
    release();
  }
  return session.sessionId;
}
