/**
 * The old per-session access counter and optimistic versioning
 * (`session_concurrency.py`) as a view of the core session with its id. The
 * old object kept a second version counter beside the record's; here there
 * is one, the session's.
 */
import { SessionConcurrencyError, SessionError } from '@sessionkit/core';
import { getConfig } from '../config.js';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { findOrCreateHandle } from '../internal/directory.js';
import { runWithIdLock } from '../internal/id_locks.js';
import type { SessionHandle } from '../internal/session_handle.js';
import { globalLockManager } from './session_lock_manager.js';

export interface AccessStats {
  session_id: string;
  access_count: number;
  last_accessed: string;
  version: number;
}

const concurrencyHandles = new WeakMap<SessionConcurrency, SessionHandle>();

/** The handle behind a SessionConcurrency view. */
export function handleOfConcurrency(concurrency: unknown): SessionHandle | undefined {
  return concurrency instanceof SessionConcurrency ? concurrencyHandles.get(concurrency) : undefined;
}

export class SessionConcurrency {
  readonly #handle: SessionHandle;

  constructor(sessionId: string) {
    deprecated(DEPRECATIONS.sessionConcurrency);
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new SessionError(`sessionId must be a non-empty string, got ${describeValue(sessionId)}`);
    }
    this.#handle = findOrCreateHandle(sessionId);
    concurrencyHandles.set(this, this.#handle);
  }

  get sessionId(): string {
    return this.#handle.sessionId;
  }

  get accessCount(): number {
    return this.#handle.read((state) => state.metrics.accessCount);
  }

  get lastAccessed(): Date {
    return this.#handle.read((state) => new Date(state.metrics.lastAccessedMs));
  }

  get version(): number {
    return this.#handle.session.version;
  }

  /** Counts an access under the id's lock and the session's own: access count and version +1. */
  async recordAccess(toolName?: string): Promise<void> {
    await runWithIdLock(this.sessionId, () => this.#handle.hold(() => undefined, { countsAsAccess: true }));
    if (toolName) getConfig().logger.debug(`Session ${this.sessionId} accessed tool: ${toolName}`);
  }

  /** True when `expectedVersion` is stale. */
  checkVersionConflict(expectedVersion: number): boolean {
    return this.#handle.session.version !== expectedVersion;
  }

  getAccessStats(): AccessStats {
    return this.#handle.read((state) => ({
      session_id: this.#handle.sessionId,
      access_count: state.metrics.accessCount,
      last_accessed: state.metrics.lastAccessed,
      version: state.version,
    }));
  }

  /**
   * Runs `fn` under the id's lock (the one old lock-manager blocks wait for)
   * and the session's own, as one `atomicUpdate`: version +1
   * when it succeeds. With `expectedVersion`, a stale version throws
   * ConcurrencyError before `fn` runs. If `fn` throws, its error propagates,
   * the version is unchanged and what `fn` changed through the old API is
   * rolled back (the old object left half-done changes in place).
   */
  async synchronizedUpdate(fn: () => void | Promise<void>, expectedVersion?: number): Promise<void> {
    if (typeof fn !== 'function') {
      throw new SessionError(`synchronizedUpdate expects a function, got ${describeValue(fn)}`);
    }
    if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
      // No version can equal it: the old comparison reported a conflict, so does this.
      throw new SessionConcurrencyError(
        `Version conflict in session ${this.sessionId}: expected ${String(expectedVersion)}, actual ${this.version}`,
        { actual: this.version },
      );
    }
    await runWithIdLock(this.sessionId, () => this.#handle.hold(fn, { expectedVersion, countsAsAccess: false }));
  }

  /** Forgets this session's lock in the global lock manager (a later `getLock` hands out a new lock object). */
  cleanup(): void {
    globalLockManager().removeLock(this.sessionId);
    getConfig().logger.debug(`Cleaned up concurrency resources for session ${this.sessionId}`);
  }
}

export function createSessionConcurrency(sessionId: string): SessionConcurrency {
  return new SessionConcurrency(sessionId);
}
