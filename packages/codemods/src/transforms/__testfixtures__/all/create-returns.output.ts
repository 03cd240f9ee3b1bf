import { SessionCapacityError, SimpleSessionManager } from '@sessionkit/core';

export class Tickets {
  private readonly pool = new SimpleSessionManager();

  async open(id: string, key: string): Promise<string | null> {
    // sessionkit-migrate: the secret key `key` is no longer used: core signs and checks client bindings with the SimpleSessionManager's key ring. Configure it there (`secretKeys: [key]`) or set SESSIONKIT_SECRET_KEYS; else each process uses a random key (SESSIONKIT_RANDOM_KEY warning) and a binding made in one replica, or before a restart, fails in another
    const session = await this.pool.createSession(id, { topic: `ticket ${id}` }).catch((error: unknown) => {
      if (error instanceof SessionCapacityError) return null;
      throw error;
    });
    if (session === null) return null;
    return session.sessionId;
  }
}
