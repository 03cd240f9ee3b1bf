import { SessionCapacityError, SimpleSessionManager } from '@sessionkit/core';

export class Tickets {
  private readonly pool = new SimpleSessionManager();

  async open(id: string, key: string): Promise<string | null> {
    const session = await this.pool.createSession(id, { topic: `ticket ${id}` }).catch((error: unknown) => {
      if (error instanceof SessionCapacityError) return null;
      throw error;
    });
    if (session === null) return null;
    return session.sessionId;
  }
}
