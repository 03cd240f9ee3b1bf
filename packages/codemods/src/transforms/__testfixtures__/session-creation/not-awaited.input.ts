import { ContextSwitcherSession } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

// addSession's promise is not awaited: in a function that is not async, and in one that is.
export function startInBackground(manager: SessionManager, sessionId: string): string {
  const session = new ContextSwitcherSession(sessionId, new Date());
  manager.addSession(session);
  return session.sessionId;
}

export async function startAndReport(manager: SessionManager, sessionId: string, report: (added: boolean) => void): Promise<string> {
  const session = new ContextSwitcherSession(sessionId, new Date());
  manager.addSession(session).then(report);
  return session.sessionId;
}
