import { ContextSwitcherSession, SessionError, SessionManager, SessionSecurity } from '@sessionkit/legacy';

const manager = new SessionManager({ maxSessions: 10 });

export async function open(id: string, topic: string, key: string): Promise<ContextSwitcherSession> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  const security = new SessionSecurity(id);
  session.clientBinding = security.createClientBinding(key);
  const added = await manager.addSession(session);
  if (!added) {
    throw new SessionError('The pool is full', { id });
  }
  return session;
}
