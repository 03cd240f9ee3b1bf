import { SimpleSessionManager as Manager, Thread as PerspectiveThread, type Session as LegacySession } from '@sessionkit/core';

export function createManager(): Manager {
  return new Manager({ maxSessions: 5 });
}

export function threadsOf(session: LegacySession): PerspectiveThread[] {
  return Object.values(session.threads);
}
