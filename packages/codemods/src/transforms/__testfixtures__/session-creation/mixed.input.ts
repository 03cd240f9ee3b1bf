import { ContextSwitcherSession, SessionSecurity } from '@sessionkit/legacy';
import { SimpleSessionManager } from '@sessionkit/core';

const pool = new SimpleSessionManager();

export async function quick(id: string) {
  return (await pool.createSession(id, { topic: 'already new' })).sessionId;
}

export async function legacyPath(id: string, topic: string, key: string) {
  const session = new ContextSwitcherSession(id, new Date(), { topic });
  const security = new SessionSecurity(id);
  session.clientBinding = security.createClientBinding(key);
  session.recordAnalysis('first prompt', { technical: 'ok' }, 1, 0);
  await pool.addSession(session);
  return session.sessionId;
}

export async function auditedPath(id: string, key: string) {
  const session = new ContextSwitcherSession(id, new Date());
  const security = new SessionSecurity(id);
  session.clientBinding = security.createClientBinding(key);
  security.recordSecurityEvent('created', { id });
  await pool.addSession(session);
  return session.sessionId;
}
