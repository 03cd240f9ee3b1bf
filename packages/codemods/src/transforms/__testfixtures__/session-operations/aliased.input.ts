import { getSessionData as dataFor } from '@sessionkit/legacy';
import type { Thread } from '@sessionkit/legacy';

export async function add(sessionId: string, thread: Thread) {
  const data = dataFor(sessionId);
  data.addThread(thread);
  return data.getThread(thread.name);
}
