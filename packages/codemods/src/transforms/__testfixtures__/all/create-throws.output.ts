import { type Session, SessionCapacityError, SessionError, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager({ maxSessions: 10 });

export async function open(id: string, topic: string, key: string): Promise<Session> {
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('The pool is full') : error;
  });
  return session;
}
