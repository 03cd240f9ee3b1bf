import * as legacy from '@sessionkit/legacy';

const pool = new legacy.SessionManager({ maxSessions: 5 });

export async function topicOf(id: string): Promise<string> {
  const session = await pool.getSession(id);
  return session?.topic ?? 'unknown';
}

export function isSessionError(error: unknown): error is legacy.SessionError {
  return error instanceof legacy.SessionError;
}

export const backend: legacy.ModelBackend = legacy.ModelBackend.OLLAMA;
