/**
 * A helper module as the legacy consumer app has one: another file of the run
 * imports addThreads (see the options) and passes it an old SessionData.
 */
import { ModelBackend, Thread } from '@sessionkit/core';
// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (SessionData); migrate it by hand, then run remove-adapter
import type { SessionData } from '@sessionkit/legacy-adapter';

// sessionkit-migrate: keeps the old SessionData in its signature: handlers/session_handler.ts imports it and may still pass or expect the old object; move them to core together, then run all again
export function addThreads(sessionData: SessionData, names: readonly string[]): void {
  for (const name of names) {
    sessionData.addThread(new Thread({ id: name, name, systemPrompt: `You are a ${name} expert.`, modelBackend: ModelBackend.BEDROCK }));
  }
}

// sessionkit-migrate: sessionData keeps its old type: it uses what core's Session does not have (.getThreadCount()); move those uses to Session's API, then run all again
export const threadCount = (sessionData: SessionData): number => sessionData.getThreadCount();
