import { getManager } from './app';

export async function create(id: string, topic: string, key: string) {
  // sessionkit-migrate: removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)
  // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
  const session = await getManager().createSession(id, { topic });
  return session.sessionId;
}
