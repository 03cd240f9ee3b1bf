/**
 * The session manager: options, session creation (perspectives, principal), the background expiry sweep and statistics. Where
 * sessions live is the pool's business (`pools/`): in this process's memory by default, or in a shared store with `store`.
 */
import type * as z from 'zod/mini';
import { SessionCleanupError, SessionClosedError } from './errors.js';
import { kFromState, kPeek, kTrusted } from './internal.js';
import { poolStatus } from './pool-membership.js';
import { restoreState } from './restore.js';
import { perspectivePrompt } from './perspectives.js';
import { MemoryPool } from './pools/memory-pool.js';
import type { SessionPool } from './pools/session-pool.js';
import { StoredPool } from './pools/stored-pool.js';
import { SessionContext } from './session-context.js';
import {
  checkPerspectivesObject,
  type CreateSessionOptions,
  createOptionsSchema,
  type ManagerStats,
  managerOptionsSchema,
  type SessionManagerOptions,
} from './manager-options.js';
import { DEFAULT_STORE_RETRY, type StoreRetryPolicy } from './session-store.js';
import { Session, type SessionInfo } from './session.js';

export type { CreateSessionOptions, ManagerStats, SessionManagerOptions } from './manager-options.js';
import { ModelBackend } from './types/model-backend.js';
import { Thread } from './types/thread.js';
import { setOwn } from './json-value.js';
import { assertSessionId, invalidField, parseOrThrow } from './validation.js';

/**
 * A pool of sessions with a TTL, a capacity, a background expiry sweep and O(1) statistics. No pool-wide lock: a long operation
 * on one session never delays another session, a lookup, a creation or `getStats()`. Its sessions share its keys, clock, logger,
 * limits and timeouts.
 *
 * Sessions live in this process's memory, or, with the `store` option, in a shared store several processes serve (then every
 * method may also reject with {@link SessionStoreUnavailableError} when the store cannot be reached, and a stored state that does
 * not restore is reported as a {@link SessionValidationError} naming the session). Every async method reports failure by
 * rejecting.
 *
 * @example
 * ```ts
 * const manager = new SimpleSessionManager({ maxSessions: 1000, sessionTtlHours: 2 });
 * await manager.startBackgroundCleanup();
 * const session = await manager.createSession(generateSessionId(), { initialPerspectives: ['technical', 'risk'] });
 * const same = await manager.requireSession(session.sessionId);
 * ```
 */
export class SimpleSessionManager {
  /** Most live sessions at once (the `maxSessions` option; default 50). */
  readonly maxSessions: number;
  /** How long a session lives after its creation, in hours (the `sessionTtlHours` option; default 1). */
  readonly sessionTtlHours: number;
  /** Period of the background sweep, in seconds (the `cleanupIntervalSeconds` option; default 300). */
  readonly cleanupIntervalSeconds: number;
  readonly #context: SessionContext;
  readonly #pool: SessionPool;
  readonly #perspectives: Readonly<Record<string, string>> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #sweep: Promise<unknown> | undefined;
  #closed = false;

  /**
   * @param options - See {@link SessionManagerOptions}; every one is optional.
   * @throws {@link SessionValidationError} naming the bad option (unknown options included).
   */
  constructor(options: SessionManagerOptions = {}) {
    checkPerspectivesObject(options?.perspectives);
    const valid = parseOrThrow(managerOptionsSchema, options, 'session manager options');
    this.maxSessions = valid.maxSessions ?? 50;
    this.sessionTtlHours = valid.sessionTtlHours ?? 1;
    this.cleanupIntervalSeconds = valid.cleanupIntervalSeconds ?? 300;
    this.#perspectives = valid.perspectives;
    this.#context = SessionContext.resolve(valid);
    const ttlMs = this.sessionTtlHours * 3_600_000;
    if (valid.store === undefined) {
      this.#pool = new MemoryPool(this.maxSessions, ttlMs, this.#context);
    } else {
      const retry: StoreRetryPolicy = {
        attempts: valid.storeRetry?.attempts ?? DEFAULT_STORE_RETRY.attempts,
        baseDelayMs: valid.storeRetry?.baseDelayMs ?? DEFAULT_STORE_RETRY.baseDelayMs,
        maxDelayMs: valid.storeRetry?.maxDelayMs ?? DEFAULT_STORE_RETRY.maxDelayMs,
      };
      this.#pool = new StoredPool(valid.store, retry, this.maxSessions, ttlMs, this.#context);
    }
  }

