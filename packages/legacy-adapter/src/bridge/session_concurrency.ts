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
import type { SessionHandle } from '../internal/session_handle.js';
import { isoformat } from '../internal/time.js';
import { assignAccessCount, assignLastAccessed, assignVersion } from './access_fields.js';
import { inOldSection } from './old_sections.js';
import { globalLockManager } from './session_lock_manager.js';

/** What `SessionConcurrency#getAccessStats` returns: the old snake_case dict. */
export interface AccessStats {
  /** The session id. */
  session_id: string;
  /** Core's `metrics.access_count`: old `recordAccess` calls plus core operations. */
  access_count: number;
  /** The last access, in Python `isoformat()`. */
  last_accessed: string;
  /** The core session's version. */
  version: number;
}

const concurrencyHandles = new WeakMap<SessionConcurrency, SessionHandle>();

/** The handle behind a SessionConcurrency view. */
export function handleOfConcurrency(concurrency: unknown): SessionHandle | undefined {
  return concurrency instanceof SessionConcurrency ? concurrencyHandles.get(concurrency) : undefined;
}

/**
 * The old per-session access counter and optimistic versioning, as a view of
 * the core session with its id: one version and one access count, the
 * session's, shared with the session record and core.
 */
export class SessionConcurrency {
  readonly #handle: SessionHandle;

  /**
   * A view of the session with this id (created bare when there is none).
   * The first construction in the process emits the
   * `SESSIONKIT_LEGACY_SESSION_CONCURRENCY` deprecation warning.
   * @param sessionId - The session id.
   * @throws `SessionError` for an empty id.
   */
  constructor(sessionId: string) {
    deprecated(DEPRECATIONS.sessionConcurrency);
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new SessionError(`sessionId must be a non-empty string, got ${describeValue(sessionId)}`);
    }
    this.#handle = findOrCreateHandle(sessionId);
    concurrencyHandles.set(this, this.#handle);
  }

  /** The session id. */
  get sessionId(): string {
    return this.#handle.sessionId;
  }

  /** Core's `metrics.access_count`: old `recordAccess` calls plus core operations on the session. */
  get accessCount(): number {
    return this.#handle.read((state) => state.metrics.accessCount);
  }

  /** Sets the session's access count, as old code assigned it (no version bump). */
  set accessCount(value: number) {
    assignAccessCount(this.#handle, value);
  }

  /** When the session was last accessed (core's `metrics.last_accessed`). */
  get lastAccessed(): Date {
    return this.#handle.read((state) => new Date(state.metrics.lastAccessedMs));
  }

  /** Sets the session's last access time (no version bump). */
  set lastAccessed(value: Date) {
    assignLastAccessed(this.#handle, value);
  }

  /** The session's version (one counter, shared with the session record and core). */
  get version(): number {
    return this.#handle.session.version;
  }

  /** Sets the session's version, as old code assigned it to reset or align it. */
  set version(value: number) {
    assignVersion(this.#handle, value);
  }

  /**
   * Counts an access under the session's lock, taken through the process-wide
   * lock manager as before: access count and version +1. A lock-manager
   * failure rejects and counts nothing.
   */
  async recordAccess(toolName?: string): Promise<void> {
    await inOldSection(this.#handle, () => undefined, { countsAsAccess: true });
    if (toolName) getConfig().logger.debug(`Session ${this.sessionId} accessed tool: ${toolName}`);
  }

  /** True when `expectedVersion` is stale. */
  checkVersionConflict(expectedVersion: number): boolean {
    return this.#handle.session.version !== expectedVersion;
  }

  /** The old stats dict; `last_accessed` in Python `isoformat()`, as the old system wrote it. */
  getAccessStats(): AccessStats {
    return this.#handle.read((state) => ({
      session_id: this.#handle.sessionId,
      access_count: state.metrics.accessCount,
      last_accessed: isoformat(new Date(state.metrics.lastAccessedMs)),
      version: state.version,
    }));
  }

  /**
   * Runs `fn` under the session's lock, taken through the process-wide lock
   * manager as before (the lock old lock-manager blocks wait for, and the
   * session's own), as one change: version +1 when it succeeds. With
   * `expectedVersion`, a stale version throws ConcurrencyError
   * (`Version conflict: expected 3, got 5`) before `fn` runs. If `fn` throws,
   * its error propagates, the version is unchanged and what `fn` changed
   * through the old API is rolled back (the old object left half-done
   * changes in place). A lock-manager failure rejects, and `fn` never runs.
   */
  async synchronizedUpdate(fn: () => void | Promise<void>, expectedVersion?: number): Promise<void> {
    if (typeof fn !== 'function') {
      throw new SessionError(`synchronizedUpdate expects a function, got ${describeValue(fn)}`);
    }
    await inOldSection(
      this.#handle,
      () => {
        const actual = this.#handle.session.version;
        // A non-number can equal no version: the old comparison reported a conflict, so does this.
        if (expectedVersion !== undefined && expectedVersion !== actual) {
          throw new SessionConcurrencyError(
            `Version conflict: expected ${String(expectedVersion)}, got ${actual} (session ${this.sessionId}); reload the session and retry`,
            { actual },
          );
        }
        return fn();
      },
      { countsAsAccess: false },
    );
  }

  /** Forgets this session's lock in the global lock manager (a later `getLock` hands out a new lock object). */
  cleanup(): void {
    globalLockManager().removeLock(this.sessionId);
    getConfig().logger.debug(`Cleaned up concurrency resources for session ${this.sessionId}`);
  }
}

/**
 * `new SessionConcurrency(sessionId)`, as the old factory made it.
 * @param sessionId - The session id.
 * @throws `SessionError` for an empty id.
 */
export function createSessionConcurrency(sessionId: string): SessionConcurrency {
  return new SessionConcurrency(sessionId);
}
