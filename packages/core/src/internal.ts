/**
 * Symbols and small interfaces through which core's modules talk to each
 * other. None is exported from the package, so these hooks stay out of the
 * public API (and out of `toEqual`, being symbol-keyed or private).
 */
import type { SessionLimits } from './limits.js';

/** Builds a data object from values the library produced itself, skipping input validation (hot path). */
export const kTrusted = Symbol('sessionkit.trusted');

/** A binding signed on demand: `ClientBinding[kSignedBy](...)` makes one, `ClientBinding[kPendingSigner](b)` tells its ring. */
export const kSignedBy = Symbol('sessionkit.signedBy');
export const kPendingSigner = Symbol('sessionkit.pendingSigner');
export const kWriteDown = Symbol('sessionkit.writeDown');

/** Links a thread to the session that holds it: `Thread[kOwner](thread, owner)`. */
export const kOwner = Symbol('sessionkit.owner');

/** The clock and the size accounting of the session a thread belongs to. */
export const kNow = Symbol('sessionkit.now');
export const kReserve = Symbol('sessionkit.reserve');

/** What a thread needs from the session that holds it (a `Session` is one: no object per session). */
export interface ThreadOwner {
  readonly limits: Readonly<SessionLimits>;
  /** The session's clock. */
  [kNow](): number;
  /** Counts `chars` more text against the session's `maxStateSize`; throws SessionValidationError past it. */
  [kReserve](chars: number): void;
}

/** After an update function ran: count what it changed, re-link its threads. */
export const kAfterUpdate = Symbol('sessionkit.afterUpdate');
/** After an update timed out: go on with a copy of the state. */
export const kDetachState = Symbol('sessionkit.detachState');

/** Running totals a pool keeps so `getStats()` is O(1). */
export interface PoolCounters {
  threads: number;
  analyses: number;
}

/** Position in a pool's expiry heap (-1 when not in one). */
export const kHeapIndex = Symbol('sessionkit.heapIndex');

/** A session's pool membership slot (see pool-membership.ts). */
export const kPool = Symbol('sessionkit.pool');

/** The pool a session is in, as the session sees it (one shared object per pool, none per session). */
export interface PoolMembership {
  /** The pool's running totals, which the session keeps current. */
  readonly counters: PoolCounters;
  /** Sessions of this pool expire this long after creation. */
  readonly ttlMs: number;
}

/** A session's mutex slot (the lock engine's), live state and context: the runners' way in. */
export const kMutex = Symbol('sessionkit.mutex');
export const kState = Symbol('sessionkit.state');
export const kContext = Symbol('sessionkit.context');

/** Builds a session around a state the stores already restored. */
export const kFromState = Symbol('sessionkit.fromState');

/** Switches a session to write-through: `session[kWriteThrough](runner)`. */
export const kWriteThrough = Symbol('sessionkit.writeThrough');

/** Whether a session writes through to a store; a manager's synchronous lookup. */
export const kStored = Symbol('sessionkit.stored');
export const kPeek = Symbol('sessionkit.peek');
export const kAtomicUpdate = Symbol('sessionkit.atomicUpdate');
/** A session's cleanup slot (see cleanup.ts). */
export const kCleanup = Symbol('sessionkit.cleanup');

export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