  /** Number of sessions held in this process (expired ones included until a sweep or a lookup removes them; with a store, this process's cached copies). */
  get size(): number {
    return this.#pool.size;
  }

  /**
   * Creates a session with a client binding and its initial perspectives, at version 0. An expired session holding the id is
   * replaced (and cleaned up).
   * @param sessionId - 1..256 characters of `[A-Za-z0-9_.:-]` ({@link generateSessionId} makes one).
   * @param options - Topic, initial perspectives, their model, principal: see {@link CreateSessionOptions}.
   * @returns The new session, already in the pool.
   * @throws {@link SessionExistsError} for a live id.
   * @throws {@link SessionCapacityError} when the pool is full (after sweeping expired sessions).
   * @throws {@link SessionValidationError} for a bad id or option (a duplicate perspective, a topic over its limit included).
   * @throws {@link SessionClosedError} after `shutdown()`.
   *
   * @example
   * ```ts
   * const session = await manager.createSession(generateSessionId(), {
   *   topic: 'Adopt a monorepo?',
   *   initialPerspectives: ['technical', 'risk'],
   *   principal: user.subject,
   * });
   * ```
   */
  async createSession(sessionId: string, options: CreateSessionOptions = {}): Promise<Session> {
    this.#assertOpen();
    assertSessionId(sessionId);
    const valid = parseOrThrow(createOptionsSchema, options, 'createSession options');
    const threads = this.#perspectiveThreads(sessionId, valid);
    return this.#pool.admit(Session[kTrusted](sessionId, this.#context, valid.principal ?? null, valid.topic ?? null, threads));
  }

  /**
   * Adds a session built elsewhere (`new Session(...)`, `Session.restoreFromState(...)`) with the same id and capacity rules as
   * createSession. It keeps its own keys, clock and logger.
   * @param session - A {@link Session} that is in no pool and never was.
   * @returns `session`, now in the pool.
   * @throws {@link SessionValidationError} when it is not a Session, or is in (or was removed from) a pool.
   * @throws {@link SessionExpiredError} when it is older than this manager's TTL.
   * @throws {@link SessionExistsError}, {@link SessionCapacityError}, {@link SessionClosedError} as for
   * {@link SimpleSessionManager.createSession}.
   */
  async addSession(session: Session): Promise<Session> {
    this.#assertOpen();
    if (!(session instanceof Session)) throw invalidField(['session'], 'expected a Session instance', 'session');
    const status = poolStatus(session);
    if (status !== 'free') {
      throw invalidField(['session'], status === 'pooled' ? 'already in a pool' : 'was removed from a pool: restore its exported state instead', 'session');
    }
    return this.#pool.admit(session);
  }

  /**
   * Restores exported state (core's `exportState()`, the old Python system's export, or `fromLegacyState(...)` output) into the
   * pool with this manager's keys, clock, logger, limits and `allowUnbound` policy. Version and metrics are kept as they were;
   * the binding is checked by the next `validateSecurity()`.
   * @param state - A {@link SessionStateJSON} document (unknown: it is validated).
   * @returns The restored session, now in the pool.
   * @throws {@link SessionValidationError} naming the first bad field (see {@link Session.restoreFromState}).
   * @throws {@link SessionExpiredError} when the state is older than this manager's TTL.
   * @throws {@link SessionExistsError}, {@link SessionCapacityError}, {@link SessionClosedError} as for
   * {@link SimpleSessionManager.createSession}.
   *
   * @example
   * ```ts
   * const saved = await session.exportState();
   * await manager.removeSession(session.sessionId);
   * const again = await manager.restoreSession(saved);
   * ```
   */
  async restoreSession(state: unknown): Promise<Session> {
    this.#assertOpen();
    return this.#pool.admit(Session[kFromState](restoreState(state, this.#context), this.#context));
  }

