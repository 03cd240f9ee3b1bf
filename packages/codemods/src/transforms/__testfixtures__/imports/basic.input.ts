// Session handling for the analysis server.
import { SessionManager, ContextSwitcherSession } from '@sessionkit/legacy';
import { Thread, ModelBackend } from '../models';
import { SessionConcurrency } from '../session_concurrency';
import { getSessionLockManager } from '../session_lock_manager';
import { SessionSecurity } from '../session_security';

export const manager = new SessionManager({ maxSessions: 25 });

export function firstThread(session: ContextSwitcherSession): Thread | undefined {
  return Object.values(session.threads)[0];
}

export function technicalThread(id: string): Thread {
  return new Thread({ id: `${id}_technical`, name: 'technical', systemPrompt: 'You are…', modelBackend: ModelBackend.BEDROCK });
}
