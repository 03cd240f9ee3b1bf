import { ContextSwitcherSession, SessionData, SessionError, SessionManager, getSessionData, getSessionLockManager, registerSessionData } from '@sessionkit/legacy';

export const manager = new SessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  if (!(await manager.addSession(session))) throw new SessionError('full');
  registerSessionData(new SessionData(id, session.createdAt, topic));
}

/** Appends the answers to a thread's history; parallel calls never interleave. */
export async function appendAnswers(id: string, perspective: string, answers: string[]): Promise<number> {
  const data = getSessionData(id);
  const thread = data.getThread(perspective);
  if (!thread) return -1;
  const release = await getSessionLockManager().acquireLock(id);
  try {
    for (const answer of answers) {
      if (!answer) continue;
      thread.addMessage('assistant', answer);
      await Promise.resolve();
    }
    return thread.conversationHistory.length;
  } finally {
    release();
  }
}
