import type { SessionManager, Thread } from '@sessionkit/legacy';

export async function oneShot(manager: SessionManager, id: string, topic: string, thread: Thread) {
  return manager.sessionContext(id, topic, async (session) => {
    await session.addThread(thread);
    return session.sessionId;
  });
}

export async function untitled(manager: SessionManager, id: string) {
  return manager.sessionContext(id, undefined, async (session) => session.sessionId);
}
