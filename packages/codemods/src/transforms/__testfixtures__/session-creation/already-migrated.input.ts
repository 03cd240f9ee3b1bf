import type { SimpleSessionManager } from '@sessionkit/core';

export async function startSession(manager: SimpleSessionManager, sessionId: string, topic: string): Promise<string> {
  const session = await manager.createSession(sessionId, { topic });
  return session.sessionId;
}
