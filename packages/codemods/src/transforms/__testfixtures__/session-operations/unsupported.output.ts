import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import { createSessionConcurrency } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager } from '@sessionkit/legacy';

// The SessionData escapes into a map and uses methods core does not have.
const cache = new Map<string, unknown>();
export async function remember(sessionId: string) {
  // sessionkit-migrate: data (a SessionData) is used in ways core's Session does not support (passed to a function, .getThreadCount()): migrate by hand
  const data = getSessionData(sessionId);
  cache.set(sessionId, data);
  return data.getThreadCount();
}

// Not async: requireSession has to be awaited.
export function countThreads(sessionId: string): number {
  // sessionkit-migrate: data = getSessionData(id) would become `await getSessionManager().requireSession(id)`, but this function is not async
  const data = getSessionData(sessionId);
  return data.getThreadCount();
}

// A callback defined elsewhere may call the session itself.
export async function update(sessionId: string, fn: () => void) {
  const concurrency = createSessionConcurrency(sessionId);
  // sessionkit-migrate: synchronizedUpdate's callback may reach the session it locks (fn is defined elsewhere): core's lock is not re-entrant, so inside `session.atomicUpdate(async () => …)` its calls on that session would wait for the update forever; work on the `state` that atomicUpdate passes (or move those calls out of the locked section), then migrate by hand
  await concurrency.synchronizedUpdate(fn);
}

// The lock block returns early.
export async function early(manager: SessionManager, sessionId: string, items: string[]) {
  const session = await manager.requireSession(sessionId);
  // sessionkit-migrate: the lock block returns (or breaks out) early: it cannot become an atomicUpdate callback as is; migrate by hand
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    if (items.length === 0) return session.sessionId;
    items.pop();
  } finally {
    release();
  }
  return null;
}
