import * as legacy from '@sessionkit/legacy';
import { LAB_SECRET, labPool, sessionLibrary } from './runtime';

export async function startExperiment(name: string, hypotheses: readonly string[]) {
  const pool = await labPool();
  const id = `exp-${name}`;
  const session = new legacy.ContextSwitcherSession(id, new Date(), { topic: `experiment ${name}` });
  session.clientBinding = new legacy.SessionSecurity(id).createClientBinding(LAB_SECRET);
  const added = await pool.addSession(session);
  if (!added) return { started: false, reason: 'the lab is full' };

  const data = new legacy.SessionData(id, session.createdAt, session.topic);
  for (const [index, hypothesis] of hypotheses.entries()) {
    data.addThread(
      new legacy.Thread({ id: `${id}-h${index}`, name: `h${index}`, systemPrompt: hypothesis, modelBackend: legacy.ModelBackend.LITELLM, modelName: 'gpt-lab' }),
    );
  }
  legacy.registerSessionData(data);
  return { started: true, id, hypotheses: data.getThreadCount() };
}

/** Records one run of measurements; runs of one experiment are serialised. */
export async function recordRun(id: string, prompt: string, measurements: Record<string, string>) {
  const { getSessionData, getSessionLockManager } = await sessionLibrary();
  const data = getSessionData(id);
  const locks = getSessionLockManager();
  return locks.withLock(id, async () => {
    const before = data.getAnalysisCount();
    const abstained = Object.values(measurements).filter((value) => value === '[NO_RESPONSE]').length;
    data.recordAnalysis(prompt, measurements, Object.keys(measurements).length - abstained, abstained);
    return { run: before + 1, last: data.getLastAnalysis()?.prompt };
  });
}

export async function stopExperiment(id: string): Promise<string> {
  const pool = await labPool();
  const { removeSession } = { removeSession: pool.removeSession.bind(pool) };
  try {
    if (!(await removeSession(id))) throw new legacy.SessionError(`no experiment ${id}`);
    return 'stopped';
  } catch (error) {
    if (error instanceof legacy.SessionError) return `not stopped: ${error.message}`;
    throw error;
  }
}
