import { SimpleSessionManager, SessionSecurityError } from '@sessionkit/core';
// sessionkit-migrate: still uses the old API through @sessionkit/legacy-adapter (getConfig); migrate it by hand, then run remove-adapter
import { getConfig } from '@sessionkit/legacy-adapter';

export const manager = new SimpleSessionManager({ maxSessions: getConfig().maxActiveSessions, cleanupIntervalSeconds: 300 });

export async function create(id: string, topic: string): Promise<string> {
  const session = await manager.createSession(id, { topic });
  await session.validateSecurity('create');
  return session.sessionId;
}

export const isSecurityError = (error: unknown) => error instanceof SessionSecurityError;
