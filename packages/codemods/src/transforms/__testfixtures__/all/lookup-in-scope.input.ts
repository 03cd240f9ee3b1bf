import { SessionManager, getSessionData } from '@sessionkit/legacy';

const manager = new SessionManager();

export async function lastPrompt(id: string): Promise<string | null> {
  const session = await manager.getSession(id);
  if (!session) return null;
  const data = getSessionData(id);
  return data.getLastAnalysis()?.prompt ?? null;
}

export async function threadOf(id: string, name: string) {
  const session = await manager.getSession(id);
  return session ? getSessionData(session.sessionId).getThread(name) ?? null : null;
}
