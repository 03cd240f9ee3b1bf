import { SessionSecurity, SecurityError } from '@sessionkit/legacy';
import type { SessionManager } from '@sessionkit/legacy';

export async function checkedSession(manager: SessionManager, sessionId: string, toolName: string, secretKey: string) {
  const session = await manager.getSession(sessionId);
  if (!session) return null;

  const security = new SessionSecurity(sessionId, session.clientBinding);
  if (!security.validateBinding(secretKey)) {
    session.recordSecurityEvent('binding_validation_failed', { tool_name: toolName });
    throw new SecurityError(`Client binding validation failed for session ${sessionId}`);
  }
  return session;
}

export async function viaSession(manager: SessionManager, sessionId: string, secretKey: string) {
  const session = await manager.requireSession(sessionId);
  if (!session.isBindingValid(secretKey)) throw new SecurityError('invalid binding');
  return session.sessionId;
}
