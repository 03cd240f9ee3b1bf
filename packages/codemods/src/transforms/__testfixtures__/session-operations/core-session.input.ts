import type { Session, SimpleSessionManager } from '@sessionkit/core';
import type { Thread } from '@sessionkit/core';

// Sessions that already are core's: calls become awaited, recordAccess goes.
export async function touch(manager: SimpleSessionManager, id: string, thread: Thread, toolName: string) {
  const session = await manager.getSession(id);
  if (!session) return;
  await session.recordAccess(toolName);
  session.addThread(thread);
  return session.getThread(thread.name);
}

export function addAll(session: Session, threads: Thread[]): void {
  for (const thread of threads) {
    session.addThread(thread);
  }
}
