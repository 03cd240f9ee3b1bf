import type { SimpleSessionManager } from '@sessionkit/core';
import type { Thread } from '@sessionkit/legacy';

export async function oneShot(manager: SimpleSessionManager, id: string, topic: string, thread: Thread) {
  return manager.withSession(id, { topic }, async (session) => {
    await session.addThread(thread);
    return session.sessionId;
  });
}

export async function untitled(manager: SimpleSessionManager, id: string) {
  return manager.withSession(id, {}, async (session) => session.sessionId);
}
