/**
 * A helper module as the legacy consumer app has one: another file of the run
 * imports addThreads (see the options) and passes it an old SessionData.
 */
import { ModelBackend, Thread } from '../models';
import type { SessionData } from '../session_data';

export function addThreads(sessionData: SessionData, names: readonly string[]): void {
  for (const name of names) {
    sessionData.addThread(new Thread({ id: name, name, systemPrompt: `You are a ${name} expert.`, modelBackend: ModelBackend.BEDROCK }));
  }
}

export const threadCount = (sessionData: SessionData): number => sessionData.getThreadCount();
