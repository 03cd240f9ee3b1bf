import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import { SessionSecurity, SecurityError } from '@sessionkit/legacy/session_security';
import type { SessionManager, Thread } from '@sessionkit/legacy';

// The lock block works on the session's own data: as an atomicUpdate callback it would wait
// for itself (core's lock is not re-entrant), so it stays, and so does getSessionData.
export async function replaceThread(sessionId: string, oldName: string, thread: Thread) {
  const data = getSessionData(sessionId);
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
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    if (!security.validateBinding(secretKey)) {
      throw new SecurityError('invalid binding');
    }
    log.push('checked');
  } finally {
    release();
  }
}
