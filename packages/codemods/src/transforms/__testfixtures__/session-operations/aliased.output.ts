import { getSessionManager } from '@sessionkit/core';
import type { Thread } from '@sessionkit/legacy';

export async function add(sessionId: string, thread: Thread) {
  const data = await getSessionManager().requireSession(sessionId);
  await data.addThread(thread);
  return await data.getThread(thread.name);
}
