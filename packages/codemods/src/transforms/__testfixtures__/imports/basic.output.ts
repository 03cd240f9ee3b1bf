// Session handling for the analysis server.
import { SimpleSessionManager, Thread, ModelBackend } from '@sessionkit/core';

import { ContextSwitcherSession } from '@sessionkit/legacy';

export const manager = new SimpleSessionManager({ maxSessions: 25 });

// sessionkit-migrate: session keeps its old type: it uses what core's Session does not have (.threads); move those uses to Session's API, then run all again
export function firstThread(session: ContextSwitcherSession): Thread | undefined {
  return Object.values(session.threads)[0];
}

export function technicalThread(id: string): Thread {
  return new Thread({ id: `${id}_technical`, name: 'technical', systemPrompt: 'You are…', modelBackend: ModelBackend.BEDROCK });
}
