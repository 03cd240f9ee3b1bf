import { getSessionManager } from '@sessionkit/core';
import type { Thread } from '../models';

export async function addAndRecord(sessionId: string, thread: Thread, prompt: string, responses: Record<string, string>) {
  const sessionData = await getSessionManager().requireSession(sessionId);
  await sessionData.addThread(thread);
  const last = await sessionData.getLastAnalysis();
  await sessionData.recordAnalysis(prompt, responses);
  return last?.prompt ?? sessionData.sessionId;
}
