import type { Session } from '../session.js';

/** Figures a pool reports for `getStats()`. */
export interface PoolStats {
  count: number;
  totalThreads: number;
  totalAnalyses: number;
  oldestCreatedAtMs: number | null;
  newestCreatedAtMs: number | null;
}

/**
 * Where a manager's sessions live: in this process's memory (`MemoryPool`),
 * or in a shared store with a local cache (`StoredPool`). The manager talks
 * to either through this interface and never asks which it has.
 */
export interface SessionPool {
  /** Sessions held in this process (expired ones included until a sweep or a lookup removes them). */
  readonly size: number;
  /** Adds a new session under the pool's id and capacity rules. */
  admit(session: Session): Promise<Session>;
  /**
   * The live session, or null. An expired one is removed (with its cleanup).
   * With `required`, rejects with SessionNotFoundError (SessionExpiredError
   * when it found the session expired) instead of resolving null.
   */
  find(sessionId: string, required: boolean): Promise<Session | null>;
  /** The live session held in this process, synchronously, changing nothing (no expiry removal, no load). */
  peek(sessionId: string): Session | null;
  /** Removes a session (everywhere, for a store) and runs its cleanup. */
  remove(sessionId: string): Promise<boolean>;
  /** Every live session (for a store: every stored one, loaded). */
  live(): Promise<Session[]>;
  /** The live session created last. */
  newest(): Promise<Session | null>;
  /** Removes every expired session; resolves how many. */
  sweep(): Promise<number>;
  stats(): Promise<PoolStats>;
  /** Lets go of every session held here and cleans them up; resolves every cleanup error. */
  close(): Promise<unknown[]>;
}
