/**
 * The session pool: TTL, capacity, background expiry, statistics. There is
 * no pool-wide lock: the pool's invariants (unique ids, capacity) are checked
 * and applied synchronously, so no caller ever interleaves inside them and
 * none waits on another session's lock.
 */
import * as z from 'zod/mini';
import { AgeIndex } from './age-index.js';
import type { Clock } from './clock.js';
import { SessionCapacityError, SessionCleanupError, SessionExistsError, SessionNotFoundError, SessionValidationError } from './errors.js';
import { kAttachStore, kCounters, kHeapIndex, kInitialize, kRestore, kTrusted, type PoolCounters, type StoreLink } from './internal.js';
import { guardLogger, type Logger } from './logger.js';
import { perspectivePrompt } from './perspectives.js';
import { randomToken } from './random.js';
import { type CleanupResult, Session, type SessionInfo } from './session.js';
import { clockSchema, keyOptionsShape, loggerSchema, SessionContext } from './session-context.js';
import { DEFAULT_STORE_RETRY, type SessionStore, type StoreInvalidation, type StoreRetryPolicy } from './session-store.js';
import { ModelBackend, modelBackendSchema, Thread, threadNameSchema } from './session-types.js';
import { assertSessionId, parseOrThrow } from './validation.js';

export interface SessionManagerOptions {
  /** Pool capacity (default 50). */
  maxSessions?: number | undefined;
  /** Sessions expire this long after creation (default 1). */
  sessionTtlHours?: number | undefined;
  /** Period of the background sweep (default 300). */
  cleanupIntervalSeconds?: number | undefined;
  secretKey?: string | undefined;
  secretKeys?: readonly string[] | undefined;
  /** Extra perspectives: name -> system prompt. */
  perspectives?: Readonly<Record<string, string>> | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** A shared store (e.g. `@sessionkit/store-redis`): sessions, capacity and stats become global. */
  store?: SessionStore | undefined;
  /** Compare-and-set retries of write-through (default 100 attempts, jittered back-off). */
  storeRetry?: Partial<StoreRetryPolicy> | undefined;
}

export interface CreateSessionOptions {
  topic?: string | null | undefined;
  /** Perspective names; each becomes a thread `${id}_${name}`. Default: none. */
  initialPerspectives?: readonly string[] | undefined;
  modelBackend?: ModelBackend | undefined;
  modelName?: string | null | undefined;
}

export interface ManagerStats {
  active_sessions: number;
  max_sessions: number;
  capacity_used_percent: number;
  session_ttl_hours: number;
  cleanup_interval_seconds: number;
  total_threads: number;
  total_analyses: number;
  oldest_session_age_seconds: number | null;
  newest_session_age_seconds: number | null;
  cleanup_task_running: boolean;
}

// setInterval overflows (and fires at once) past 2^31 - 1 ms.
const MAX_INTERVAL_SECONDS = Math.floor(0x7fffffff / 1000);

const managerOptionsSchema = z.lazy(() =>
  z.strictObject({
    maxSessions: z.optional(z.int().check(z.positive())),
    sessionTtlHours: z.optional(z.number().check(z.positive())),
    cleanupIntervalSeconds: z.optional(z.number().check(z.positive(), z.maximum(MAX_INTERVAL_SECONDS))),
    ...keyOptionsShape(),
    perspectives: z.optional(z.record(threadNameSchema, z.string())),
    clock: z.optional(clockSchema),
    logger: z.optional(loggerSchema),
    store: z.optional(
      z.custom<SessionStore>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          (['create', 'load', 'save', 'delete', 'listCreatedBefore', 'stats', 'subscribe'] as const).every(
            (method) => typeof (value as SessionStore)[method] === 'function',
          ),
        { message: 'expected a SessionStore (create, load, save, delete, listCreatedBefore, stats, subscribe)' },
      ),
    ),
    storeRetry: z.optional(
      z.strictObject({
        attempts: z.optional(z.int().check(z.positive(), z.maximum(10_000))),
        baseDelayMs: z.optional(z.number().check(z.nonnegative(), z.maximum(60_000))),
        maxDelayMs: z.optional(z.number().check(z.nonnegative(), z.maximum(60_000))),
      }),
    ),
  }),
);

