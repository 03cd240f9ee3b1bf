import type { SessionStateJSON } from './types/session-state.js';

/**
 * A shared home for session state, so several processes can serve the same
 * sessions (see `@sessionkit/store-redis`). The manager keeps a local cache
 * and writes every change through with compare-and-set on `revision`.
 *
 * `revision` is internal: it grows by one on every successful write, including
 * security-metadata writes that do not change the user-facing `version`.
 * Implementations must make each method atomic (a write happens whole or not
 * at all) and report an unreachable backend as a `SessionError` with code
 * `SESSION_STORE_UNAVAILABLE`, within a bounded time. Types for
 * implementers (results, stats, invalidations) are in
 * `@sessionkit/core/interop`; `defineStoreContract` of
 * `@sessionkit/core/testing` checks an implementation.
 */
export interface SessionStore {
  /**
   * Writes a new session if its id is free and fewer than `maxSessions`
   * sessions are stored; the stored state expires by itself at `expiresAtMs`.
   * @param state - The new session's exported state.
   * @param options - `expiresAtMs`: when the stored state expires, epoch ms;
   * `maxSessions`: the global capacity.
   * @returns `created` with revision 1, `exists` when the id is taken, `full` at capacity.
   */
  create(state: SessionStateJSON, options: { expiresAtMs: number; maxSessions: number }): Promise<StoreCreateResult>;

  /**
   * The stored state and its revision, or null when absent or expired.
   * @param sessionId - The session's id.
   */
  load(sessionId: string): Promise<StoredSession | null>;

  /**
   * Replaces the stored state if its revision is still `expectedRevision`.
   * On a conflict returns what is stored now (null if it was removed), so
   * the caller can re-apply its change on fresh state.
   * @param state - The whole new state (its `session_id` names the session).
   * @param expectedRevision - The revision the caller last saw.
   * @returns `ok` with the new revision (one more), or the current stored session.
   */
  save(state: SessionStateJSON, expectedRevision: number): Promise<StoreSaveResult>;

  /**
   * Removes a session everywhere (and announces it as `removed`).
   * @param sessionId - The session's id.
   * @returns Whether it was stored.
   */
  delete(sessionId: string): Promise<boolean>;

  /**
   * Ids of stored sessions created before `cutoffMs`, oldest first, at most `limit`
   * (the expiry sweep, and `listActiveSessions` with `cutoffMs` = `Number.MAX_SAFE_INTEGER`).
   * @param cutoffMs - Epoch ms; only sessions whose `created_at` is earlier are listed.
   * @param limit - The most ids to return.
   */
  listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]>;

  /** Global figures for `getStats()`, over the live stored sessions. */
  stats(): Promise<StoreStats>;

  /**
   * Calls `listener` whenever any process changes or removes a session.
   * Resolves once the subscription is active, with a function that ends it.
   * It may also be called for this process's own writes (core ignores those).
   * @param listener - Called with each {@link StoreInvalidation}; it must not throw.
   */
  subscribe(listener: (event: StoreInvalidation) => void): Promise<() => Promise<void>>;
}

/** What {@link SessionStore.load} returns: a stored state and its revision. */
export interface StoredSession {
  /**
   * The stored state as the store read it: parsed JSON, or the raw text when
   * it does not parse. Core validates it and reports a corrupt value as a
   * SessionValidationError naming the session, never as a crash.
   */
  state: unknown;
  /** The stored revision: 1 when created, one more per successful save. */
  revision: number;
}

/**
 * What {@link SessionStore.create} returns: `created` (at `revision` 1),
 * `exists` (the id is taken: nothing written), or `full` (`maxSessions`
 * sessions are stored: nothing written).
 */
export type StoreCreateResult = { status: 'created'; revision: number } | { status: 'exists' } | { status: 'full' };

/**
 * What {@link SessionStore.save} returns: `ok` with the new revision, or,
 * after a revision conflict (nothing written), what is stored now as
 * `current` (null when the session is gone).
 */
export type StoreSaveResult = { ok: true; revision: number } | { ok: false; current: StoredSession | null };

/** What {@link SessionStore.stats} returns: figures over the live stored sessions, for every process together. */
export interface StoreStats {
  /** How many sessions are stored. */
  count: number;
  /** Creation time of the oldest one, epoch ms, or null when there is none. */
  oldestCreatedAtMs: number | null;
  /** Creation time of the newest one, epoch ms, or null when there is none. */
  newestCreatedAtMs: number | null;
  /** Perspective threads across them. */
  totalThreads: number;
  /** Analyses across them. */
  totalAnalyses: number;
}

/** What a {@link SessionStore.subscribe} listener hears: a session changed or was removed by some process. */
export interface StoreInvalidation {
  /** The session's id. */
  sessionId: string;
  /** `changed` after a successful save, `removed` after a delete. */
  kind: 'changed' | 'removed';
  /** The revision written (for `changed`): a process already at it can ignore the message. */
  revision?: number;
}

/** How hard write-through retries a compare-and-set conflict before giving up. */
export interface StoreRetryPolicy {
  /** Attempts per operation, first one included (default 100); then it fails with `SessionConcurrencyError`. */
  attempts: number;
  /** Back-off before attempt n is a random delay in [0, min(maxDelayMs, baseDelayMs * 2^n)) milliseconds (full jitter; default 1). */
  baseDelayMs: number;
  /** The longest back-off before one attempt, in milliseconds (default 50). */
  maxDelayMs: number;
}

/** The defaults of {@link StoreRetryPolicy}: `{ attempts: 100, baseDelayMs: 1, maxDelayMs: 50 }`. */
export const DEFAULT_STORE_RETRY: StoreRetryPolicy = { attempts: 100, baseDelayMs: 1, maxDelayMs: 50 };
