import type { SimpleSessionManager } from '@sessionkit/core';

export async function live(manager: SimpleSessionManager, id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  return session;
}
