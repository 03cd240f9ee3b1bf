/**
 * The old session pool (session_manager.py). Every public method runs under
 * one manager-wide mutex: the global lock the new design removes. Sessions
 * expire by creation time; an expired session is dropped when it is next
 * looked at, by a capacity sweep, or by the background cleanup task.
 */
import { Mutex } from 'async-mutex';
import { getConfig } from './config.js';
import { SessionCleanupError, SessionError } from './exceptions.js';
import { isoformat } from './internal/time.js';
import { ContextSwitcherSession } from './models.js';

export interface SessionManagerOptions {
  /** Capacity; default `getConfig().maxActiveSessions`. */
  maxSessions?: number | undefined;
  /** Lifetime from creation; default `getConfig().defaultTtlHours`. */
  sessionTtlHours?: number | undefined;
  /**
   * Period of the background cleanup task; default
   * `getConfig().cleanupIntervalSeconds / 60`. (The Python accepted and
   * ignored this argument; a TypeScript caller expects it to work, so it does.)
   */
  cleanupIntervalMinutes?: number | undefined;
}

export interface SessionManagerStats {
  active_sessions: number;
  max_sessions: number;
  session_ttl_hours: number;
  /** Python `isoformat()` of the oldest creation time, or null when empty. */
  oldest_session: string | null;
  newest_session: string | null;
  /** e.g. `"12.5%"` */
  capacity_used: string;
}

const HOUR_MS = 3_600_000;

export class SessionManager {
  readonly maxSessions: number;
  readonly sessionTtlHours: number;
  readonly cleanupIntervalMinutes: number;
  private readonly sessions = new Map<string, ContextSwitcherSession>();
  private readonly lock = new Mutex();
  private cleanupTimer: ReturnType<typeof setInterval> | null = null;
  private cleanupRun: Promise<void> | null = null;

  constructor(options: SessionManagerOptions = {}) {
    const config = getConfig();
    this.maxSessions = checkOption('maxSessions', options.maxSessions ?? config.maxActiveSessions, true);
    this.sessionTtlHours = checkOption('sessionTtlHours', options.sessionTtlHours ?? config.defaultTtlHours, false);
    this.cleanupIntervalMinutes = checkOption('cleanupIntervalMinutes', options.cleanupIntervalMinutes ?? config.cleanupIntervalSeconds / 60, false);
  }

  /** Stores the session; `false` when the pool is still full after dropping expired sessions. */
  addSession(session: ContextSwitcherSession): Promise<boolean> {
    if (!(session instanceof ContextSwitcherSession)) {
      return Promise.reject(new SessionError('addSession expects a ContextSwitcherSession'));
    }
    return this.lock.runExclusive(async () => {
      if (this.sessions.size >= this.maxSessions) {
        await this.sweepExpired();
        if (this.sessions.size >= this.maxSessions) {
          getConfig().logger.warn(`Session limit reached (${this.maxSessions})`);
          return false;
        }
      }
      // A second session with the same id replaces the first, as the old dict did.
      this.sessions.set(session.sessionId, session);
      getConfig().logger.info(`Added session ${session.sessionId}, total: ${this.sessions.size}`);
      return true;
    });
  }

  /** The session, or null when unknown or expired (an expired one is removed). */
  getSession(sessionId: string): Promise<ContextSwitcherSession | null> {
    return this.lock.runExclusive(async () => (await this.getLiveSession(sessionId, 'get')) ?? null);
  }

  removeSession(sessionId: string): Promise<boolean> {
    return this.lock.runExclusive(async () => {
      if (!this.sessions.delete(sessionId)) return false;
      getConfig().logger.info(`Removed session ${sessionId}`);
      await this.releaseResources(sessionId, 'remove');
      return true;
    });
  }

  /** Every unexpired session by id (a copy of the pool, after an expiry sweep). */
  listActiveSessions(): Promise<Record<string, ContextSwitcherSession>> {
    return this.lock.runExclusive(async () => {
      await this.sweepExpired();
      return Object.fromEntries(this.sessions);
    });
  }

  /** Whether the session is older than the TTL (by creation time, not last access). */
  _isExpired(session: ContextSwitcherSession): boolean {
    return Date.now() - session.createdAt.getTime() > this.sessionTtlHours * HOUR_MS;
  }

  /** `[session, session.version]`, or `[null, -1]` when unknown or expired. */
  getSessionAtomic(sessionId: string): Promise<[ContextSwitcherSession | null, number]> {
    return this.lock.runExclusive(async (): Promise<[ContextSwitcherSession | null, number]> => {
      const session = await this.getLiveSession(sessionId, 'atomic get');
      return session ? [session, session.version] : [null, -1];
    });
  }

  /** True when the session exists, is unexpired and is at `expectedVersion`. */
  validateSessionVersion(sessionId: string, expectedVersion: number): Promise<boolean> {
    return this.lock.runExclusive(() => {
      const session = this.sessions.get(sessionId);
      if (session === undefined || this._isExpired(session)) return false;
      return session.version === expectedVersion;
    });
  }

