import * as legacy from '@sessionkit/legacy';

export async function create(manager: legacy.SessionManager, id: string) {
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await manager.createSession(id, { topic: 'review' });
  return session.sessionId;
}
