/**
 * Changes to a ticket's perspectives while agents work on it concurrently.
 */
import { ModelBackend, SessionError, Thread, createSessionConcurrency, getSessionData, getSessionLockManager } from '@sessionkit/legacy';

export async function addPerspective(sessionId: string, name: string, systemPrompt: string): Promise<number> {
  const data = getSessionData(sessionId);
  await getSessionLockManager().withLock(sessionId, () => {
    data.addThread(new Thread({ id: `${sessionId}:${name}`, name, systemPrompt, modelBackend: ModelBackend.OLLAMA }));
  });
  return data.getThreadCount();
}

export async function retirePerspective(sessionId: string, name: string): Promise<boolean> {
  const data = getSessionData(sessionId);
  let removed = false;
  await createSessionConcurrency(sessionId).synchronizedUpdate(() => {
    removed = data.removeThread(name);
  });
  return removed;
}

/** Appends an agent's note to one perspective; notes from parallel agents never interleave. */
export async function appendNote(sessionId: string, perspective: string, note: string): Promise<number> {
  const data = getSessionData(sessionId);
  const thread = data.getThread(perspective);
  if (!thread) throw new SessionError(`Ticket ${sessionId} has no ${perspective} perspective`);
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    thread.addMessage('user', note);
    thread.addMessage('assistant', `noted: ${note.length} characters`);
    return thread.conversationHistory.length;
  } finally {
    release();
  }
}
