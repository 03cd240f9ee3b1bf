import { SimpleSessionManager as Manager, Thread as PerspectiveThread } from '@sessionkit/core';
import type { ContextSwitcherSession as LegacySession } from '@sessionkit/legacy/models';

export function createManager(): Manager {
  return new Manager({ maxSessions: 5 });
}

// sessionkit-migrate: session keeps its old type: it uses what core's Session does not have (.threads); move those uses to Session's API, then run all again
export function threadsOf(session: LegacySession): PerspectiveThread[] {
  return Object.values(session.threads);
}
