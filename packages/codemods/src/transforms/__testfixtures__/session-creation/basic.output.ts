import type { SessionManager } from '../session_manager';

export async function startSession(manager: SessionManager, sessionId: string, topic: string, secretKey: string): Promise<string> {
  // One session per analysis topic.
  // sessionkit-migrate: removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await manager.createSession(sessionId, { topic });
  return session.sessionId;
}
