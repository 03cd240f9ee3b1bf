// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionData, SessionManager, ContextSwitcherSession); migrate it by hand, then run remove-adapter
import { type SessionData, SessionManager, ContextSwitcherSession } from '@sessionkit/legacy-adapter';
// The old models: their records are handed out below.
// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (getConfig); migrate it by hand, then run remove-adapter
import { getConfig } from '@sessionkit/legacy-adapter/config';

// sessionkit-migrate: this file still calls methods only the old SessionManager has (see the other markers), so it keeps the old class for now
const manager = new SessionManager({ maxSessions: getConfig().maxActiveSessions });

// The record and its data are handed out: everything here stays on the bridge, behind one import.
export async function open(id: string, data: SessionData): Promise<[ContextSwitcherSession, SessionData]> {
  // sessionkit-migrate: session is used in ways core's Session does not support (stored in an object): create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return [session, data];
}
