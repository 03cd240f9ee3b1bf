/**
 * `@sessionkit/core/interop`: what compatibility layers (such as
 * `@sessionkit/legacy-adapter`) and `SessionStore` implementations (such as
 * `@sessionkit/store-redis`) need beyond the main API. Application code should
 * not need anything here.
 *
 * @packageDocumentation
 */
import { SessionConcurrencyError, SessionError } from './errors.js';
import { isPromiseLike, kAfterUpdate, kAtomicUpdate, kPeek, kState, kStored } from './internal.js';
import { isLocked, runSyncAs } from './session-lock.js';
import { invalidField } from './validation.js';
import type { Session } from './session.js';
import type { SimpleSessionManager } from './session-manager.js';
import type { SessionState } from './types/session-state.js';

/**
 * Runs `fn` synchronously on the live state, right now, for synchronous
 * compatibility layers. It takes no lock (it throws SessionConcurrencyError
 * while an operation holds the session's lock), bumps no version, records no
 * metrics, and writes nothing through to a store (it is refused for
 * store-backed sessions); `fn` must not be async, and operations called from
 * inside it reject with SessionReentrancyError. Prefer the operations, or
 * `atomicUpdate`.
 *
 * Unlike `atomicUpdate`, nothing is validated or rolled back: what `fn`
 * changed stays, even when it throws. The pool's thread and analysis totals
 * are brought up to date afterwards.
 * @param session - The session.
 * @param fn - Reads or changes the live state; must return synchronously.
 * @returns What `fn` returned.
 * @throws `SessionConcurrencyError` while an operation holds the session's lock.
 * @throws `SessionError` for a session that lives in a shared store.
 * @throws `SessionValidationError` when `fn` is not a function, or returns a promise.
 * @throws Whatever `fn` throws, as it is.
 *
 * @example
 * ```ts
 * // a synchronous setter of an old API, kept working on top of core:
 * set topic(value: string) {
 *   withLiveState(this.session, (state) => {
 *     state.topic = value;
 *   });
 * }
 * ```
 */
export function withLiveState<T>(session: Session, fn: (state: SessionState) => T): T {
  if (typeof fn !== 'function') throw invalidField(['fn'], 'expected a function', 'function');
  if (session[kStored]) throw new SessionError(`Session ${session.sessionId} lives in a shared store: use atomicUpdate, not withLiveState`);
  if (isLocked(session)) {
    throw new SessionConcurrencyError(`Session ${session.sessionId} is busy with another operation; use atomicUpdate to wait for it`);
  }
  const state = session[kState];
  const threadsBefore = state.threadCount;
  const analysesBefore = state.analysisCount;
  try {
    return runSyncAs(session, () => {
      const result = fn(state);
      if (isPromiseLike(result)) {
        throw invalidField(['fn'], 'returned a promise: withLiveState takes a synchronous function (use atomicUpdate for async work)', 'function');
      }
      return result;
    });
  } finally {
    session[kAfterUpdate](state, threadsBefore, analysesBefore);
  }
}

/**
 * Runs `fn` synchronously on the live state for reading, even while an
 * operation holds the lock (it may then see that operation's unfinished
 * changes). For synchronous compatibility layers' getters; `fn` must not
 * change the state. Records nothing; with a store, it reads the local copy.
 * @param session - The session.
 * @param fn - Reads the state.
 * @returns What `fn` returned.
 * @throws `SessionValidationError` when `fn` is not a function.
 * @throws Whatever `fn` throws, as it is.
 *
 * @example
 * ```ts
 * const threadNames = readLiveState(session, (state) => [...state.threads.keys()]);
 * ```
 */
export function readLiveState<T>(session: Session, fn: (state: Readonly<SessionState>) => T): T {
  if (typeof fn !== 'function') throw invalidField(['fn'], 'expected a function', 'function');
  return fn(session[kState]);
}

/**
 * The live session with this id held in this process, synchronously, or
 * null (absent or expired). It changes nothing: no expiry removal, no store
 * load. For synchronous integration layers; prefer `manager.getSession`.
 * @param manager - The manager to look in.
 * @param sessionId - The id (anything that is not a string gives null).
 * @throws `SessionError` when the manager's clock fails.
 *
 * @example
 * ```ts
 * const session = peekSession(manager, id);
 * if (session !== null) console.log(session.version);
 * ```
 */
export function peekSession(manager: SimpleSessionManager, sessionId: string): Session | null {
  return manager[kPeek](sessionId);
}

/**
 * `session.atomicUpdate(fn, expectedVersion)`, except that it does not count
 * as an access in the session's metrics (it still sets `last_accessed`): for compatibility layers whose old
 * API counted accesses itself (the old lock manager's critical sections).
 * @param session - The session.
 * @param fn - As for `Session.atomicUpdate`.
 * @param expectedVersion - As for `Session.atomicUpdate`.
 * @returns What `fn` returned (awaited).
 * @throws The same errors as `Session.atomicUpdate`.
 *
 * @example
 * ```ts
 * await updateWithoutAccess(session, (state) => {
 *   state.metrics.accessCount += 1; // the old API's own count
 *   state.topic = 'renamed';
 * });
 * ```
 */
export function updateWithoutAccess<T>(session: Session, fn: (state: SessionState) => T | PromiseLike<T>, expectedVersion?: number): Promise<Awaited<T>> {
  return session[kAtomicUpdate](fn, expectedVersion, false);
}

export {
  DEFAULT_STORE_RETRY,
  type SessionStore,
  type StoreCreateResult,
  type StoredSession,
  type StoreInvalidation,
  type StoreRetryPolicy,
  type StoreSaveResult,
  type StoreStats,
} from './session-store.js';
export { formatTimestamp, parseTimestamp } from './timestamps.js';
export { LEGACY_PBKDF2_ITERATIONS } from './keyring.js';
