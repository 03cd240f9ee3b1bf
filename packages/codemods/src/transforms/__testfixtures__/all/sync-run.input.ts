import { ContextSwitcherSession, SessionData, SessionError, SessionManager, getSessionData, registerSessionData } from '@sessionkit/legacy';

export const manager = new SessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  if (!(await manager.addSession(session))) throw new SessionError('full');
  registerSessionData(new SessionData(id, session.createdAt, topic));
}

/** Records an analysis and reports the count it made: no other analysis can slip in between. */
export async function analyse(id: string, prompt: string, ask: (prompt: string) => Promise<Record<string, string>>) {
  const responses = await ask(prompt);
  const data = getSessionData(id);
  data.recordAnalysis(prompt, responses, Object.keys(responses).length, 0);
  const total = data.getAnalysisCount();
  const last = data.getLastAnalysis();
  return { total, prompt: last?.prompt };
}
