import { ContextSwitcherSession, SessionManager } from '@sessionkit/legacy';

const manager = new SessionManager();

// This one alone could move to createSession...
export async function quick(id: string, topic: string) {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  await manager.addSession(session);
  return session.sessionId;
}

// ...but this one cannot, so the file keeps the old manager, and both stay.
export async function handedOut(id: string) {
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}
