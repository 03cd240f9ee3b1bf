// Other files of the run import `manager` and `describe` (see the options).
import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
import { Thread } from '../models';

export const manager = new SessionManager({ maxSessions: 25 });

// Not exported, but part of what describe() takes: importers build it with old sessions.
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
