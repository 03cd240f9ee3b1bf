import { SessionCapacityError, SessionError, SimpleSessionManager } from '@sessionkit/core';

export const manager = new SimpleSessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('full') : error;
  });
}

/** Appends the answers to a thread's history; parallel calls never interleave. */
export async function appendAnswers(id: string, perspective: string, answers: string[]): Promise<number> {
  const data = await manager.requireSession(id);
  const thread = (await data.getThread(perspective)) ?? undefined;
  if (!thread) return -1;
  return await data.atomicUpdate(async () => {
    for (const answer of answers) {
      if (!answer) continue;
      thread.addMessage('assistant', answer);
      await Promise.resolve();
    }
    return thread.conversationHistory.length;
  });
}