const createOptionsSchema = z.lazy(() =>
  z.strictObject({
    topic: z.optional(z.nullable(z.string())),
    initialPerspectives: z.optional(z.array(threadNameSchema)),
    modelBackend: z.optional(modelBackendSchema),
    modelName: z.optional(z.nullable(z.string())),
  }),
);

export class SimpleSessionManager {
  readonly maxSessions: number;
  readonly sessionTtlHours: number;
  readonly cleanupIntervalSeconds: number;
  readonly #ttlMs: number;
  readonly #sessions = new Map<string, Session>();
  readonly #ages = new AgeIndex();
  readonly #counters: PoolCounters = { threads: 0, analyses: 0 };
  readonly #context: SessionContext;
  readonly #perspectives: Readonly<Record<string, string>> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #sweep: Promise<unknown> | undefined;
  readonly #store: SessionStore | undefined;
  readonly #retry: StoreRetryPolicy;
  /** Store mode: each cached session's write-through link, by id. */
  readonly #links = new Map<string, StoreLink>();
  /** Store mode: loads in flight, so concurrent misses for one id share one load. */
  readonly #loading = new Map<string, Promise<Session | null>>();
  /** Store mode: ids whose invalidation arrived while they were loading. */
  readonly #missedWhileLoading = new Set<string>();
  #subscription: Promise<() => Promise<void>> | undefined;

