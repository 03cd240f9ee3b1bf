import type { SessionStore, StoreRetryPolicy } from './session-store.js';

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

/** Links a session to a shared store (see session-store.ts); set by the manager. */
export const kAttachStore = Symbol('sessionkit.attachStore');

/** A session's side of write-through: what it last read from the store, and how to retry. */
export interface StoreLink {
  readonly store: SessionStore;
  readonly retry: StoreRetryPolicy;
  /** Revision of the stored state this process last saw. */
  revision: number;
  /** Set when another process changed the session: the next operation reloads first. */
  stale: boolean;
  /** The revision a save in flight will write: its own invalidation must not mark the session stale. */
  savingRevision: number | undefined;
  /** An invalidation for `savingRevision` arrived: if the save then fails, it was not ours to ignore. */
  heardDuringSave: boolean;
  /** Called when the store no longer holds the session (removed elsewhere, or expired). */
  onGone(sessionId: string): void;
}

/** Builds a data object from values the library produced itself, skipping input validation (hot path). */
export const kTrusted = Symbol('sessionkit.trusted');

export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
