import { ContextSwitcherSession, SessionData } from '@sessionkit/legacy';

// Old sessions are still built here, so their types stay old too (until session-creation moves the
// construction; `all` runs this transform again at the end).
export function build(id: string): ContextSwitcherSession {
  const session: ContextSwitcherSession = new ContextSwitcherSession(id, new Date());
  const data: SessionData = new SessionData(id, session.createdAt);
  void data;
  return session;
}
