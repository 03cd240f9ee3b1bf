import { ContextSwitcherSession, SessionData, SessionManager, getSessionData, registerSessionData } from '@sessionkit/legacy';

const manager = new SessionManager();

export async function open(id: string): Promise<boolean> {
  const session = new ContextSwitcherSession(id, new Date());
  const added = await manager.addSession(session);
  if (!added) return false;
  registerSessionData(new SessionData(id, session.createdAt));
  return true;
}

export async function list() {
  const active = await manager.listActiveSessions();
  const rows = Object.values(active).map((session) => {
    const data = getSessionData(session.sessionId);
    return { id: session.sessionId, topic: session.topic, opened: session.createdAt.toISOString(), threads: data.getThreadCount() };
  });
  return { rows, stats: await manager.getStats() };
}

export async function oldest(): Promise<string | null> {
  const stats = await manager.getStats();
  return stats.oldest_session;
}
