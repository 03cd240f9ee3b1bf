/**
 * The old centralized lock manager (`session_lock_manager.py`), mapped onto
 * the sessions' own locks. `acquireLock(id)` / `withLock(id, fn)` wait for
 * the id (old critical sections exclude each other per id, as the old
 * manager's mutex per id did, whatever becomes of the session behind it),
 * then take the lock of the core session with that id at that moment
 * (creating a bare one when no session has the id yet), so old lock blocks,
 * `synchronizedUpdate`, `recordAccess` and core's own operations on that
 * session all exclude each other.
 *
 * Unlike the old one, this manager keeps nothing that grows with every id it
 * has seen: an id is queued only while it is held or waited on, a lock
 * object lives only as long as the session it was handed out for (or
 * whoever holds the lock object), and `lockCount` counts only the ids that
 * are locked or waited on right now.
 */
import { SessionError } from '@sessionkit/core';
import { getConfig } from '../config.js';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { findHandle, findOrCreateHandle } from '../internal/directory.js';
import { isIdLocked, runWithIdLock } from '../internal/id_locks.js';
import type { SessionHandle } from '../internal/session_handle.js';

/** What `getLock` returns: the id's lock, with the part of async-mutex's `Mutex` API old code used. */
export class SessionLock {
  readonly sessionId: string;
  /** The session this object was handed out for: kept alive with it, so `getLock` keeps answering this object. */
  readonly #anchor: SessionHandle;
  readonly #active: Map<string, number>;

  /** @internal Made by `SessionLockManager#getLock`. */
  constructor(handle: SessionHandle, active: Map<string, number>) {
    this.sessionId = handle.sessionId;
    this.#anchor = handle;
    this.#active = active;
  }

  /**
   * Waits for the id's lock and resolves to the function that releases it
   * (calling it again does nothing). Until then, everything the old API
   * changes on the session is one change: version +1 once, at release.
   */
  acquire(): Promise<() => void> {
    this.#enter();
    return new Promise((resolve, reject) => {
      let acquired = false;
      const held = this.#exclusive(
        () =>
          new Promise<void>((release) => {
            acquired = true;
            let released = false;
            resolve(() => {
              if (released) return;
              released = true;
              release();
            });
          }),
      );
      held.then(
        () => this.#leave(),
        (error: unknown) => {
          this.#leave();
          if (!acquired) reject(error);
          else getConfig().logger.error(`Releasing the lock of session ${this.sessionId} failed: ${String(error)}`);
        },
      );
    });
  }

  /** Runs `fn` holding the lock; resolves to its value, or rejects with its error (its changes rolled back). */
  async runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new SessionError(`withLock expects a function, got ${describeValue(fn)}`);
    this.#enter();
    try {
      return await this.#exclusive(fn);
    } finally {
      this.#leave();
    }
  }

  /** Whether an old critical section holds the id, or an operation holds its session's lock, right now. */
  isLocked(): boolean {
    return isIdLocked(this.sessionId) || (findHandle(this.sessionId) ?? this.#anchor).session.isLocked;
  }

  /**
   * The id's turn first, then the lock of whichever session has the id when
   * the turn comes: a block that created a new session with this id hands
   * the next one that session, not the one this object was made for.
   */
  #exclusive<T>(body: () => T | Promise<T>): Promise<T> {
    return runWithIdLock(this.sessionId, () => findOrCreateHandle(this.sessionId).hold(body, { countsAsAccess: false }));
  }

  #enter(): void {
    this.#active.set(this.sessionId, (this.#active.get(this.sessionId) ?? 0) + 1);
  }

  #leave(): void {
    const count = (this.#active.get(this.sessionId) ?? 1) - 1;
    if (count === 0) this.#active.delete(this.sessionId);
    else this.#active.set(this.sessionId, count);
  }
}

let processWide: SessionLockManager | undefined;
/** Set while the adapter makes the process-wide manager for its own use: that is no use of the old API. */
let constructingProcessWide = false;

export class SessionLockManager {
  /** Lock objects by the session they were handed out for: they go when it goes. Replaced wholesale by `clearAll`. */
  #locks = new WeakMap<SessionHandle, SessionLock>();
  /** Ids locked or waited on through this manager right now, with how many holders and waiters. */
  readonly #active = new Map<string, number>();

  constructor() {
    if (!constructingProcessWide) deprecated(DEPRECATIONS.sessionLockManager);
  }

  /** The lock of this id (the same object until `removeLock`/`clearAll`, or until another session takes the id). */
  getLock(sessionId: string): SessionLock {
    const handle = findOrCreateHandle(checkId(sessionId));
    let lock = this.#locks.get(handle);
    if (lock === undefined) {
      lock = new SessionLock(handle, this.#active);
      this.#locks.set(handle, lock);
      getConfig().logger.debug(`Created async lock for session ${sessionId}`);
    }
    return lock;
  }

  /** Waits for the session's lock; resolves to the function that releases it. */
  acquireLock(sessionId: string): Promise<() => void> {
    return this.getLock(sessionId).acquire();
  }

  withLock<T>(sessionId: string, fn: () => T | Promise<T>): Promise<T> {
    return this.getLock(sessionId).runExclusive(fn);
  }

  /**
   * Forgets the lock object handed out for this id; the next `getLock` makes
   * a new one. Mutual exclusion is unaffected: both wait for the same id.
   */
  removeLock(sessionId: string): void {
    const handle = typeof sessionId === 'string' ? findHandle(sessionId) : undefined;
    if (handle !== undefined && this.#locks.delete(handle)) {
      getConfig().logger.debug(`Removed lock for session ${sessionId}`);
    }
  }

  clearAll(): void {
    this.#locks = new WeakMap();
    getConfig().logger.debug('Cleared all session locks');
  }

  /** How many session ids are locked or waited on through this manager right now (0 when idle). */
  get lockCount(): number {
    return this.#active.size;
  }
}

/** The process-wide lock manager, as the adapter itself uses it (no warning: the caller did not ask for it). */
export function globalLockManager(): SessionLockManager {
  if (processWide === undefined) {
    constructingProcessWide = true;
    try {
      processWide = new SessionLockManager();
    } finally {
      constructingProcessWide = false;
    }
  }
  return processWide;
}

/** The process-wide lock manager. */
export function getSessionLockManager(): SessionLockManager {
  deprecated(DEPRECATIONS.sessionLockManager);
  return globalLockManager();
}

function checkId(sessionId: unknown): string {
  if (typeof sessionId !== 'string' || sessionId.length === 0) {
    throw new SessionError(`A lock needs a session id (a non-empty string), got ${describeValue(sessionId)}`);
  }
  return sessionId;
}
