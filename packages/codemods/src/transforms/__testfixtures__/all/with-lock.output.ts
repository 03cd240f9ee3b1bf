import { AnalysisRecord, ModelBackend, SessionCapacityError, SessionError, SimpleSessionManager, Thread } from '@sessionkit/core';

export const manager = new SimpleSessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('full') : error;
  });
}

/** Replaces one perspective with another in one step. */
export async function swap(id: string, from: string, to: string): Promise<number> {
  const data = await manager.requireSession(id);
  await data.atomicUpdate((state) => {
    state.threads.delete(from);
    const thread = new Thread({ id: `${id}_${to}`, name: to, systemPrompt: `You are ${to}.`, modelBackend: ModelBackend.BEDROCK });
    state.threads.set(thread.name, thread);
  });
  return data.threadCount;
}

/** Counts runs: a run's number is taken and recorded under the lock. */
export async function record(id: string, prompt: string, responses: Record<string, string>) {
  const data = await manager.requireSession(id);
  return data.atomicUpdate(async (state) => {
    const run = state.analysisCount + 1;
    state.analyses.push(AnalysisRecord.fromResponses(prompt, responses, new Date().toISOString()));
    state.metrics.recordAnalysis(0);
    return { run, last: (state.analyses.at(-1) ?? null)?.prompt };
  });
}
