// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionManager, ContextSwitcherSession, getConfig); migrate it by hand, then run remove-adapter
import { SessionManager, ContextSwitcherSession, getConfig } from '@sessionkit/legacy-adapter';
// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (getSessionData, SessionData); migrate it by hand, then run remove-adapter
import { getSessionData, SessionData } from '@sessionkit/legacy-adapter/session_data';

// sessionkit-migrate: this file still calls methods only the old SessionManager has (see the other markers), so it keeps the old class for now
const manager = new SessionManager({ maxSessions: getConfig().maxActiveSessions });

// The session object is handed out: it stays old, and with it this file's manager and types.
export async function create(id: string): Promise<ContextSwitcherSession> {
  // sessionkit-migrate: session is used in ways core's Session does not support (returned): create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return session;
}

export function summary(data: SessionData): string {
  return `${data.getThreadCount()} threads`;
}

// sessionkit-migrate: getSessionData(id) is not assigned to a variable: use `await getSessionManager().requireSession(id)` and await the calls on it
export const countFor = (id: string) => getSessionData(id).getAnalysisCount();
