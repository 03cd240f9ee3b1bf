import { ContextSwitcherSession as LegacySession, SessionSecurity as Security } from '@sessionkit/legacy';
import { getManager } from './app';

export async function create(id: string, topic: string, key: string) {
  const session = new LegacySession(id, new Date(), { topic });
  const security = new Security(id);
  session.clientBinding = security.createClientBinding(key);
  const added = await getManager().addSession(session);
  if (!added) return null;
  return session.sessionId;
}
