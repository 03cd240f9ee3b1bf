import { ConcurrencyError, ContextSwitcherSession, SessionData, SessionError, SessionManager, createSessionConcurrency, getSessionData, registerSessionData } from '@sessionkit/legacy';

export const manager = new SessionManager();

export async function open(id: string, topic: string): Promise<void> {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  if (!(await manager.addSession(session))) throw new SessionError('full');
  registerSessionData(new SessionData(id, session.createdAt, topic));
}

export async function retire(id: string, name: string): Promise<boolean> {
  const data = getSessionData(id);
  const concurrency = createSessionConcurrency(id);
  let removed = false;
  try {
    await concurrency.synchronizedUpdate(() => {
      removed = data.removeThread(name);
    });
  } catch (error) {
    if (error instanceof ConcurrencyError) return false;
    throw error;
  }
  concurrency.cleanup();
  return removed;
}
