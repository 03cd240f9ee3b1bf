import { getSessionData } from '@sessionkit/legacy';
import { getAppSessionManager } from './handlers';
import type { Thread } from '@sessionkit/legacy';

export async function addPerspective(sessionId: string, thread: Thread) {
  await getAppSessionManager().getSession(sessionId);
  const sessionData = getSessionData(sessionId);
  sessionData.addThread(thread);
}
