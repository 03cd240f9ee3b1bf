// An app that keeps the session modules in its own tree (in-repo migration).
import { SessionManager } from './session_manager.js';
import { ContextSwitcherSession } from './models.js';
import { getSessionData } from './session_data.js';

const manager = new SessionManager();

export async function create(id: string, topic: string): Promise<string> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  await manager.addSession(session);
  return session.sessionId;
}

export async function lastPrompt(id: string): Promise<string | undefined> {
  const data = getSessionData(id);
  return data.getLastAnalysis()?.prompt;
}
