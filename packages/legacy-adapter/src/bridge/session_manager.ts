/**
 * The old session pool (`session_manager.py`) as a thin adapter over one
 * core `SimpleSessionManager` per instance. The sessions it stores are the
 * core sessions behind the `ContextSwitcherSession` records handed to it;
 * expiry, capacity and background cleanup are core's (no manager-wide lock,
 * expiry sweeps that touch only expired sessions).
 */
import {
  isValidSessionId,
  type Session,
  SessionCapacityError,
  SessionCleanupError,
  SessionError,
  SessionExistsError,
  SimpleSessionManager,
  SessionExpiredError,
} from '@sessionkit/core';
import { getConfig } from '../config.js';
import { deprecated, DEPRECATIONS } from '../internal/deprecation.js';
import { describeValue } from '../internal/describe_value.js';
import { adapterClock } from '../internal/clock.js';
import { configLogger } from '../internal/logger.js';
import { handleOf, type SessionHandle } from '../internal/session_handle.js';
import { isoformat } from '../internal/time.js';
import { ContextSwitcherSession, handleOfRecord, recordOf } from './context_switcher_session.js';

/** The options of `new SessionManager({ ... })`; each defaults to the process-wide `getConfig()`. */
export interface SessionManagerOptions {
  /** Capacity; default `getConfig().maxActiveSessions`. */
  maxSessions?: number | undefined;
  /** Lifetime from creation; default `getConfig().defaultTtlHours`. */
  sessionTtlHours?: number | undefined;
  /** Period of the background cleanup; default `getConfig().cleanupIntervalSeconds / 60`. */
  cleanupIntervalMinutes?: number | undefined;
}

/** What `SessionManager#getStats` returns: the old snake_case dict. */
export interface SessionManagerStats {
  /** How many sessions the pool holds. */
  active_sessions: number;
  /** The capacity (`maxSessions`). */
  max_sessions: number;
  /** The TTL (`sessionTtlHours`). */
  session_ttl_hours: number;
  /** Creation time of the oldest session (Python `isoformat()`), or null when empty. */
  oldest_session: string | null;
  /** Creation time of the newest session (Python `isoformat()`), or null when empty. */
  newest_session: string | null;
  /** e.g. `"12.5%"` */
  capacity_used: string;
}

const HOUR_MS = 3_600_000;
/** setInterval's limit is 2^31 - 1 ms; core refuses longer periods. */
const MAX_INTERVAL_MINUTES = Math.floor(0x7fffffff / 60_000);

/** Which manager's pool each core session is in. */
const holders = new WeakMap<Session, LegacySessionManagerAdapter>();

/**
 * The old session pool (`SessionManager`, also exported under this name),
 * over one core `SimpleSessionManager` per instance (`pool`): the sessions it
 * stores are the core sessions behind the records handed to it, and expiry,
 * capacity and background cleanup are core's.
 */
export class LegacySessionManagerAdapter {
  /** The capacity: the most sessions the pool holds at once. */
  readonly maxSessions: number;
  /** How long a session lives, counted from its creation (not its last access). */
  readonly sessionTtlHours: number;
  /** The period of the background expiry sweep (`startCleanupTask`); the core pool's `cleanupIntervalSeconds` ÷ 60. */
  readonly cleanupIntervalMinutes: number;
  /** The core pool the sessions live in: hand it to code already migrated to core. */
  readonly pool: SimpleSessionManager;
  /**
   * The sessions in `pool`, kept to list them without taking each session's
   * lock (core's listing returns infos, not sessions). Entries leave with the
   * session's cleanup, which core runs on every way out of the pool.
   */
  readonly #members = new Map<string, Session>();

