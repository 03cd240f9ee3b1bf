import { SessionSecurityError, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();
const secret = process.env['SESSION_SECRET'] ?? 'dev';

export async function validated(id: string, tool: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: the secret key `secret` is no longer used: core signs and checks client bindings with the SimpleSessionManager's key ring. Configure it there (`secretKeys: [secret]`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key (SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another
  await session.validateSecurity(tool).catch((error: unknown) => {
    throw error instanceof SessionSecurityError ? new SessionSecurityError(`session ${id} failed its binding check`) : error;
  });
  return { id: session.sessionId, suspicious: (await session.getSessionInfo()).client_binding?.is_suspicious ?? false };
}

export async function isValid(id: string): Promise<boolean> {
  const session = await manager.getSession(id);
  if (session === null) return false;
  // sessionkit-migrate: the secret key `secret` is no longer used: core signs and checks client bindings with the SimpleSessionManager's key ring. Configure it there (`secretKeys: [secret]`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key (SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another
  return await session.validateSecurity().then(() => true, (error: unknown) => {
    if (error instanceof SessionSecurityError) return false;
    throw error;
  });
}
