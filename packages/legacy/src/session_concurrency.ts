/**
 * Per-session access counting and optimistic versioning (session_concurrency.py),
 * kept in its own object beside the session record, with its own `version`.
 */
import { getConfig } from './config.js';
import { ConcurrencyError } from './exceptions.js';
import { isoformat } from './internal/time.js';
import { getSessionLockManager } from './session_lock_manager.js';

export { ConcurrencyError } from './exceptions.js';

export interface AccessStats {
  session_id: string;
  access_count: number;
  last_accessed: string;
  version: number;
}

export class SessionConcurrency {
  readonly sessionId: string;
  accessCount = 0;
  lastAccessed: Date = new Date();
  version = 0;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
  }

  async recordAccess(toolName?: string): Promise<void> {
    const release = await getSessionLockManager().acquireLock(this.sessionId);
    try {
      this.accessCount += 1;
      this.lastAccessed = new Date();
      this.version += 1;
      if (toolName) getConfig().logger.debug(`Session ${this.sessionId} accessed tool: ${toolName}`);
    } finally {
      release();
    }
  }

  /** True when `expectedVersion` is stale. */
  checkVersionConflict(expectedVersion: number): boolean {
    return this.version !== expectedVersion;
  }

  getAccessStats(): AccessStats {
    return {
      session_id: this.sessionId,
      access_count: this.accessCount,
      last_accessed: isoformat(this.lastAccessed),
      version: this.version,
    };
  }

  /**
   * Runs `fn` under the session's lock and bumps the version. With
   * `expectedVersion`, a stale version throws `ConcurrencyError` before `fn`
   * runs; a throwing `fn` propagates and leaves the version unchanged.
   */
  async synchronizedUpdate(fn: () => void | Promise<void>, expectedVersion?: number): Promise<void> {
    const release = await getSessionLockManager().acquireLock(this.sessionId);
    try {
      if (expectedVersion !== undefined && this.checkVersionConflict(expectedVersion)) {
        throw new ConcurrencyError(
          `Version conflict: expected ${expectedVersion}, got ${this.version} (session ${this.sessionId}); reload the session and retry`,
          { sessionId: this.sessionId, expectedVersion, actualVersion: this.version },
        );
      }
      await fn();
      this.lastAccessed = new Date();
      this.version += 1;
    } finally {
      release();
    }
  }

  /** Drops this session's lock from the global lock manager. */
  cleanup(): void {
    getSessionLockManager().removeLock(this.sessionId);
    getConfig().logger.debug(`Cleaned up concurrency resources for session ${this.sessionId}`);
  }
}

export function createSessionConcurrency(sessionId: string): SessionConcurrency {
  return new SessionConcurrency(sessionId);
}