  constructor(options: SessionManagerOptions = {}) {
    const valid = parseOrThrow(managerOptionsSchema, options, 'session manager options');
    this.maxSessions = valid.maxSessions ?? 50;
    this.sessionTtlHours = valid.sessionTtlHours ?? 1;
    this.cleanupIntervalSeconds = valid.cleanupIntervalSeconds ?? 300;
    this.#ttlMs = this.sessionTtlHours * 3_600_000;
    this.#perspectives = valid.perspectives;
    this.#context = SessionContext.resolve(valid);
    this.#store = valid.store;
    this.#retry = {
      attempts: valid.storeRetry?.attempts ?? DEFAULT_STORE_RETRY.attempts,
      baseDelayMs: valid.storeRetry?.baseDelayMs ?? DEFAULT_STORE_RETRY.baseDelayMs,
      maxDelayMs: valid.storeRetry?.maxDelayMs ?? DEFAULT_STORE_RETRY.maxDelayMs,
    };
  }

  /** Number of sessions in the pool (expired ones included until a sweep or a lookup removes them). */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Creates a session with a client binding and its initial perspectives, at
   * version 0. Throws SessionExistsError for a live id; when the pool is full,
   * sweeps expired sessions first, then throws SessionCapacityError.
   */
  async createSession(sessionId: string, options: CreateSessionOptions = {}): Promise<Session> {
    assertSessionId(sessionId);
    const valid = parseOrThrow(createOptionsSchema, options, 'createSession options');
    const session = new Session(sessionId, this.#context);
    session[kInitialize](valid.topic ?? null, this.#perspectiveThreads(sessionId, valid));
    return this.#admit(session);
  }

  /**
   * Adds a session built elsewhere (e.g. `new Session(...)` or
   * `Session.restoreFromState(...)`) to the pool, with the same id and capacity
   * rules as createSession. It keeps its own keys, clock and logger.
   */
  async addSession(session: Session): Promise<Session> {
    if (!(session instanceof Session)) {
      throw new SessionValidationError('Invalid session: expected a Session instance', {
        issues: [{ path: ['session'], message: 'expected a Session instance' }],
      });
    }
    if (session[kCounters] !== null || session[kHeapIndex] !== -1) {
      throw new SessionValidationError(`Session '${session.sessionId}' already belongs to a pool`, {
        issues: [{ path: ['session'], message: 'already in a pool' }],
      });
    }
    return this.#admit(session);
  }

  /**
   * Restores exported state (core's `exportState()`, the reference Python
   * export, or `fromLegacyState(...)` output) into the pool with this
   * manager's keys, clock and logger. Throws SessionValidationError naming
   * the first bad field.
   */
  async restoreSession(state: unknown): Promise<Session> {
    return this.#admit(Session[kRestore](state, this.#context));
  }

  /** The pool's invariants, checked and applied synchronously (no other caller can interleave), then the insertion. */
  async #admit(session: Session): Promise<Session> {
    const sessionId = session.sessionId;
    const now = this.#context.now();
    const freed: Session[] = [];
    const existing = this.#sessions.get(sessionId);
    if (existing !== undefined) {
      if (!this.#isExpired(existing, now)) throw new SessionExistsError(`Session '${sessionId}' already exists`);
      this.#detach(existing);
      freed.push(existing);
    }
    if (this.#store === undefined && this.#sessions.size >= this.maxSessions) {
      freed.push(...this.#detachExpired(now));
      if (this.#sessions.size >= this.maxSessions) {
        await this.#cleanUp(freed);
        throw new SessionCapacityError(
          `Session capacity reached (${this.maxSessions} live sessions, none expired): remove a session or raise maxSessions`,
        );
      }
    }
    if (this.#store !== undefined) {
      if (freed.length > 0) await this.#cleanUp(freed);
      return this.#createInStore(this.#store, session);
    }
    this.#attach(session);
    if (freed.length > 0) await this.#cleanUp(freed);
    return session;
  }

  /** Store mode: "create if absent" in the store, which also enforces the global capacity. */
  async #createInStore(store: SessionStore, session: Session): Promise<Session> {
    await this.#subscribed(store);
    const state = await session.exportState();
    const options = { expiresAtMs: session.createdAtMs + this.#ttlMs, maxSessions: this.maxSessions };
    let created = await store.create(state, options);
    if (created.status === 'full') {
      await this.cleanupExpiredSessions();
      created = await store.create(state, options);
    }
    if (created.status === 'exists') throw new SessionExistsError(`Session '${session.sessionId}' already exists`);
    if (created.status === 'full') {
      throw new SessionCapacityError(
        `Session capacity reached (${this.maxSessions} live sessions across all processes, none expired): remove a session or raise maxSessions`,
      );
    }
    this.#attachStored(store, session, created.revision);
    return session;
  }

  /** The live session, or null. An expired session is removed (with its cleanup) and reported as null. */
  async getSession(sessionId: string): Promise<Session | null> {
    assertSessionId(sessionId);
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return this.#store === undefined ? null : this.#loadFromStore(this.#store, sessionId);
    if (this.#isExpired(session, this.#context.now())) {
      this.#detach(session);
      await this.#cleanUp([session]);
      return null;
    }
    return session;
  }

  /** Store mode: a local miss loads the session from the store (one load per id at a time). */
  #loadFromStore(store: SessionStore, sessionId: string): Promise<Session | null> {
    let loading = this.#loading.get(sessionId);
    if (loading === undefined) {
      loading = (async () => {
        await this.#subscribed(store);
        // An invalidation during the load means the reply may predate it: load again
        // (a few times at most; after that, the copy is marked stale and reloads on use).
        let stored: Awaited<ReturnType<SessionStore['load']>> = null;
        let missed = true;
        for (let attempt = 0; attempt < 3 && missed; attempt++) {
          this.#missedWhileLoading.delete(sessionId);
          stored = await store.load(sessionId);
          missed = this.#missedWhileLoading.has(sessionId);
        }
        this.#missedWhileLoading.delete(sessionId);
        if (stored === null) return null;
        const cached = this.#sessions.get(sessionId);
        if (cached !== undefined) return cached; // created here while we were loading
        let session: Session;
        try {
          session = Session[kRestore](stored.state, this.#context);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new SessionValidationError(`Stored state of session ${sessionId} is corrupt: ${detail}`, {
            cause: error,
            issues: error instanceof SessionValidationError ? error.issues : [],
          });
        }
        if (session.sessionId !== sessionId) {
          throw new SessionValidationError(`Stored state of session ${sessionId} is corrupt: it names session ${session.sessionId}`);
        }
        if (this.#isExpired(session, this.#context.now())) return null;
        this.#attachStored(store, session, stored.revision);
        if (missed) (this.#links.get(sessionId) as StoreLink).stale = true;
        return session;
      })().finally(() => this.#loading.delete(sessionId));
      this.#loading.set(sessionId, loading);
    }
    return loading;
  }

  /**
   * The live session with this id in this process's pool, synchronously, or
   * null (absent or expired). It changes nothing: no expiry removal, no
   * store load. For synchronous integration layers; prefer getSession.
   */
  peekSession(sessionId: string): Session | null {
    const session = typeof sessionId === 'string' ? this.#sessions.get(sessionId) : undefined;
    if (session === undefined || this.#isExpired(session, this.#context.now())) return null;
    return session;
  }

  /** Like getSession, but throws SessionNotFoundError instead of returning null. */
  async requireSession(sessionId: string): Promise<Session> {
    const session = await this.getSession(sessionId);
    if (session === null) {
      throw new SessionNotFoundError(`Session '${sessionId}' not found (it never existed, expired, or was removed)`);
    }
    return session;
  }

  /** Removes a session and runs its cleanup. A failing cleanup is logged and never keeps it in the pool. */
  async removeSession(sessionId: string): Promise<boolean> {
    assertSessionId(sessionId);
    // Store mode: delete everywhere first (other processes drop their copies on
    // the invalidation); if the store cannot be reached, nothing changes here either.
    const deleted = this.#store === undefined ? false : await this.#store.delete(sessionId);
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return deleted;
    this.#detach(session);
    await this.#cleanUp([session]);
    return true;
  }

  /** Info for every live session, after an expiry sweep. Waits for each session's lock to give a consistent view. */
  async listActiveSessions(): Promise<Record<string, SessionInfo>> {
    await this.cleanupExpiredSessions();
    const sessions = await this.#liveSessions();
    const infos = await Promise.allSettled(sessions.map((session) => session.getSessionInfo()));
    const result: Record<string, SessionInfo> = {};
    infos.forEach((info, i) => {
      const id = (sessions[i] as Session).sessionId;
      if (info.status === 'fulfilled') result[id] = info.value;
      else this.#context.logger.warn(`sessionkit: could not read info of session ${id}`, { error: info.reason });
    });
    return result;
  }

  /** The live session created last, or null. */
  async getMostRecentSession(): Promise<Session | null> {
    await this.cleanupExpiredSessions();
    if (this.#store === undefined) return this.#ages.newest() ?? null;
    const sessions = await this.#liveSessions();
    return sessions.reduce<Session | null>((newest, s) => (newest === null || s.createdAtMs > newest.createdAtMs ? s : newest), null);
  }

  /** Every live session: the local pool, or in store mode every stored session (loaded into the cache). */
  async #liveSessions(): Promise<Session[]> {
    if (this.#store === undefined) return [...this.#sessions.values()];
    const ids = await this.#store.listCreatedBefore(Number.MAX_SAFE_INTEGER, this.maxSessions);
    const loaded = await Promise.all(ids.map((id) => this.getSession(id).catch(() => null)));
    return loaded.filter((session): session is Session => session !== null);
  }

  /**
   * Removes every expired session. Finding them costs O(k log n) for k expired
   * sessions, whatever the pool size; their cleanups run after they are detached.
   */
  async cleanupExpiredSessions(): Promise<number> {
    const now = this.#context.now();
    const expired = this.#detachExpired(now);
    let removed = expired.length;
    if (this.#store !== undefined) {
      // The store expires the states by itself; this also clears them from its age index.
      removed = 0;
      const ids = await this.#store.listCreatedBefore(now - this.#ttlMs, 10_000);
      for (const id of ids) if (await this.#store.delete(id)) removed++;
    }
    if (expired.length > 0) await this.#cleanUp(expired);
    return removed;
  }

  /** Running totals: O(1), takes no lock. */
  async getStats(): Promise<ManagerStats> {
    const now = this.#context.now();
    if (this.#store !== undefined) {
      const stats = await this.#store.stats();
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
    const active = this.#sessions.size;
    const oldest = this.#ages.oldest();
    const newest = this.#ages.newest();
    return {
      active_sessions: active,
      max_sessions: this.maxSessions,
      capacity_used_percent: Math.round((active / this.maxSessions) * 1000) / 10,
      session_ttl_hours: this.sessionTtlHours,
      cleanup_interval_seconds: this.cleanupIntervalSeconds,
      total_threads: this.#counters.threads,
      total_analyses: this.#counters.analyses,
      oldest_session_age_seconds: oldest === undefined ? null : Math.max(0, now - oldest.createdAtMs) / 1000,
      newest_session_age_seconds: newest === undefined ? null : Math.max(0, now - newest.createdAtMs) / 1000,
      cleanup_task_running: this.#timer !== undefined,
    };
  }

  /** Starts the periodic expiry sweep. Idempotent; the timer never keeps the process alive. */
  async startBackgroundCleanup(): Promise<void> {
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

  /** Creates a session, runs `fn` with it, and always removes it afterwards (the reference's `session_context`). */
  async withSession<T>(sessionId: string, createOptions: CreateSessionOptions, fn: (session: Session) => T | Promise<T>): Promise<T> {
    const session = await this.createSession(sessionId, createOptions);
    try {
      return await fn(session);
    } finally {
      // Only remove what we created: fn may have removed it and someone else reused the id.
      if (this.#sessions.get(sessionId) === session) await this.removeSession(sessionId);
    }
  }

  /**
   * Stops the sweep, then removes and cleans up every session. If any cleanup
   * reported errors, throws one SessionCleanupError holding all of them, after
   * everything was removed.
   */
  async shutdown(): Promise<void> {
    await this.stopBackgroundCleanup();
    // Store mode: the stored sessions belong to every process; only this process's copies go.
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription !== undefined) await subscription.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    const sessions = [...this.#sessions.values()];
    for (const session of sessions) this.#detach(session);
    const errors = await this.#cleanUp(sessions);
    if (errors.length > 0) {
      throw new SessionCleanupError(`${errors.length} cleanup error(s) while shutting down ${sessions.length} session(s)`, { errors });
    }
  }

  #isExpired(session: Session, now: number): boolean {
    return now - session.createdAtMs > this.#ttlMs;
  }

  #perspectiveThreads(sessionId: string, options: z.output<typeof createOptionsSchema>): Thread[] {
    const names = options.initialPerspectives;
    if (names === undefined || names.length === 0) return [];
    return names.map(
      (name) =>
        Thread[kTrusted]({
          id: `${sessionId}_${name}`,
          name,
          systemPrompt: perspectivePrompt(name, this.#perspectives),
          modelBackend: options.modelBackend ?? ModelBackend.BEDROCK,
          modelName: options.modelName ?? null,
        }),
    );
  }

  #attach(session: Session): void {
    this.#sessions.set(session.sessionId, session);
    this.#ages.add(session);
    this.#counters.threads += session.threadCount;
    this.#counters.analyses += session.analysisCount;
    session[kCounters] = this.#counters;
  }

  #attachStored(store: SessionStore, session: Session, revision: number): void {
    const link: StoreLink = {
      store,
      retry: this.#retry,
      revision,
      stale: false,
      savingRevision: undefined,
      heardDuringSave: false,
      onGone: (sessionId) => this.#forget(sessionId),
    };
    session[kAttachStore](link);
    this.#links.set(session.sessionId, link);
    this.#attach(session);
  }

  /** Store mode: drops (and cleans up) the local copy of a session another process removed. */
  #forget(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.#detach(session);
    void this.#cleanUp([session]);
  }

  #onInvalidation(event: StoreInvalidation): void {
    const link = this.#links.get(event.sessionId);
    if (link === undefined) {
      // A load in flight may return what this event already replaced: it loads again.
      if (this.#loading.has(event.sessionId)) this.#missedWhileLoading.add(event.sessionId);
      return;
    }
    if (event.kind === 'removed') this.#forget(event.sessionId);
    else if (event.revision !== undefined && event.revision === link.savingRevision) link.heardDuringSave = true;
    else if (event.revision === undefined || event.revision > link.revision) link.stale = true;
  }

  /** Subscribes to the store's invalidations once; a failed attempt is retried by the next call. */
  #subscribed(store: SessionStore): Promise<unknown> {
    this.#subscription ??= store.subscribe((event) => this.#onInvalidation(event)).catch((error: unknown) => {
      this.#subscription = undefined;
      throw error;
    });
    return this.#subscription;
  }

  #detach(session: Session): void {
    if (this.#sessions.get(session.sessionId) === session) {
      this.#sessions.delete(session.sessionId);
      this.#links.delete(session.sessionId);
    }
    this.#ages.remove(session);
    if (session[kCounters] === this.#counters) {
      this.#counters.threads -= session.threadCount;
      this.#counters.analyses -= session.analysisCount;
      session[kCounters] = null;
    }
  }

  #detachExpired(now: number): Session[] {
    const expired = this.#ages.takeCreatedBefore(now - this.#ttlMs);
    for (const session of expired) this.#detach(session);
    return expired;
  }

  /** Runs the cleanups of detached sessions; returns (and logs) every error. Never throws. */
  async #cleanUp(sessions: readonly Session[]): Promise<unknown[]> {
    const results: CleanupResult[] = await Promise.all(sessions.map((session) => session.cleanup()));
    const errors = results.flatMap((result) => result.errors);
    if (errors.length > 0) {
      this.#context.logger.warn(`sessionkit: ${errors.length} cleanup error(s) while removing ${sessions.length} session(s)`, { errors });
    }
    return errors;
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

/** A new session id: 256 random bits as base64url (43 characters). */
export function generateSessionId(): string {
  return randomToken();
}

let singleton: SimpleSessionManager | undefined;

/** The process-wide manager, created with default options on first use. */
export function getSessionManager(): SimpleSessionManager {
  return (singleton ??= new SimpleSessionManager());
}

/**
 * Replaces the process-wide manager: shuts the previous one down (a
 * SessionCleanupError from it is logged, not thrown), then starts the new
 * one's background cleanup.
 */
export async function initializeSessionManager(options: SessionManagerOptions = {}): Promise<SimpleSessionManager> {
  const manager = new SimpleSessionManager(options);
  const previous = singleton;
  singleton = manager;
  if (previous !== undefined) {
    try {
      await previous.shutdown();
    } catch (error) {
      guardLogger(options.logger).error('sessionkit: the previous session manager reported cleanup errors on shutdown', { error });
    }
  }
  await manager.startBackgroundCleanup();
  return manager;
}

/** Shuts the process-wide manager down and forgets it. */
export async function shutdownSessionManager(): Promise<void> {
  const manager = singleton;
  singleton = undefined;
  if (manager !== undefined) await manager.shutdown();
}
