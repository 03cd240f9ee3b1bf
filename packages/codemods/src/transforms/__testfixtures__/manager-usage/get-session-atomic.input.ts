import type { SessionManager } from '@sessionkit/legacy';

export async function snapshot(manager: SessionManager, id: string) {
  // Read the session together with the version to check later.
  const [session, version] = await manager.getSessionAtomic(id);
  return { id: session?.sessionId, version };
}

export async function onlySession(manager: SessionManager, id: string) {
  let [session] = await manager.getSessionAtomic(id);
  return session;
}
