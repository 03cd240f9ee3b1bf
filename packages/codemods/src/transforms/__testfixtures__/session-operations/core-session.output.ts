import type { Session, SimpleSessionManager } from '@sessionkit/core';
import type { Thread } from '@sessionkit/core';

// Sessions that already are core's: calls become awaited, recordAccess goes.
export async function touch(manager: SimpleSessionManager, id: string, thread: Thread, toolName: string) {
  const session = await manager.getSession(id);
  if (!session) return;
  // sessionkit-migrate: removed session.recordAccess(…): core's Session records an access on every operation
  await session.addThread(thread);
  return await session.getThread(thread.name);
}

export function addAll(session: Session, threads: Thread[]): void {
  for (const thread of threads) {
    // sessionkit-migrate: session.addThread() returns a promise on core's Session: await it (this function is not async)
    session.addThread(thread);
  }
}
