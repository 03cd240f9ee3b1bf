import type { SessionManager } from '@sessionkit/legacy';

export async function bump(manager: SessionManager, sessionId: string, expectedVersion: number, state: { count: number }) {
  const session = await manager.requireSession(sessionId);
  await session.atomicUpdate(() => {
    state.count += 1;
  }, expectedVersion);
  return session.sessionId;
}

export async function bumpAgain(manager: SessionManager, sessionId: string, state: { count: number }) {
  const session = await manager.getSession(sessionId);
  return session ? await session.atomicUpdate(async () => { state.count += 2; }) : undefined;
}
