import { type Session, SessionCapacityError, SessionError, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager({ maxSessions: 10 });

export async function open(id: string, topic: string, key: string): Promise<Session> {
  // sessionkit-migrate: the secret key `key` is no longer used: core signs and checks client bindings with the SimpleSessionManager's key ring. Configure it there (`secretKeys: [key]`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key (SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('The pool is full') : error;
  });
  return session;
}
