import type { SessionManager } from '@sessionkit/legacy';

export async function guarded<T>(manager: SessionManager, sessionId: string, work: () => Promise<T>): Promise<T> {
  const session = await manager.requireSession(sessionId);
  void session;
  return await session.atomicUpdate(work);
}
