import { getSessionData } from '@sessionkit/legacy/session_data';
import { getSessionLockManager } from '@sessionkit/legacy/session_lock_manager';
import { createSessionConcurrency } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager } from '@sessionkit/legacy';

// The SessionData escapes into a map and uses methods core does not have.
const cache = new Map<string, unknown>();
export async function remember(sessionId: string) {
  const data = getSessionData(sessionId);
  cache.set(sessionId, data);
  return data.getThreadCount();
}

// Not async: requireSession has to be awaited.
export function countThreads(sessionId: string): number {
  const data = getSessionData(sessionId);
  return data.getThreadCount();
}

// A callback defined elsewhere may call the session itself.
export async function update(sessionId: string, fn: () => void) {
  const concurrency = createSessionConcurrency(sessionId);
  await concurrency.synchronizedUpdate(fn);
}

// The lock block returns early.
export async function early(manager: SessionManager, sessionId: string, items: string[]) {
  const session = await manager.requireSession(sessionId);
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    if (items.length === 0) return session.sessionId;
    items.pop();
  } finally {
    release();
  }
  return null;
}
