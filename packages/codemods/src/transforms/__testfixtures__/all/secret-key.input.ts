import { SecurityError, SessionManager } from '@sessionkit/legacy';

// The old checks were given the key; core's manager checks with its own key ring, so each site says which key it needs.
const manager = new SessionManager({ maxSessions: 20 });

export async function checked(id: string) {
  const session = await manager.getSession(id);
  if (!session) return null;
  if (!session.isBindingValid(process.env['HELPDESK_BINDING_SECRET_FOR_THE_SUPPORT_QUEUE'] ?? 'development')) {
    throw new SecurityError('invalid binding');
  }
  return session.topic;
}
