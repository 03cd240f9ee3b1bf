import { AnalysisRecord, SessionCapacityError, SessionError, SimpleSessionManager } from '@sessionkit/core';

export const manager = new SimpleSessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('full') : error;
  });
}

/** Records an analysis and reports the count it made: no other analysis can slip in between. */
export async function analyse(id: string, prompt: string, ask: (prompt: string) => Promise<Record<string, string>>) {
  const responses = await ask(prompt);
  const data = await manager.requireSession(id);
  const { total, last } = await data.atomicUpdate((state) => {
    state.analyses.push(AnalysisRecord.fromResponses(prompt, responses, new Date().toISOString()));
    state.metrics.recordAnalysis(0);
    const total = state.analysisCount;
    const last = state.analyses.at(-1) ?? null;
    return { total, last };
  });
  return { total, prompt: last?.prompt };
}
