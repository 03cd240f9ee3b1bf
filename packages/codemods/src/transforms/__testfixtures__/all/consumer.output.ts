/**
 * Tools of an analysis server, written against the old session modules.
 */
import {
  Thread,
  ModelBackend,
  getSessionManager,
  SessionSecurityError,
  SessionConcurrencyError,
  SessionError,
  SimpleSessionManager,
} from '@sessionkit/core';

const manager = new SimpleSessionManager({ maxSessions: 50, sessionTtlHours: 1, cleanupIntervalSeconds: 300 });

export async function start(): Promise<void> {
  await manager.startBackgroundCleanup();
}

export async function createSession(sessionId: string, topic: string, secretKey: string): Promise<string> {
  // sessionkit-migrate: removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await manager.createSession(sessionId, { topic });
  return session.sessionId;
}

export async function addPerspective(sessionId: string, name: string, prompt: string, secretKey: string, toolName = 'add_perspective') {
  const session = await manager.getSession(sessionId);
  if (!session) return null;
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  await session.validateSecurity(toolName);
  // sessionkit-migrate: getSessionData(id) became getSessionManager().requireSession(id) (the process-wide pool), but this file creates or imports its own manager: if the session lives in that pool, call requireSession on it instead
  const sessionData = await getSessionManager().requireSession(sessionId);
  await sessionData.addThread(new Thread({ id: `${sessionId}_${name}`, name, systemPrompt: prompt, modelBackend: ModelBackend.BEDROCK }));
  return name;
}

export async function record(sessionId: string, prompt: string, responses: Record<string, string>, log: string[]) {
  const session = await manager.getSession(sessionId);
  if (!session) return;
  await session.atomicUpdate(async () => {
    for (const answer of Object.values(responses)) log.push(answer);
  });
  // sessionkit-migrate: getSessionData(id) became getSessionManager().requireSession(id) (the process-wide pool), but this file creates or imports its own manager: if the session lives in that pool, call requireSession on it instead
  const sessionData = await getSessionManager().requireSession(sessionId);
  await sessionData.recordAnalysis(prompt, responses);
}

export function describe(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'security_error';
  if (error instanceof SessionConcurrencyError) return 'concurrency_error';
  return error instanceof SessionError ? 'session_error' : 'internal_error';
}
