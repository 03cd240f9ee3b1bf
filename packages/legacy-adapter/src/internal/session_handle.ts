/**
 * The adapter's grip on one core `Session`. Every old object (the
 * `ContextSwitcherSession` record, `SessionData`, `SessionSecurity`,
 * `SessionConcurrency`, the lock manager's locks) is a view that reads and
 * writes the core session's live state through its handle: there is one
 * state per session and no copy that could drift.
 *
 * - Reads are synchronous and never wait or fail, as the old getters never
 *   did: they go through `session.readLiveState`, which answers even while
 *   an operation holds the session's lock.
 * - Writes go through `session.withLiveState` (so core's pool statistics stay
 *   right) and bump `version` once per mutation, as core's own operations do.
 * - `hold` runs old critical sections (`synchronizedUpdate`, lock-manager
 *   blocks) as ONE `atomicUpdate` on the session's own lock: version +1 once,
 *   rolled back if the body throws. While it runs, the old synchronous calls
 *   on that session work on the state it holds (`lease`), as they did inside
 *   the old lock. Its callers take the id's turn first (`id_locks.ts`),
 *   so old sections also exclude each other per id, as the old locks did.
 */
import { type Session, SessionConcurrencyError, type SessionState } from '@sessionkit/core';
import { readLiveState, updateWithoutAccess, withLiveState } from '@sessionkit/core/interop';

export interface HoldOptions {
  /** Checked before the body runs (SessionConcurrencyError when stale). */
  expectedVersion?: number | undefined;
  /**
   * Core counts every successful operation as an access; the old API counted
   * only `recordAccess`. False keeps a lock block or `synchronizedUpdate` out
   * of `accessCount`, as before.
   */
  countsAsAccess: boolean;
}

const handles = new WeakMap<Session, SessionHandle>();

/** The one handle of a core session. */
export function handleOf(session: Session): SessionHandle {
  let handle = handles.get(session);
  if (handle === undefined) {
    handle = new SessionHandle(session);
    handles.set(session, handle);
  }
  return handle;
}

const always = (): boolean => true;

export class SessionHandle {
  readonly session: Session;
  /** The live state, lent to the old API while one of its critical sections holds the session's lock. */
  #lease: SessionState | undefined;
  #cleanupListeners: (() => void | Promise<void>)[] | undefined;
  #cleanedUp = false;

  constructor(session: Session) {
    this.session = session;
    session.addCleanupCallback(() => this.#onCleanup());
  }

  get sessionId(): string {
    return this.session.sessionId;
  }

  /** True once core ran the session's cleanup (it left a pool, or `cleanup()` was called). */
  get cleanedUp(): boolean {
    return this.#cleanedUp;
  }

  /** Runs `listener` when core cleans the session up (removal, expiry, shutdown); core waits for it. */
  onCleanup(listener: () => void | Promise<void>): void {
    (this.#cleanupListeners ??= []).push(listener);
  }

  /**
   * Synchronous read of the live state. Never waits and never fails for a
   * busy session (it may then see the holder's unfinished changes, as old
   * getters saw those of a critical section). `fn` must not change anything.
   */
  read<T>(fn: (state: Readonly<SessionState>) => T): T {
    return readLiveState(this.session, fn);
  }

  /**
   * Synchronous mutation of the live state. Outside a critical section it
   * bumps `version` by one when `changed(result)` (core's rule: one per
   * mutation); inside one, the section's single bump covers it. Throws
   * ConcurrencyError, changing nothing, while a core operation holds the lock.
   */
  write<T>(what: string, fn: (state: SessionState) => T, changed: (result: T) => boolean = always): T {
    const lease = this.#lease;
    if (lease !== undefined) return fn(lease);
    if (this.session.isLocked) {
      throw new SessionConcurrencyError(
        `Session ${this.sessionId} is busy with a core operation (an async atomicUpdate, or a validation still ` +
          `checking an old PBKDF2 signature), so the old synchronous ${what} cannot run now; nothing was changed. ` +
          `Await that operation first, or do this change inside session.atomicUpdate().`,
      );
    }
    return withLiveState(this.session, (state) => {
      const result = fn(state);
      if (changed(result)) state.version++;
      return result;
    });
  }

  /**
   * Runs `body` as one `atomicUpdate` on the session's own lock, lending the
   * live state to the old API meanwhile. A body that throws rolls the state
   * back and rejects with its OWN error (core would wrap a plain Error).
   */
  hold<T>(body: () => T | PromiseLike<T>, options: HoldOptions): Promise<T> {
    // A section opened from inside a synchronous one would run inline, nested
    // in it; the old lock made it wait instead, so it waits for this one to end.
    // (The callers' per-id turn already orders them; this keeps hold safe alone.)
    if (this.#lease !== undefined && !this.session.isLocked) {
      return Promise.resolve().then(() => this.hold(body, options));
    }
    let failure: { error: unknown } | undefined;
    const section = (state: SessionState): T | Promise<T> => {
      this.#lease = state;
      const end = (): void => {
        this.#lease = undefined;
      };
      let result: T | PromiseLike<T>;
      try {
        result = body();
      } catch (error) {
        this.#lease = undefined;
        failure = { error };
        throw error;
      }
      if (!isPromiseLike(result)) {
        end();
        return result;
      }
      const pending = Promise.resolve(result);
      // Registered before core's commit on the same promise, so the lease ends
      // in the same turn as the commit that counts what was written under it.
      pending.then(end, (error: unknown) => {
        this.#lease = undefined;
        failure = { error };
      });
      return pending;
    };
    // The old lock counted no access unless the section recorded one itself.
    const update = options.countsAsAccess
      ? this.session.atomicUpdate(section, options.expectedVersion)
      : updateWithoutAccess(this.session, section, options.expectedVersion);
    return update.then(
      (value) => value as T,
      (error: unknown) => {
        throw failure === undefined ? error : failure.error;
      },
    );
  }

  async #onCleanup(): Promise<void> {
    this.#cleanedUp = true;
    const listeners = this.#cleanupListeners ?? [];
    this.#cleanupListeners = undefined;
    await Promise.all(listeners.map((listener) => listener()));
  }
}

// The same check as core's internal `isPromiseLike`, which core does not export: one local copy.
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
