// Session handling for the analysis server.
import { SimpleSessionManager, type Session, Thread, ModelBackend } from '@sessionkit/core';

export const manager = new SimpleSessionManager({ maxSessions: 25 });

export function firstThread(session: Session): Thread | undefined {
  return Object.values(session.threads)[0];
}

export function technicalThread(id: string): Thread {
  return new Thread({ id: `${id}_technical`, name: 'technical', systemPrompt: 'You are…', modelBackend: ModelBackend.BEDROCK });
}
