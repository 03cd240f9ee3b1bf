import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
import { getSessionData, SessionData } from '@sessionkit/legacy/session_data';
import { getConfig } from '../config';

const manager = new SessionManager({ maxSessions: getConfig().maxActiveSessions });

// The session object is handed out: it stays old, and with it this file's manager and types.
export async function create(id: string): Promise<ContextSwitcherSession> {
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}

export function summary(data: SessionData): string {
  return `${data.getThreadCount()} threads`;
}

export const countFor = (id: string) => getSessionData(id).getAnalysisCount();
