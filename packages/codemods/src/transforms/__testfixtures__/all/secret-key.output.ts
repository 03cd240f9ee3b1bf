import { SessionSecurityError, SimpleSessionManager } from '@sessionkit/core';

// The old checks were given the key; core's manager checks with its own key ring, so each site says which key it needs.
const manager = new SimpleSessionManager({ maxSessions: 20 });

export async function checked(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  // sessionkit-migrate: the secret key `process.env['HELPDESK_BINDING_SECRET_FOR_THE_SUPPORT_QUEU...` is no longer used: core signs and checks client bindings with the SimpleSessionManager's key ring. Configure it there (`secretKeys: [<this key>]`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key (SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another
  await session.validateSecurity().catch((error: unknown) => {
    throw error instanceof SessionSecurityError ? new SessionSecurityError('invalid binding') : error;
  });
  return session.topic;
}
