import { SessionCapacityError, SessionConcurrencyError, SessionError, SimpleSessionManager } from '@sessionkit/core';

export const manager = new SimpleSessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = await manager.createSession(id, { topic }).catch((error: unknown) => {
    throw error instanceof SessionCapacityError ? new SessionError('full') : error;
  });
}

export async function retire(id: string, name: string): Promise<boolean> {
  const data = await manager.requireSession(id);
  let removed = false;
  try {
    await data.atomicUpdate((state) => {
      removed = state.threads.delete(name);
    });
  } catch (error) {
    if (error instanceof SessionConcurrencyError) return false;
    throw error;
  }
  return removed;
}
