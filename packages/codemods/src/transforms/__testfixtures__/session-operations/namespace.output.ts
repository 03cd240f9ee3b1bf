import { getSessionManager } from '@sessionkit/core';
import * as legacy from '@sessionkit/legacy';

export async function record(sessionId: string, prompt: string, responses: Record<string, string>) {
  const data = await getSessionManager().requireSession(sessionId);
  await data.recordAnalysis(prompt, responses);
  const lock = legacy.getSessionLockManager();
  void lock;
}