  /** Starts the periodic expiry sweep (idempotent). The timer never keeps the process alive. */
  startCleanupTask(): Promise<void> {
    if (this.cleanupTimer === null) {
      this.cleanupTimer = setInterval(() => {
        this.cleanupRun = this.periodicCleanup();
      }, this.cleanupIntervalMinutes * 60_000);
      this.cleanupTimer.unref();
      getConfig().logger.info('Started session cleanup task');
    }
    return Promise.resolve();
  }

  /** Stops the periodic sweep and waits for a sweep in progress (idempotent). */
  async stopCleanupTask(): Promise<void> {
    if (this.cleanupTimer === null) return;
    clearInterval(this.cleanupTimer);
    this.cleanupTimer = null;
    await this.cleanupRun;
    this.cleanupRun = null;
    getConfig().logger.info('Stopped session cleanup task');
  }

  /** Removes expired sessions now; resolves to how many were removed. */
  cleanupExpiredSessions(): Promise<number> {
    return this.lock.runExclusive(() => this.sweepExpired());
  }

  getStats(): Promise<SessionManagerStats> {
    return this.lock.runExclusive(() => {
      let oldest: ContextSwitcherSession | null = null;
      let newest: ContextSwitcherSession | null = null;
      for (const session of this.sessions.values()) {
        if (oldest === null || session.createdAt < oldest.createdAt) oldest = session;
        if (newest === null || session.createdAt > newest.createdAt) newest = session;
      }
      const active = this.sessions.size;
      return {
        active_sessions: active,
        max_sessions: this.maxSessions,
        session_ttl_hours: this.sessionTtlHours,
        oldest_session: oldest ? isoformat(oldest.createdAt) : null,
        newest_session: newest ? isoformat(newest.createdAt) : null,
        capacity_used: `${((active / this.maxSessions) * 100).toFixed(1)}%`,
      };
    });
  }

  /** The unexpired session created last, or null. */
  getMostRecentSession(): Promise<ContextSwitcherSession | null> {
    return this.lock.runExclusive(async () => {
      await this.sweepExpired();
      let mostRecent: ContextSwitcherSession | null = null;
      for (const session of this.sessions.values()) {
        if (mostRecent === null || session.createdAt > mostRecent.createdAt) mostRecent = session;
      }
      return mostRecent;
    });
  }

  /**
   * Opens a temporary session, runs `fn` with it and always removes it.
   * Throws `SessionError` when the pool is full.
   */
  async sessionContext<T>(sessionId: string, topic: string | null, fn: (session: ContextSwitcherSession) => T | Promise<T>): Promise<T> {
    const session = new ContextSwitcherSession(sessionId, new Date(), { topic });
    if (!(await this.addSession(session))) {
      throw new SessionError(`Session limit reached (${this.maxSessions}); cannot open session '${sessionId}' until others are removed or expire`, {
        sessionId,
        maxSessions: this.maxSessions,
      });
    }
    try {
      return await fn(session);
    } finally {
      await this.removeSession(sessionId);
    }
  }

  /**
   * Releases what a removed session held outside the pool (in the old system,
   * its rate-limiter buckets). Nothing by default; an override may throw
   * `SessionCleanupError`, which is logged and never keeps a session in the pool.
   * Runs while the manager lock is held, as it did in the old code.
   */
  protected async _cleanupSessionResources(_sessionId: string): Promise<void> {}

  /** Caller holds the lock. */
  private async getLiveSession(sessionId: string, operation: string): Promise<ContextSwitcherSession | undefined> {
    const session = this.sessions.get(sessionId);
    if (session === undefined || !this._isExpired(session)) return session;
    this.sessions.delete(sessionId);
    getConfig().logger.info(`Removed expired session ${sessionId} during ${operation}`);
    await this.releaseResources(sessionId, operation);
    return undefined;
  }

  /** Caller holds the lock. Scans every session, as the old code did. */
  private async sweepExpired(): Promise<number> {
    const expired: string[] = [];
    for (const [sessionId, session] of this.sessions) {
      if (this._isExpired(session)) expired.push(sessionId);
    }
    for (const sessionId of expired) {
      this.sessions.delete(sessionId);
      await this.releaseResources(sessionId, 'expiry sweep');
    }
    if (expired.length > 0) getConfig().logger.info(`Cleaned up ${expired.length} expired sessions`);
    return expired.length;
  }

  private async releaseResources(sessionId: string, operation: string): Promise<void> {
    try {
      await this._cleanupSessionResources(sessionId);
    } catch (error) {
      const reason = error instanceof SessionCleanupError ? error.message : `Unexpected cleanup error: ${String(error)}`;
      getConfig().logger.warn(`Session ${sessionId} cleanup (${operation}) completed with errors: ${reason}`);
    }
  }

  private async periodicCleanup(): Promise<void> {
    try {
      const removed = await this.cleanupExpiredSessions();
      if (removed > 0) getConfig().logger.info(`Periodic cleanup removed ${removed} expired sessions`);
    } catch (error) {
      // The loop must survive anything; an unhandled rejection would end the process.
      getConfig().logger.error(`Periodic cleanup error: ${String(error)}`);
    }
  }
}

function checkOption(name: string, value: unknown, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new SessionError(`SessionManager option ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`, { option: name, value });
  }
  return value;
}
