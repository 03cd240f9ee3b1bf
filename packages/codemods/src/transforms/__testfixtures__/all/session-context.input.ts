import { SessionManager } from '@sessionkit/legacy';
import type { ContextSwitcherSession } from '@sessionkit/legacy';

const scratch = new SessionManager({ maxSessions: 1 });

export async function once<T>(label: string, work: (topic: string) => T): Promise<T> {
  return scratch.sessionContext(`scratch-${label}`, label, async (session: ContextSwitcherSession) => work(session.topic ?? label));
}

export async function expired(id: string): Promise<boolean> {
  const session = await scratch.getSession(id);
  return session !== null && scratch._isExpired(session);
}
