import { SecurityError, SessionManager, SessionSecurity } from '@sessionkit/legacy';

const manager = new SessionManager();
const secret = process.env['SESSION_SECRET'] ?? 'dev';

export async function validated(id: string, tool: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  const security = new SessionSecurity(id, session.clientBinding);
  if (!security.validateBinding(secret)) {
    throw new SecurityError(`session ${id} failed its binding check`, { tool });
  }
  await session.recordAccess(tool);
  return { id: session.sessionId, suspicious: session.clientBinding?.isSuspicious() ?? false };
}

export async function isValid(id: string): Promise<boolean> {
  const session = await manager.getSession(id);
  if (session === null) return false;
  return new SessionSecurity(id, session.clientBinding).validateBinding(secret);
}
