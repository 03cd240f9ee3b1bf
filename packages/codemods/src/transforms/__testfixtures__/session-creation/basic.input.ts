import { ContextSwitcherSession } from '../models';
import { SessionSecurity } from '../session_security';
import { SessionError } from '../exceptions';
import type { SessionManager } from '../session_manager';

export async function startSession(manager: SessionManager, sessionId: string, topic: string, secretKey: string): Promise<string> {
  // One session per analysis topic.
  const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
  const security = new SessionSecurity(sessionId);
  session.clientBinding = security.createClientBinding(secretKey);

  const added = await manager.addSession(session);
  if (!added) {
    throw new SessionError(`Session limit reached for ${sessionId}`);
  }
  return session.sessionId;
}
