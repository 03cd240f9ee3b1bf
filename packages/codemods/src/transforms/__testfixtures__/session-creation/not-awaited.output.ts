import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

// addSession's promise is not awaited: in a function that is not async, and in one that is.
export function startInBackground(manager: SessionManager, sessionId: string): string {
  // sessionkit-migrate: the session is added with `manager.addSession(session)`, not awaited: this function is not async, and createSession must be awaited: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(sessionId, new Date());
  manager.addSession(session);
  return session.sessionId;
}

export async function startAndReport(manager: SessionManager, sessionId: string, report: (added: boolean) => void): Promise<string> {
  // sessionkit-migrate: the session is added with `manager.addSession(session)`, not awaited: await it first unless something relies on it running in the background: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(sessionId, new Date());
  manager.addSession(session).then(report);
  return session.sessionId;
}
