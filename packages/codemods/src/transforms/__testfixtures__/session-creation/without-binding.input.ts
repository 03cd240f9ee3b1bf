import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager, Thread } from '@sessionkit/legacy';

export async function open(manager: SessionManager, id: string, threads: Thread[]) {
  let session = new ContextSwitcherSession(id, new Date());
  for (const thread of threads) session.addThread(thread);
  await manager.addSession(session);
  return session.sessionId;
}
