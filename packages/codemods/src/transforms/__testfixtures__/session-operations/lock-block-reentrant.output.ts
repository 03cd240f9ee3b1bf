import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import { SessionSecurity, SecurityError } from '@sessionkit/legacy/session_security';
import type { SessionManager, Thread } from '@sessionkit/legacy';

// The lock block works on the session's own data: as an atomicUpdate callback it would wait
// for itself (core's lock is not re-entrant), so it stays, and so does getSessionData.
export async function replaceThread(sessionId: string, oldName: string, thread: Thread) {
  // sessionkit-migrate: data (a SessionData) is used in ways core's Session does not support (.removeThread(), .addThread() inside a session lock (core's lock is not re-entrant)): migrate by hand
  const data = getSessionData(sessionId);
  // sessionkit-migrate: the lock block may reach the session it locks (data): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    data.removeThread(oldName);
    data.addThread(thread);
  } finally {
    release();
  }
}

// The session is reached through a function of this file.
export async function renameUnderLock(manager: SessionManager, sessionId: string, thread: Thread) {
  const session = await manager.requireSession(sessionId);
  const swap = async () => {
    await session.removeThread(thread.name);
    await session.addThread(thread);
  };
  // sessionkit-migrate: the lock block may reach the session it locks (session): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    await swap();
  } finally {
    release();
  }
}

// The old security helper is a view of the same session, and the binding check would become an
// awaited call on it: neither may run inside the session's own update.
export async function checkedUnderLock(manager: SessionManager, sessionId: string, secretKey: string, log: string[]) {
  const session = await manager.requireSession(sessionId);
  const security = new SessionSecurity(sessionId, session.clientBinding);
  // sessionkit-migrate: the lock block may reach the session it locks (security): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    // sessionkit-migrate: this binding check runs inside a lock on a session: core's lock is not re-entrant, so `await session.validateSecurity()` there would wait for the lock forever; check the binding before taking the lock, by hand
    if (!security.validateBinding(secretKey)) {
      throw new SecurityError('invalid binding');
    }
    log.push('checked');
  } finally {
    release();
  }
}
