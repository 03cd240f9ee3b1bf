/**
 * Symbols through which the manager talks to its sessions. They are not
 * exported from the package, so these hooks stay out of the public API.
 */

/** Running totals a pool keeps so `getStats()` is O(1). */
export interface PoolCounters {
  threads: number;
  analyses: number;
}

/** The pool's counters this session reports its thread/analysis changes to (null when not pooled). */
export const kCounters = Symbol('sessionkit.counters');
/** Position in the pool's expiry heap (-1 when not in one). */
export const kHeapIndex = Symbol('sessionkit.heapIndex');
/** Sets a new session's topic and initial perspective threads without a version bump. */
export const kInitialize = Symbol('sessionkit.initialize');
/** Restores a session with an already-resolved SessionContext. */
export const kRestore = Symbol('sessionkit.restore');

/** Builds a data object from values the library produced itself, skipping input validation (hot path). */
export const kTrusted = Symbol('sessionkit.trusted');

export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
