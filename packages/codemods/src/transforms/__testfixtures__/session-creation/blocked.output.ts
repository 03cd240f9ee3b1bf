import { ContextSwitcherSession, SessionManager } from '@sessionkit/legacy';

const manager = new SessionManager();

// This one alone could move to createSession...
export async function quick(id: string, topic: string) {
  // sessionkit-migrate: this file keeps the old SessionManager (1 addSession call cannot move to createSession), so this create sequence stays too: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  await manager.addSession(session);
  return session.sessionId;
}

// ...but this one cannot, so the file keeps the old manager, and both stay.
export async function handedOut(id: string) {
  // sessionkit-migrate: session is used in ways core's Session does not support (returned): create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}
