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
 * `SESSION_STORE_UNAVAILABLE`, within a bounded time.
 */
export interface SessionStore {
  /**
   * Writes a new session if its id is free and fewer than `maxSessions`
   * sessions are stored; the stored state expires by itself at `expiresAtMs`.
   */
  create(state: SessionStateJSON, options: { expiresAtMs: number; maxSessions: number }): Promise<StoreCreateResult>;

  /** The stored state and its revision, or null when absent or expired. */
  load(sessionId: string): Promise<StoredSession | null>;

  /**
   * Replaces the stored state if its revision is still `expectedRevision`.
   * On a conflict returns what is stored now (null if it was removed), so
   * the caller can re-apply its change on fresh state.
   */
  save(state: SessionStateJSON, expectedRevision: number): Promise<StoreSaveResult>;

  /** Removes a session everywhere; resolves false if it was not stored. */
  delete(sessionId: string): Promise<boolean>;

  /** Ids of stored sessions created before `cutoffMs`, oldest first, at most `limit`. */
  listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]>;

  /** Global figures for `getStats()`. */
  stats(): Promise<StoreStats>;

  /**
   * Calls `listener` whenever any process changes or removes a session.
   * Resolves once the subscription is active, with a function that ends it.
   */
  subscribe(listener: (event: StoreInvalidation) => void): Promise<() => Promise<void>>;
}

export interface StoredSession {
  /**
   * The stored state as the store read it: parsed JSON, or the raw text when
   * it does not parse. Core validates it and reports a corrupt value as a
   * SessionValidationError naming the session, never as a crash.
   */
  state: unknown;
  revision: number;
}

export type StoreCreateResult = { status: 'created'; revision: number } | { status: 'exists' } | { status: 'full' };

export type StoreSaveResult = { ok: true; revision: number } | { ok: false; current: StoredSession | null };

export interface StoreStats {
  count: number;
  oldestCreatedAtMs: number | null;
  newestCreatedAtMs: number | null;
  totalThreads: number;
  totalAnalyses: number;
}

export interface StoreInvalidation {
  sessionId: string;
  kind: 'changed' | 'removed';
  /** The revision written (for `changed`): a process already at it can ignore the message. */
  revision?: number;
}

/** How hard write-through retries a compare-and-set conflict before giving up. */
export interface StoreRetryPolicy {
  /** Attempts per operation, first one included (default 100). */
  attempts: number;
  /** Back-off before attempt n is a random delay in [0, min(maxDelayMs, baseDelayMs * 2^n)) (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_STORE_RETRY: StoreRetryPolicy = { attempts: 100, baseDelayMs: 1, maxDelayMs: 50 };
