import { getSessionManager } from '@sessionkit/core';
import { getAppSessionManager } from './handlers';
import type { Thread } from '@sessionkit/legacy';

export async function addPerspective(sessionId: string, thread: Thread) {
  await getAppSessionManager().getSession(sessionId);
  // sessionkit-migrate: getSessionData(id) became getSessionManager().requireSession(id) (the process-wide pool), but this file creates or imports its own manager: if the session lives in that pool, call requireSession on it instead
  const sessionData = await getSessionManager().requireSession(sessionId);
  await sessionData.addThread(thread);
}
