import * as legacy from '@sessionkit/legacy';

export const manager: legacy.SessionManager = new legacy.SessionManager();

export function threadFor(session: legacy.ContextSwitcherSession, name: string): legacy.Thread {
  return new legacy.Thread({ id: `${session.sessionId}_${name}`, name, systemPrompt: '', modelBackend: legacy.ModelBackend.OLLAMA });
}

// Still needed from the old system: the namespace import stays for it.
export const config = legacy.getConfig();
