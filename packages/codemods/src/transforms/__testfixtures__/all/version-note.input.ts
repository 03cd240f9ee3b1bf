import { SessionManager } from '@sessionkit/legacy';

const manager = new SessionManager();

export async function info(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  return { id: session.sessionId, version: session.version };
}
