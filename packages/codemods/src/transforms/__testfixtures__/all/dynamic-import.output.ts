import type * as Legacy from '@sessionkit/core';

let pool: Legacy.SimpleSessionManager | null = null;

export async function lazyPool(): Promise<Legacy.SimpleSessionManager> {
  if (pool) return pool;
  const { SimpleSessionManager } = await import('@sessionkit/core');
  pool = new SimpleSessionManager({ maxSessions: 3 });
  return pool;
}

export async function threadsOf(id: string): Promise<string[]> {
  const session = await (await lazyPool()).getSession(id);
  if (!session) return [];
  await import('@sessionkit/core');
  return [...(await session.getAllThreads()).keys()];
}
