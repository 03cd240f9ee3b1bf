import { type Session, SimpleSessionManager } from '@sessionkit/core';

const scratch = new SimpleSessionManager({ maxSessions: 1 });

export async function once<T>(label: string, work: (topic: string) => T): Promise<T> {
  return scratch.withSession(`scratch-${label}`, { topic: label }, async (session: Session) => work(session.topic ?? label));
}

export async function expired(id: string): Promise<boolean> {
  const session = await scratch.getSession(id);
  return session !== null && session.isExpired(scratch.sessionTtlHours);
}
