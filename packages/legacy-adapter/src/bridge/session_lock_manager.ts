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
 * The locks it hands out are async-mutex `Mutex`es, as the old ones were
 * (`instanceof Mutex` holds and code typed with `Mutex` compiles), whose
 * methods act on the id's lock.
 *
 * Unlike the old one, this manager keeps nothing that grows with every id it
 * has seen: an id is queued only while it is held or waited on, a lock
 * object lives only as long as the session it was handed out for (or
 * whoever holds the lock object), and `lockCount` counts only the ids that
 * are locked or waited on right now.
 */
import { E_CANCELED, Mutex, type MutexInterface } from 'async-mutex';
import { SessionError } from '@sessionkit/core';
import { getConfig } from '../config.js';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { findHandle, findOrCreateHandle } from '../internal/directory.js';
import { cancelWaiters, isIdFinishing, isIdLocked, nextIdChange, runWithIdLock } from '../internal/id_locks.js';
import type { HoldOptions, SessionHandle } from '../internal/session_handle.js';

/**
 * A section opened with `acquire()`: what its releaser ends. The adapter's
 * own sections (`synchronizedUpdate`, `recordAccess`) take their lock through
 * the lock manager too, as the old code did, and use this to end it.
 */
export interface OpenSection {
  /** The session whose lock the section holds. */
  readonly handle: SessionHandle;
  /** Ends the section: what changed under it is committed, version +1. */
  release(): void;
  /** Ends the section without committing: what changed under it is rolled back. */
  abort(): void;
  /** Settles once the section has committed or rolled back: to its failure, if committing failed. */
  readonly done: Promise<{ failure?: unknown }>;
}

/** How the next `acquire()` opens its section (set by the adapter's own sections around `acquireLock`). */
export interface SectionPreference {
  handle: SessionHandle;
  countsAsAccess: boolean;
}

const sections = new WeakMap<MutexInterface.Releaser, OpenSection>();
/** The releaser of the section holding each id through `acquire()`, for `Mutex#release()`. */
const holders = new Map<string, MutexInterface.Releaser>();
let preference: SectionPreference | undefined;

/** The section a releaser from `acquire()` ends (undefined for a releaser this adapter did not make). */
export function sectionOf(release: unknown): OpenSection | undefined {
  return typeof release === 'function' ? sections.get(release as MutexInterface.Releaser) : undefined;
}

/** Calls `open` with `next` as the preference of the `acquire()` it makes (synchronously); cleared afterwards. */
export function withSectionPreference<T>(next: SectionPreference, open: () => T): T {
  preference = next;
  try {
    return open();
  } finally {
    preference = undefined;
  }
}

/** Marks a section's ending as deliberate (abort), so it is not reported as a failure. */
class Aborted extends Error {}

/** Made only by `SessionLockManager#getLock` (the constructor is private: its argument is the adapter's own). */
let makeLock: (handle: SessionHandle, active: Map<string, number>) => SessionLock;

/** What `getLock` returns: an async-mutex `Mutex` whose methods act on the id's lock. */
export class SessionLock extends Mutex {
  static {
    makeLock = (handle, active) => new SessionLock(handle, active);
  }

  /** The session id whose lock this is. */
  readonly sessionId: string;
  /** The session this object was handed out for: kept alive with it, so `getLock` keeps answering this object. */
  readonly #anchor: SessionHandle;
  readonly #active: Map<string, number>;

  private constructor(handle: SessionHandle, active: Map<string, number>) {
    super();
    this.sessionId = handle.sessionId;
    this.#anchor = handle;
    this.#active = active;
  }

  /**
   * Waits for the id's lock and resolves to the function that releases it
   * (calling it again does nothing). Until then, everything the old API
   * changes on the session is one change: version +1 once, at release.
   * Waiters are served in arrival order (`priority` is not supported).
   */
  override acquire(_priority?: number): Promise<MutexInterface.Releaser> {
    const wanted = preference;
    preference = undefined;
    this.#enter();
    return new Promise((resolve, reject) => {
      let granted: OpenSection | undefined;
      let settle!: (outcome: { failure?: unknown }) => void;
      const done = new Promise<{ failure?: unknown }>((resolveDone) => (settle = resolveDone));
      const held = runWithIdLock(this.sessionId, (turn) => {
        const handle = wanted?.handle ?? findOrCreateHandle(this.sessionId);
        const options: HoldOptions = { countsAsAccess: wanted?.countsAsAccess ?? false };
        return handle.hold(
          () =>
            new Promise<void>((commit, rollBack) => {
              let ended = false;
              const end = (then: () => void): void => {
                if (ended) return;
                ended = true;
                if (holders.get(this.sessionId) === release) holders.delete(this.sessionId);
                turn.markReleased();
                then();
              };
              const release: MutexInterface.Releaser = () => end(commit);
              granted = { handle, release, abort: () => end(() => rollBack(new Aborted())), done };
              sections.set(release, granted);
              holders.set(this.sessionId, release);
              resolve(release);
            }),
          options,
        );
      });
      held.then(
        () => {
          this.#leave();
          settle({});
        },
        (error: unknown) => {
          this.#leave();
          if (error instanceof Aborted) {
            settle({});
          } else if (granted === undefined) {
            settle({ failure: error });
            reject(error);
          } else {
            getConfig().logger.error(`Releasing the lock of session ${this.sessionId} failed: ${String(error)}`);
            settle({ failure: error });
          }
        },
      );
    });
  }

