import { type CreateSessionOptions, type Session, SessionCleanupError, SimpleSessionManager } from '@sessionkit/core';

/** A pool that frees each session's scratch files when the session goes. */
export class ScratchPool extends SimpleSessionManager {
  readonly freed: string[] = [];

  constructor(capacity: number) {
    super({ maxSessions: capacity, cleanupIntervalSeconds: 60 });
  }

  protected async _cleanupSessionResources(sessionId: string): Promise<void> {
    if (sessionId.startsWith('locked-')) throw new SessionCleanupError(`${sessionId} is locked`);
    this.freed.push(sessionId);
  }

  /** Runs _cleanupSessionResources when the session leaves the pool (removed, expired, or the pool shut down). */
  override async createSession(sessionId: string, options?: CreateSessionOptions): Promise<Session> {
    const session = await super.createSession(sessionId, options);
    session.addCleanupCallback(() => this._cleanupSessionResources(sessionId));
    return session;
  }

  async usage(): Promise<string> {
    const stats = await this.getStats();
    return `${((stats.active_sessions / stats.max_sessions) * 100).toFixed(1)}%`;
  }
}

export function isPool(value: unknown): boolean {
  return value instanceof SimpleSessionManager;
}
