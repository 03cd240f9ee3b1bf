import { SessionCleanupError, SessionManager } from '@sessionkit/legacy';

/** A pool that frees each session's scratch files when the session goes. */
export class ScratchPool extends SessionManager {
  readonly freed: string[] = [];

  constructor(capacity: number) {
    super({ maxSessions: capacity, cleanupIntervalMinutes: 1 });
  }

  protected override async _cleanupSessionResources(sessionId: string): Promise<void> {
    if (sessionId.startsWith('locked-')) throw new SessionCleanupError(`${sessionId} is locked`);
    this.freed.push(sessionId);
  }

  async usage(): Promise<string> {
    const stats = await this.getStats();
    return stats.capacity_used;
  }
}

export function isPool(value: unknown): boolean {
  return value instanceof SessionManager;
}
