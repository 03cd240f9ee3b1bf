import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

// The session is handed back to the caller: other code still uses the old object.
export async function createAndReturn(manager: SessionManager, id: string) {
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}

// A restored creation time: createSession always starts now.
export async function restore(manager: SessionManager, id: string, createdAt: Date) {
  const session = new ContextSwitcherSession(id, createdAt, { topic: 'restored' });
  await manager.addSession(session);
  return session.sessionId;
}

// addSession is not awaited here (the function is not even async): left for a human.
export function createLater(manager: SessionManager, id: string) {
  const session = new ContextSwitcherSession(id, new Date());
  return manager.addSession(session).then(() => session.sessionId);
}

// The result of addSession is used for more than the capacity check.
export async function createLogged(manager: SessionManager, id: string, log: (ok: boolean) => void) {
  const session = new ContextSwitcherSession(id, new Date());
  const added = await manager.addSession(session);
  log(added);
  return session.sessionId;
}

// A session built elsewhere.
export async function store(manager: SessionManager, session: ContextSwitcherSession) {
  await manager.addSession(session);
}
