// The old system, imported from the package root and its subpaths.
import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy-adapter';
import { getSessionData } from '@sessionkit/legacy-adapter/session_data';
import { createSessionConcurrency } from '@sessionkit/legacy-adapter/session_concurrency';

export const manager = new SessionManager({ maxSessions: 10 });

export function describe(session: ContextSwitcherSession): string {
  const data = getSessionData(session.sessionId);
  const concurrency = createSessionConcurrency(session.sessionId);
  return `${data.getThreadCount()} threads, version ${concurrency.version}`;
}
