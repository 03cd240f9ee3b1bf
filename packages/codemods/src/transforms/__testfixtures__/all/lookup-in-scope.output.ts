import { SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();

export async function lastPrompt(id: string): Promise<string | null> {
  const session = await manager.getSession(id);
  if (!session) return null;
  const data = session;
  return (await data.getLastAnalysis())?.prompt ?? null;
}

export async function threadOf(id: string, name: string) {
  const session = await manager.getSession(id);
  return session ? await session.getThread(name) ?? null : null;
}
