import { ContextSwitcherSession, SessionManager, SessionSecurity } from '@sessionkit/legacy';

export class Tickets {
  private readonly pool = new SessionManager();

  async open(id: string, key: string): Promise<string | null> {
    const session = new ContextSwitcherSession(id, new Date(), { topic: `ticket ${id}`, clientBinding: new SessionSecurity(id).createClientBinding(key) });
    if (!(await this.pool.addSession(session))) return null;
    return session.sessionId;
  }
}
