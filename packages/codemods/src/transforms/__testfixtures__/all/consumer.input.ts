/**
 * Tools of an analysis server, written against the old session modules.
 */
import { SessionManager } from '../session_manager';
import { ContextSwitcherSession, Thread, ModelBackend } from '../models';
import { SessionSecurity } from '../session_security';
import { getSessionData } from '../session_data';
import { getSessionLockManager } from '../session_lock_manager';
import { SecurityError, ConcurrencyError, SessionError } from '../exceptions';

const manager = new SessionManager({ maxSessions: 50, sessionTtlHours: 1, cleanupIntervalMinutes: 5 });

export async function start(): Promise<void> {
  await manager.startCleanupTask();
}

export async function createSession(sessionId: string, topic: string, secretKey: string): Promise<string> {
  const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
  const security = new SessionSecurity(sessionId);
  session.clientBinding = security.createClientBinding(secretKey);
  const added = await manager.addSession(session);
  if (!added) throw new SessionError('Session limit reached');
  return session.sessionId;
}

export async function addPerspective(sessionId: string, name: string, prompt: string, secretKey: string, toolName = 'add_perspective') {
  const session = await manager.getSession(sessionId);
  if (!(session && !manager._isExpired(session))) return null;
  const security = new SessionSecurity(sessionId, session.clientBinding);
  if (!security.validateBinding(secretKey)) {
    throw new SecurityError(`binding check failed for ${sessionId}`);
  }
  const sessionData = getSessionData(sessionId);
  sessionData.addThread(new Thread({ id: `${sessionId}_${name}`, name, systemPrompt: prompt, modelBackend: ModelBackend.BEDROCK }));
  return name;
}

export async function record(sessionId: string, prompt: string, responses: Record<string, string>, log: string[]) {
  const session = await manager.getSession(sessionId);
  if (!session) return;
  const release = await getSessionLockManager().acquireLock(sessionId);
  try {
    for (const answer of Object.values(responses)) log.push(answer);
  } finally {
    release();
  }
  const sessionData = getSessionData(sessionId);
  sessionData.recordAnalysis(prompt, responses, Object.keys(responses).length, 0);
}

export function describe(error: unknown): string {
  if (error instanceof SecurityError) return 'security_error';
  if (error instanceof ConcurrencyError) return 'concurrency_error';
  return error instanceof SessionError ? 'session_error' : 'internal_error';
}
