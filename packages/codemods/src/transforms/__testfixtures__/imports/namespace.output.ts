import { SimpleSessionManager, type Session, Thread, ModelBackend } from '@sessionkit/core';
import * as legacy from '@sessionkit/legacy';

export const manager: SimpleSessionManager = new SimpleSessionManager();

export function threadFor(session: Session, name: string): Thread {
  return new Thread({ id: `${session.sessionId}_${name}`, name, systemPrompt: '', modelBackend: ModelBackend.OLLAMA });
}

// Still needed from the old system: the namespace import stays for it.
export const config = legacy.getConfig();
