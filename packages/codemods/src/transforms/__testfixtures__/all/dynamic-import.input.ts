import type * as Legacy from '@sessionkit/legacy';

let pool: Legacy.SessionManager | null = null;

export async function lazyPool(): Promise<Legacy.SessionManager> {
  if (pool) return pool;
  const { SessionManager } = await import('@sessionkit/legacy');
  pool = new SessionManager({ maxSessions: 3 });
  return pool;
}

export async function threadsOf(id: string): Promise<string[]> {
  const session = await (await lazyPool()).getSession(id);
  if (!session) return [];
  const { getSessionData } = await import('@sessionkit/legacy');
  return getSessionData(id).getThreadNames();
}
