import { SimpleSessionManager, type Session } from '@sessionkit/core';

const manager = new SimpleSessionManager({ maxSessions: 5 });

export async function topicOf(id: string): Promise<string | null> {
  const session: Session | null = await manager.getSession(id);
  return session?.topic ?? null;
}
