import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

// The session is handed back to the caller: other code still uses the old object.
export async function createAndReturn(manager: SessionManager, id: string) {
  // sessionkit-migrate: session is used in ways core's Session does not support (returned): create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}

// A restored creation time: createSession always starts now.
export async function restore(manager: SessionManager, id: string, createdAt: Date) {
  // sessionkit-migrate: the session is created with a createdAt other than now: createSession cannot do that (Session.restoreFromState can); create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, createdAt, { topic: 'restored' });
  await manager.addSession(session);
  return session.sessionId;
}

// addSession is not awaited here (the function is not even async): left for a human.
export function createLater(manager: SessionManager, id: string) {
  // sessionkit-migrate: the session is added with `manager.addSession(session)`, not awaited: this function is not async, and createSession must be awaited: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  return manager.addSession(session).then(() => session.sessionId);
}

// The result of addSession is used for more than the capacity check.
export async function createLogged(manager: SessionManager, id: string, log: (ok: boolean) => void) {
  // sessionkit-migrate: the result of addSession (added) is used beyond an `if (!added)` check: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  const added = await manager.addSession(session);
  log(added);
  return session.sessionId;
}

// A session built elsewhere.
export async function store(manager: SessionManager, session: ContextSwitcherSession) {
  // sessionkit-migrate: addSession(session) is gone from core: build and add the session in one step with `await manager.createSession(id, { topic })`
  await manager.addSession(session);
}
