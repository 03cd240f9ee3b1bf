export class Handler {
  constructor(private readonly manager: import('@sessionkit/legacy').SessionManager, private readonly key: string) {}

  async create(id: string, topic: string) {
    // sessionkit-migrate: removed the `if (!added)` check after addSession: createSession throws SessionCapacityError when the pool is full (handle it where this is called if needed)
    // sessionkit-migrate: the secret key is no longer passed per call: the manager's key ring signs and checks bindings (secretKey / secretKeys / SESSIONKIT_SECRET_KEYS); make sure it holds this key
    const session = await this.manager.createSession(id, { topic: topic.trim() });
    return session.sessionId;
  }
}
