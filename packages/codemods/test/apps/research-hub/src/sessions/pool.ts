import { SessionCleanupError, SessionManager } from './index';
import type { SessionManagerOptions } from './index';

export interface PoolOptions {
  capacity: number;
  ttlHours: number;
  /** Told about every session that leaves the pool (closed or expired). */
  onRelease?: (sessionId: string) => void;
}

/** The hub's session pool: a SessionManager that releases each notebook's scratch space when its session goes. */
export class SessionPool extends SessionManager {
  readonly released: string[] = [];
  readonly #onRelease: ((sessionId: string) => void) | undefined;

  constructor(options: PoolOptions) {
    const settings: SessionManagerOptions = {
      maxSessions: options.capacity,
      sessionTtlHours: options.ttlHours,
      cleanupIntervalMinutes: 10,
    };
    super(settings);
    this.#onRelease = options.onRelease;
  }

  protected override async _cleanupSessionResources(sessionId: string): Promise<void> {
    this.released.push(sessionId);
    if (sessionId.includes('pinned')) throw new SessionCleanupError(`scratch space of ${sessionId} is pinned`);
    this.#onRelease?.(sessionId);
  }

  async load(): Promise<string> {
    const stats = await this.getStats();
    return `${stats.active_sessions}/${stats.max_sessions} (${stats.capacity_used})`;
  }
}
