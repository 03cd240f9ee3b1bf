import type { SessionManager } from '@sessionkit/legacy';

export async function checkedSession(manager: SessionManager, sessionId: string, toolName: string, secretKey: string) {
  const session = await manager.getSession(sessionId);
  if (!session) return null;

  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  await session.validateSecurity(toolName);
  return session;
}

export async function viaSession(manager: SessionManager, sessionId: string, secretKey: string) {
  const session = await manager.requireSession(sessionId);
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  await session.validateSecurity();
  return session.sessionId;
}