  /** Runs `fn` holding the lock; resolves to its value, or rejects with its error (its changes rolled back). */
  override async runExclusive<T>(fn: MutexInterface.Worker<T>, _priority?: number): Promise<T> {
    if (typeof fn !== 'function') throw new SessionError(`withLock expects a function, got ${describeValue(fn)}`);
    this.#enter();
    try {
      return await runWithIdLock(this.sessionId, () => findOrCreateHandle(this.sessionId).hold(fn, { countsAsAccess: false }));
    } finally {
      this.#leave();
    }
  }

  /**
   * Whether an old critical section holds the id (or waits for it), or a core
   * operation holds its session's lock, right now. Free the moment the
   * holder releases, as a `Mutex` is.
   */
  override isLocked(): boolean {
    if (isIdLocked(this.sessionId)) return true;
    // A section that was just released may still be committing under the session's lock: that is not a holder.
    if (isIdFinishing(this.sessionId)) return false;
    return (findHandle(this.sessionId) ?? this.#anchor).session.isLocked;
  }

  /** Resolves once the lock is free (without taking it). */
  override async waitForUnlock(_priority?: number): Promise<void> {
    while (this.isLocked()) {
      // Old sections say when they end; a core operation on the session does not, so that is checked each turn.
      if (isIdLocked(this.sessionId)) await nextIdChange(this.sessionId);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Releases the lock taken with `acquire()` (a `runExclusive` section ends with its function). */
  override release(): void {
    holders.get(this.sessionId)?.();
  }

  /** Rejects every caller still waiting for the id's lock with async-mutex's `E_CANCELED`; the holder keeps it. */
  override cancel(): void {
    cancelWaiters(this.sessionId, E_CANCELED);
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

/**
 * The old centralized lock manager: one lock per session id, mapped onto the
 * core sessions' own locks, so an old lock block, `synchronizedUpdate`,
 * `recordAccess` and core's operations on the session exclude each other.
 * Old code gets the process-wide one from `getSessionLockManager()`.
 */
export class SessionLockManager {
  /** Lock objects by the session they were handed out for: they go when it goes. Replaced wholesale by `clearAll`. */
  #locks = new WeakMap<SessionHandle, SessionLock>();
  /** Ids locked or waited on through this manager right now, with how many holders and waiters. */
  readonly #active = new Map<string, number>();

  /**
   * A manager of its own (its lock objects and `lockCount` are its own; the
   * locks still exclude per id with every other manager's). The first
   * construction in the process emits the
   * `SESSIONKIT_LEGACY_SESSION_LOCK_MANAGER` deprecation warning.
   */
  constructor() {
    if (!constructingProcessWide) deprecated(DEPRECATIONS.sessionLockManager);
  }

  /** The lock of this id (the same object until `removeLock`/`clearAll`, or until another session takes the id). */
  getLock(sessionId: string): SessionLock {
    const handle = findOrCreateHandle(checkId(sessionId));
    let lock = this.#locks.get(handle);
    if (lock === undefined) {
      lock = makeLock(handle, this.#active);
      this.#locks.set(handle, lock);
      getConfig().logger.debug(`Created async lock for session ${sessionId}`);
    }
    return lock;
  }

  /** Waits for the session's lock; resolves to the function that releases it. */
  acquireLock(sessionId: string): Promise<MutexInterface.Releaser> {
    return this.getLock(sessionId).acquire();
  }

  /**
   * Waits for the id's lock, then runs `fn` holding it, as one
   * `atomicUpdate` of the core session: version +1 when it succeeds. If `fn`
   * throws, what it changed through the old API is rolled back and its error
   * propagates (the old manager left half-done changes in place).
   * @param sessionId - The session id (a session is created bare when none has it).
   * @param fn - The critical section.
   * @returns What `fn` returns.
   * @throws `SessionError` for an empty id, or when `fn` is not a function.
   */
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

  /**
   * Forgets every lock object this manager handed out; the next `getLock`
   * makes new ones. Held locks stay held, and exclusion per id is unaffected.
   */
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
