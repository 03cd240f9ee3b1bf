// An app that keeps the session modules in its own tree (in-repo migration).
import { getSessionManager, SimpleSessionManager } from './session_manager.js';

const manager = new SimpleSessionManager();

export async function create(id: string, topic: string): Promise<string> {
  const session = await manager.createSession(id, { topic });
  return session.sessionId;
}

export async function lastPrompt(id: string): Promise<string | undefined> {
  // sessionkit-migrate: getSessionData(id) became getSessionManager().requireSession(id) (the process-wide pool), but this file creates or imports its own manager: if the session lives in that pool, call requireSession on it instead
  const data = await getSessionManager().requireSession(id);
  return (await data.getLastAnalysis())?.prompt;
}
