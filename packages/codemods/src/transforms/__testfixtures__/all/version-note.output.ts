import { SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();

export async function info(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: session.version now counts every change of the session (threads, analyses, updates), where the old record's version counted recordAccess calls (tool accesses): if this value is shown or compared, decide which you mean
  return { id: session.sessionId, version: session.version };
}
