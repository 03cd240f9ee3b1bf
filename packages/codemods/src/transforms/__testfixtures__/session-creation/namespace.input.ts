import * as legacy from '@sessionkit/legacy';

export async function create(manager: legacy.SessionManager, id: string) {
  const session = new legacy.ContextSwitcherSession(id, new Date(), { topic: 'review' });
  const security = new legacy.SessionSecurity(id);
  session.clientBinding = security.createClientBinding(process.env.SECRET_KEY ?? 'dev');
  await manager.addSession(session);
  return session.sessionId;
}
