import { createSessionConcurrency, SessionConcurrency } from '@sessionkit/legacy/session_concurrency';
import type { SessionManager } from '@sessionkit/legacy';

export async function bump(manager: SessionManager, sessionId: string, expectedVersion: number, state: { count: number }) {
  const session = await manager.requireSession(sessionId);
  const concurrency = createSessionConcurrency(sessionId);
  await concurrency.synchronizedUpdate(() => {
    state.count += 1;
  }, expectedVersion);
  return session.sessionId;
}

export async function bumpAgain(manager: SessionManager, sessionId: string, state: { count: number }) {
  const session = await manager.getSession(sessionId);
  const concurrency = new SessionConcurrency(sessionId);
  return session ? concurrency.synchronizedUpdate(async () => { state.count += 2; }) : undefined;
}
