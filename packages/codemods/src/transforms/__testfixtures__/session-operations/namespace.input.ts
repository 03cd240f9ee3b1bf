import * as legacy from '@sessionkit/legacy';

export async function record(sessionId: string, prompt: string, responses: Record<string, string>) {
  const data = legacy.getSessionData(sessionId);
  data.recordAnalysis(prompt, responses, Object.keys(responses).length, 0);
  const lock = legacy.getSessionLockManager();
  void lock;
}