  /**
   * A new, empty pool (the cleanup task is not started). The first
   * construction in the process emits the `SESSIONKIT_LEGACY_SESSION_MANAGER`
   * deprecation warning.
   * @param options - Capacity, TTL and cleanup period; defaults from `getConfig()`.
   * @throws `SessionError` for an option that is not a positive number (an integer for
   *   `maxSessions`), or a cleanup period longer than a timer can wait.
   */
  constructor(options: SessionManagerOptions = {}) {
    deprecated(DEPRECATIONS.sessionManager);
    if (typeof options !== 'object' || options === null) {
      throw new SessionError(`SessionManager expects an options object, got ${describeValue(options)}`);
    }
    const config = getConfig();
    this.maxSessions = checkOption('maxSessions', options.maxSessions ?? config.maxActiveSessions, true);
    this.sessionTtlHours = checkOption('sessionTtlHours', options.sessionTtlHours ?? config.defaultTtlHours, false);
    this.cleanupIntervalMinutes = checkOption('cleanupIntervalMinutes', options.cleanupIntervalMinutes ?? config.cleanupIntervalSeconds / 60, false);
    if (this.cleanupIntervalMinutes > MAX_INTERVAL_MINUTES) {
      throw new SessionError(
        `SessionManager option cleanupIntervalMinutes must be at most ${MAX_INTERVAL_MINUTES} (the longest interval a timer can wait), got ${this.cleanupIntervalMinutes}`,
      );
    }
    this.pool = new SimpleSessionManager({
      maxSessions: this.maxSessions,
      sessionTtlHours: this.sessionTtlHours,
      cleanupIntervalSeconds: this.cleanupIntervalMinutes * 60,
      clock: adapterClock,
      logger: configLogger,
    });
  }

