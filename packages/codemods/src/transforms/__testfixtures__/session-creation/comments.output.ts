import type { SessionManager } from '@sessionkit/legacy';

export async function startSession(manager: SessionManager, sessionId: string, topic: string, secretKey: string): Promise<string> {
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await manager.createSession(sessionId, { topic });
  // One security object per session: it signs the client binding.
  // Bind the session to the caller's key before anyone can see it.
  /* Register with the pool. */
  // The id is what the client keeps.
  return session.sessionId;
}

export async function openQuietly(manager: SessionManager, sessionId: string): Promise<void> {
  const session = await manager.createSession(sessionId);
  // TODO(ops): alert when the pool is full.
}