  /**
   * The live session, or null. An expired session is removed (with its cleanup) and reported as null. With a store, a session
   * this process does not hold is loaded from it.
   * @param sessionId - The id to look up.
   * @throws {@link SessionValidationError} for a malformed id.
   *
   * @example
   * ```ts
   * const session = await manager.getSession(sessionId);
   * if (session === null) return { error: 'unknown or expired session' };
   * await session.validateSecurity('analyze');
   * ```
   */
  getSession(sessionId: string): Promise<Session | null> {
    return this.#find(sessionId, false);
  }

  /**
   * Like getSession, but rejects instead of resolving null.
   * @param sessionId - The id to look up.
   * @throws {@link SessionExpiredError} when the session had expired (it is removed).
   * @throws {@link SessionNotFoundError} when there is none (never created, removed, or expired and already swept).
   * @throws {@link SessionValidationError} for a malformed id.
   *
   * @example
   * ```ts
   * try {
   *   const session = await manager.requireSession(sessionId);
   *   return await session.getSessionInfo();
   * } catch (error) {
   *   if (error instanceof SessionExpiredError) return { error: 'session expired: start a new one' };
   *   if (error instanceof SessionNotFoundError) return { error: 'no such session' };
   *   throw error;
   * }
   * ```
   */
  requireSession(sessionId: string): Promise<Session> {
    return this.#find(sessionId, true) as Promise<Session>;
  }

