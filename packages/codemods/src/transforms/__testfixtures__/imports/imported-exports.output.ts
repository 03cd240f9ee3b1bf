// Other files of the run import `manager` and `describe` (see the options).
import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
import { Thread } from '@sessionkit/core';

// sessionkit-migrate: keeps the old SessionManager in its signature: src/server.ts imports it and may still pass or expect the old object; move them to core together, then run all again
export const manager = new SessionManager({ maxSessions: 25 });

// Not exported, but part of what describe() takes: importers build it with old sessions.
// sessionkit-migrate: keeps the old ContextSwitcherSession in its signature: src/report.ts, src/server.ts import it and may still pass or expect the old object; move them to core together, then run all again
interface Opened {
  session: ContextSwitcherSession;
  first: Thread | undefined;
}

export function describe(opened: Opened): string {
  return `${opened.session.sessionId}: ${opened.first?.name ?? 'no thread'}`;
}

// Nobody imports this one, but one file holds one type: it stays old here too.
export function firstThread(session: ContextSwitcherSession): Thread | undefined {
  const first: ContextSwitcherSession = session;
  return Object.values(first.threads)[0];
}
