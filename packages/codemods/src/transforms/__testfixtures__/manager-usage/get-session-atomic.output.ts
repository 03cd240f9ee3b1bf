import type { SimpleSessionManager } from '@sessionkit/core';

export async function snapshot(manager: SimpleSessionManager, id: string) {
  // Read the session together with the version to check later.
  const session = await manager.getSession(id);
  const version = session === null ? -1 : (await session.getVersionInfo()).version;
  return { id: session?.sessionId, version };
}

export async function onlySession(manager: SimpleSessionManager, id: string) {
  let session = await manager.getSession(id);
  return session;
}
