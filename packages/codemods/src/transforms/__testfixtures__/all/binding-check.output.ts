import { SessionSecurityError, SimpleSessionManager } from '@sessionkit/core';

const manager = new SimpleSessionManager();
const secret = process.env['SESSION_SECRET'] ?? 'dev';

export async function validated(id: string, tool: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  await session.validateSecurity(tool).catch((error: unknown) => {
    throw error instanceof SessionSecurityError ? new SessionSecurityError(`session ${id} failed its binding check`) : error;
  });
  return { id: session.sessionId, suspicious: (await session.getSessionInfo()).client_binding?.is_suspicious ?? false };
}

export async function isValid(id: string): Promise<boolean> {
  const session = await manager.getSession(id);
  if (session === null) return false;
  return await session.validateSecurity().then(() => true, (error: unknown) => {
    if (error instanceof SessionSecurityError) return false;
    throw error;
  });
}
