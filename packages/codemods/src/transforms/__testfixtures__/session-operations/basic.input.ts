import { getSessionData } from '../session_data';
import type { Thread } from '../models';

export async function addAndRecord(sessionId: string, thread: Thread, prompt: string, responses: Record<string, string>) {
  const sessionData = getSessionData(sessionId);
  sessionData.addThread(thread);
  const last = sessionData.getLastAnalysis();
  sessionData.recordAnalysis(prompt, responses, 2, 1);
  return last?.prompt ?? sessionData.sessionId;
}
