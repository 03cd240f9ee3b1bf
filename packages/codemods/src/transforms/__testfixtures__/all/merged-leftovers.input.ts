import type { SessionData } from '../session_data';
import { SessionManager } from '../session_manager';
// The old models: their records are handed out below.
import { ContextSwitcherSession } from '../models';
import { getConfig } from '@sessionkit/legacy/config';

const manager = new SessionManager({ maxSessions: getConfig().maxActiveSessions });

// The record and its data are handed out: everything here stays on the bridge, behind one import.
export async function open(id: string, data: SessionData): Promise<[ContextSwitcherSession, SessionData]> {
  const session = new ContextSwitcherSession(id, new Date());
  await manager.addSession(session);
  return [session, data];
}
