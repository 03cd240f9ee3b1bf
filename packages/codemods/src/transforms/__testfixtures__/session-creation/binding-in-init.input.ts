import { ContextSwitcherSession, SessionSecurity, SessionError } from '@sessionkit/legacy';

export class Handler {
  constructor(private readonly manager: import('@sessionkit/legacy').SessionManager, private readonly key: string) {}

  async create(id: string, topic: string) {
    const security = new SessionSecurity(id);
    const session = new ContextSwitcherSession(id, new Date(), { topic: topic.trim(), clientBinding: security.createClientBinding(this.key) });
    if (!(await this.manager.addSession(session))) throw new SessionError('full');
    return session.sessionId;
  }
}
