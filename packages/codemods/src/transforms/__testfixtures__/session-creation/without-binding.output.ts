import type { SessionManager, Thread } from '@sessionkit/legacy';

export async function open(manager: SessionManager, id: string, threads: Thread[]) {
  let session = await manager.createSession(id);
  for (const thread of threads) await session.addThread(thread);
  return session.sessionId;
}