  /**
   * Stores the session. `false` when the pool is still full after dropping
   * expired sessions. A different live session with the same id is replaced
   * (the old behaviour; core's `createSession` would throw SessionExistsError).
   */
  async addSession(session: ContextSwitcherSession): Promise<boolean> {
    const handle = handleOfRecord(session);
    if (handle === undefined) {
      throw new SessionError(`addSession expects a ContextSwitcherSession, got ${describeValue(session)}`);
    }
    if (this.#members.get(handle.sessionId) === handle.session) return true;
    const holder = holders.get(handle.session);
    if (holder !== undefined && holder !== this) {
      throw new SessionError(
        `Session '${handle.sessionId}' is already stored in another SessionManager; remove it there first (a core session lives in one pool)`,
      );
    }
    if (handle.cleanedUp) {
      throw new SessionError(`Session '${handle.sessionId}' was removed from a SessionManager and its data cleaned up; create a new ContextSwitcherSession`);
    }
    try {
      await this.pool.addSession(handle.session);
    } catch (error) {
      if (error instanceof SessionCapacityError) {
        getConfig().logger.warn(`Session limit reached (${this.maxSessions})`);
        return false;
      }
      if (error instanceof SessionExpiredError) {
        // The old manager stored an expired session and dropped it at the next lookup
        // or sweep; core refuses it on arrival. Same outcome: accepted, and gone.
        await handle.session.cleanup();
        return true;
      }
      if (!(error instanceof SessionExistsError)) throw error;
      await this.pool.removeSession(handle.sessionId);
      return this.addSession(session);
    }
    this.#admitted(handle);
    getConfig().logger.info(`Added session ${handle.sessionId}, total: ${this.pool.size}`);
    return true;
  }

  /** The session, or null when unknown or expired (an expired one is removed). */
  async getSession(sessionId: string): Promise<ContextSwitcherSession | null> {
    const session = isSessionId(sessionId) ? await this.pool.getSession(sessionId) : null;
    return session === null ? null : recordOf(handleOf(session));
  }

  /**
   * Removes the session from the pool; core runs its cleanup (and
   * `_cleanupSessionResources`).
   * @returns True when the pool held a session with this id.
   */
  async removeSession(sessionId: string): Promise<boolean> {
    const removed = isSessionId(sessionId) && (await this.pool.removeSession(sessionId));
    if (removed) getConfig().logger.info(`Removed session ${sessionId}`);
    return removed;
  }

  /** Every unexpired session by id (a copy, after an expiry sweep). */
  async listActiveSessions(): Promise<Record<string, ContextSwitcherSession>> {
    await this.pool.cleanupExpiredSessions();
    const active: Record<string, ContextSwitcherSession> = {};
    for (const [sessionId, session] of this.#members) active[sessionId] = recordOf(handleOf(session));
    return active;
  }

  /** Whether the session is older than the TTL (by creation time, not last access). */
  _isExpired(session: ContextSwitcherSession): boolean {
    const handle = handleOfRecord(session);
    if (handle !== undefined) return handle.session.isExpired(this.sessionTtlHours);
    const createdAt = (session as { createdAt?: unknown } | null)?.createdAt;
    if (!(createdAt instanceof Date)) throw new SessionError(`_isExpired expects a ContextSwitcherSession, got ${describeValue(session)}`);
    return Date.now() - createdAt.getTime() > this.sessionTtlHours * HOUR_MS;
  }

  /** `[session, session.version]`, or `[null, -1]` when unknown or expired. */
  async getSessionAtomic(sessionId: string): Promise<[ContextSwitcherSession | null, number]> {
    const session = await this.getSession(sessionId);
    return session === null ? [null, -1] : [session, session.version];
  }

  /** True when the session is here, unexpired and at `expectedVersion`. */
  async validateSessionVersion(sessionId: string, expectedVersion: number): Promise<boolean> {
    const session = this.#members.get(sessionId);
    if (session === undefined || session.isExpired(this.sessionTtlHours)) return false;
    return session.version === expectedVersion;
  }

  /** Starts the periodic expiry sweep (idempotent). The timer never keeps the process alive. */
  async startCleanupTask(): Promise<void> {
    await this.pool.startBackgroundCleanup();
  }

  /** Stops the periodic sweep and waits for a sweep in progress (idempotent). */
  async stopCleanupTask(): Promise<void> {
    await this.pool.stopBackgroundCleanup();
  }

  /** Removes expired sessions now; resolves to how many. */
  cleanupExpiredSessions(): Promise<number> {
    return this.pool.cleanupExpiredSessions();
  }

  /**
   * Counts and limits, with the creation times of the oldest and newest
   * session (found by a scan, as before: core's own `pool.getStats()` is
   * O(1) but reports ages, not timestamps).
   */
  async getStats(): Promise<SessionManagerStats> {
    let oldest: number | undefined;
    let newest: number | undefined;
    for (const session of this.#members.values()) {
      const createdAtMs = session.createdAtMs;
      if (oldest === undefined || createdAtMs < oldest) oldest = createdAtMs;
      if (newest === undefined || createdAtMs > newest) newest = createdAtMs;
    }
    const active = this.pool.size;
    return {
      active_sessions: active,
      max_sessions: this.maxSessions,
      session_ttl_hours: this.sessionTtlHours,
      oldest_session: oldest === undefined ? null : isoformat(new Date(oldest)),
      newest_session: newest === undefined ? null : isoformat(new Date(newest)),
      capacity_used: `${((active / this.maxSessions) * 100).toFixed(1)}%`,
    };
  }

  /** The unexpired session created last, or null. */
  async getMostRecentSession(): Promise<ContextSwitcherSession | null> {
    const session = await this.pool.getMostRecentSession();
    return session === null ? null : recordOf(handleOf(session));
  }

  /**
   * Opens a temporary session, runs `fn` with it and always removes it.
   * Throws SessionError when the pool is full.
   */
  async sessionContext<T>(sessionId: string, topic: string | null, fn: (session: ContextSwitcherSession) => T | Promise<T>): Promise<T> {
    const session = new ContextSwitcherSession(sessionId, new Date(adapterClock.now()), { topic });
    if (!(await this.addSession(session))) {
      throw new SessionError(`Session limit reached (${this.maxSessions}); cannot open session '${sessionId}' until others are removed or expire`);
    }
    try {
      return await fn(session);
    } finally {
      if (this.#members.get(sessionId) === handleOfRecord(session)?.session) await this.removeSession(sessionId);
    }
  }

  /**
   * Releases what a removed session held outside the pool. Nothing by
   * default; subclasses override it as before. It runs as part of the core
   * session's cleanup; a failure is logged and never keeps a session in the pool.
   */
  protected async _cleanupSessionResources(_sessionId: string): Promise<void> {}

  #admitted(handle: SessionHandle): void {
    const { session, sessionId } = handle;
    this.#members.set(sessionId, session);
    holders.set(session, this);
    handle.onCleanup(() => {
      if (this.#members.get(sessionId) === session) this.#members.delete(sessionId);
      holders.delete(session);
      return this.#releaseResources(sessionId);
    });
  }

  async #releaseResources(sessionId: string): Promise<void> {
    try {
      await this._cleanupSessionResources(sessionId);
    } catch (error) {
      const reason = error instanceof SessionCleanupError ? error.message : `Unexpected cleanup error: ${String(error)}`;
      getConfig().logger.warn(`Session ${sessionId} cleanup completed with errors: ${reason}`);
    }
  }
}

function checkOption(name: string, value: unknown, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new SessionError(`SessionManager option ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/** Ids no session can have (core's alphabet) are simply not found, as unknown ids were. */
const isSessionId = isValidSessionId;
