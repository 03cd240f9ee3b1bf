import { ContextSwitcherSession, SessionSecurity } from '@sessionkit/legacy';
import { SimpleSessionManager } from '@sessionkit/core';

const pool = new SimpleSessionManager();

export async function quick(id: string) {
  return (await pool.createSession(id, { topic: 'already new' })).sessionId;
}

export async function legacyPath(id: string, topic: string, key: string) {
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await pool.createSession(id, { topic });
  await session.recordAnalysis('first prompt', { technical: 'ok' });
  return session.sessionId;
}

export async function auditedPath(id: string, key: string) {
  // sessionkit-migrate: security (SessionSecurity) is used for more than this binding: create it with `await manager.createSession(id, { topic })` by hand
  const session = new ContextSwitcherSession(id, new Date());
  const security = new SessionSecurity(id);
  session.clientBinding = security.createClientBinding(key);
  security.recordSecurityEvent('created', { id });
  await pool.addSession(session);
  return session.sessionId;
}
