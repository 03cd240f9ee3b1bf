import { SessionManager as Manager, Thread as PerspectiveThread } from '@sessionkit/legacy';
import type { ContextSwitcherSession as LegacySession } from '@sessionkit/legacy/models';

export function createManager(): Manager {
  return new Manager({ maxSessions: 5 });
}

export function threadsOf(session: LegacySession): PerspectiveThread[] {
  return Object.values(session.threads);
}
