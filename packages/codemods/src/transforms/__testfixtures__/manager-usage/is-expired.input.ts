import type { SessionManager } from '@sessionkit/legacy';

export async function live(manager: SessionManager, id: string) {
  const session = await manager.getSession(id);
  if (!(session && !manager._isExpired(session))) return null;
  return session;
}
