import { ContextSwitcherSession, ModelBackend, SessionData, SessionError, SessionManager, Thread, getSessionData, getSessionLockManager, registerSessionData } from '@sessionkit/legacy';

export const manager = new SessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  if (!(await manager.addSession(session))) throw new SessionError('full');
  registerSessionData(new SessionData(id, session.createdAt, topic));
}
const locks = getSessionLockManager();

/** Replaces one perspective with another in one step. */
export async function swap(id: string, from: string, to: string): Promise<number> {
  const data = getSessionData(id);
  await locks.withLock(id, () => {
    data.removeThread(from);
    data.addThread(new Thread({ id: `${id}_${to}`, name: to, systemPrompt: `You are ${to}.`, modelBackend: ModelBackend.BEDROCK }));
  });
  return data.getThreadCount();
}

/** Counts runs: a run's number is taken and recorded under the lock. */
export async function record(id: string, prompt: string, responses: Record<string, string>) {
  const data = getSessionData(id);
  return locks.withLock(id, async () => {
    const run = data.getAnalysisCount() + 1;
    data.recordAnalysis(prompt, responses, Object.keys(responses).length, 0);
    return { run, last: data.getLastAnalysis()?.prompt };
  });
}
