import { ContextSwitcherSession, SessionSecurity } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

export async function startSession(manager: SessionManager, sessionId: string, topic: string, secretKey: string): Promise<string> {
  const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
  // One security object per session: it signs the client binding.
  const security = new SessionSecurity(sessionId);
  // Bind the session to the caller's key before anyone can see it.
  session.clientBinding = security.createClientBinding(secretKey);
  /* Register with the pool. */
  await manager.addSession(session);
  // The id is what the client keeps.
  return session.sessionId;
}

export async function openQuietly(manager: SessionManager, sessionId: string): Promise<void> {
  const session = new ContextSwitcherSession(sessionId, new Date());
  // TODO(ops): alert when the pool is full.
  await manager.addSession(session);
}