  #find(sessionId: string, required: boolean): Promise<Session | null> {
    // The pools check the id on a miss only: an id they hold is valid by construction (the hot path).
    return this.#pool.find(sessionId, required);
  }

  /**
   * Removes a session (everywhere, with a store: from the store first) and runs its cleanup. A failing cleanup is logged and
   * never keeps it in the pool. The removed `Session` object refuses writes from then on ({@link SessionNotFoundError}).
   * @param sessionId - The id to remove.
   * @returns Whether there was a session to remove.
   * @throws {@link SessionValidationError} for a malformed id.
   */
  async removeSession(sessionId: string): Promise<boolean> {
    assertSessionId(sessionId);
    return this.#pool.remove(sessionId);
  }

  /**
   * Info for every live session, after an expiry sweep. Waits for each session's lock to give a consistent view; a session whose
   * info cannot be read is logged and left out. With a store: every stored session (at most `maxSessions`), loaded into this
   * process.
   * @returns Session id -> {@link SessionInfo}.
   */
  async listActiveSessions(): Promise<Record<string, SessionInfo>> {
    await this.cleanupExpiredSessions();
    const sessions = await this.#pool.live();
    const infos = await Promise.allSettled(sessions.map((session) => session.getSessionInfo()));
    const result: Record<string, SessionInfo> = {};
    infos.forEach((info, i) => {
      const id = (sessions[i] as Session).sessionId;
      // setOwn: an id such as `__proto__` is a key like any other, never the result's prototype.
      if (info.status === 'fulfilled') setOwn(result, id, info.value);
      else this.#context.logger.warn(`sessionkit: could not read info of session ${id}`, { error: info.reason });
    });
    return result;
  }

  /** The live session created last (after an expiry sweep), or null when there is none. */
  async getMostRecentSession(): Promise<Session | null> {
    await this.cleanupExpiredSessions();
    return this.#pool.newest();
  }

  /**
   * Removes every expired session. Finding them costs O(k log n) for k expired sessions, whatever the pool size; their cleanups
   * run after they are detached.
   * @returns How many sessions it removed (with a store: how many it deleted from the store).
   */
  cleanupExpiredSessions(): Promise<number> {
    return this.#pool.sweep();
  }

  /**
   * Running totals: O(1), takes no lock (with a store: the store's global figures).
   * @returns A {@link ManagerStats} document.
   */
  async getStats(): Promise<ManagerStats> {
    const now = this.#context.now();
    const stats = await this.#pool.stats();
    const age = (createdAtMs: number | null) => (createdAtMs === null ? null : Math.max(0, now - createdAtMs) / 1000);
    return {
      active_sessions: stats.count,
      max_sessions: this.maxSessions,
      capacity_used_percent: Math.round((stats.count / this.maxSessions) * 1000) / 10,
      session_ttl_hours: this.sessionTtlHours,
      cleanup_interval_seconds: this.cleanupIntervalSeconds,
      total_threads: stats.totalThreads,
      total_analyses: stats.totalAnalyses,
      oldest_session_age_seconds: age(stats.oldestCreatedAtMs),
      newest_session_age_seconds: age(stats.newestCreatedAtMs),
      cleanup_task_running: this.#timer !== undefined,
    };
  }

  /**
   * Starts the periodic expiry sweep, every `cleanupIntervalSeconds`. Idempotent; the timer never keeps the process alive. A
   * sweep that fails is logged (`logger.error`); one still running when the next is due is not overlapped.
   * @throws {@link SessionClosedError} after `shutdown()`.
   */
  async startBackgroundCleanup(): Promise<void> {
    this.#assertOpen();
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#backgroundSweep(), this.cleanupIntervalSeconds * 1000);
    this.#timer.unref();
  }

  /** Stops the periodic sweep and waits for a sweep in progress. Idempotent. */
  async stopBackgroundCleanup(): Promise<void> {
    if (this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    await this.#sweep;
  }

  /**
   * Creates a session, runs `fn` with it, and always removes it afterwards (like the old system's `session_context`), whether
   * `fn` succeeds or fails. If `fn` removed it and the id was reused meanwhile, the new session is left alone.
   * @param sessionId - The new session's id.
   * @param createOptions - As for {@link SimpleSessionManager.createSession}.
   * @param fn - Work to do with the session.
   * @returns What `fn` returned.
   * @throws Whatever {@link SimpleSessionManager.createSession} throws, or what `fn` threw (after the removal).
   *
   * @example
   * ```ts
   * const answer = await manager.withSession(generateSessionId(), { initialPerspectives: ['risk'] }, async (session) => {
   *   await session.recordAnalysis(prompt, await fanOut(session, prompt));
   *   return session.getLastAnalysis();
   * });
   * ```
   */
  async withSession<T>(sessionId: string, createOptions: CreateSessionOptions, fn: (session: Session) => T | Promise<T>): Promise<T> {
    const session = await this.createSession(sessionId, createOptions);
    try {
      return await fn(session);
    } finally {
      // Only remove what we created: fn may have removed it and someone else reused the id.
      if (this.#pool.peek(sessionId) === session) await this.removeSession(sessionId);
    }
  }

  /**
   * Stops the sweep, then removes and cleans up every session held in this process (a store's sessions stay, for the other
   * processes). From then on the manager creates, adds and restores nothing (SessionClosedError). Safe to call again.
   * @throws {@link SessionCleanupError} holding every cleanup error, after everything was removed.
   */
  async shutdown(): Promise<void> {
    this.#closed = true;
    await this.stopBackgroundCleanup();
    const sessions = this.#pool.size;
    const errors = await this.#pool.close();
    if (errors.length > 0) {
      throw new SessionCleanupError(`${errors.length} cleanup error(s) while shutting down ${sessions} session(s)`, { errors });
    }
  }

  /** Whether `shutdown()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** @internal `peekSession` of `@sessionkit/core/interop`. */
  [kPeek](sessionId: string): Session | null {
    return typeof sessionId === 'string' ? this.#pool.peek(sessionId) : null;
  }

  #assertOpen(): void {
    if (this.#closed) throw new SessionClosedError('This session manager was shut down: it creates, adds and restores no more sessions');
  }

  #perspectiveThreads(sessionId: string, options: z.output<typeof createOptionsSchema>): Thread[] {
    const names = options.initialPerspectives;
    if (names === undefined || names.length === 0) return [];
    const seen = new Set<string>();
    return names.map((name, i) => {
      if (seen.has(name)) throw invalidField(['initialPerspectives', i], `"${name}" is listed twice`, 'createSession options');
      seen.add(name);
      return Thread[kTrusted]({
        id: `${sessionId}_${name}`,
        name,
        systemPrompt: perspectivePrompt(name, this.#perspectives),
        modelBackend: options.modelBackend ?? ModelBackend.BEDROCK,
        modelName: options.modelName ?? null,
      });
    });
  }

  #backgroundSweep(): void {
    if (this.#sweep !== undefined) return; // the previous sweep is still cleaning up
    this.#sweep = this.cleanupExpiredSessions()
      .catch((error: unknown) => this.#context.logger.error('sessionkit: background expiry sweep failed', { error }))
      .finally(() => {
        this.#sweep = undefined;
      });
  }
}
