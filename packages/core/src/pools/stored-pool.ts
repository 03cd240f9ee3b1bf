/**
 * Sessions in a shared store (`@sessionkit/store-redis`, say), so several
 * processes serve the same sessions. This process keeps a local cache of the
 * sessions it touched, each switched to write-through (`write-through.ts`);
 * the store's invalidations mark cached copies stale or drop them. Capacity
 * and statistics are the store's: global, not per process.
 */
import { SessionCapacityError, SessionExistsError, SessionExpiredError, SessionNotFoundError } from '../errors.js';
import { kFromState, kState, kWriteDown, kWriteThrough } from '../internal.js';
import { ClientBinding } from '../types/client-binding.js';
import { restoreStoredState } from '../restore.js';
import type { SessionContext } from '../session-context.js';
import type { SessionStore, StoreInvalidation, StoreRetryPolicy, StoredSession } from '../session-store.js';
import { Session } from '../session.js';
import { assertSessionId } from '../validation.js';
import { WriteThrough } from '../write-through.js';
import { expiredOnArrival, LocalSessions } from './local-sessions.js';
import type { PoolStats, SessionPool } from './session-pool.js';

/** Ids the sweep deletes from the store per run at most. */
const SWEEP_BATCH = 10_000;

export class StoredPool implements SessionPool {
  readonly #local: LocalSessions;
  readonly #ttlMs: number;
  /** Each cached session's write-through, by id. */
  readonly #links = new Map<string, WriteThrough>();
  /** Loads in flight, so concurrent misses for one id share one load. */
  readonly #loading = new Map<string, Promise<Session | null>>();
  /** Ids whose invalidation arrived while they were loading. */
  readonly #missedWhileLoading = new Set<string>();
  #subscription: Promise<() => Promise<void>> | undefined;

  constructor(
    readonly store: SessionStore,
    readonly retry: Readonly<StoreRetryPolicy>,
    readonly maxSessions: number,
    ttlMs: number,
    readonly context: SessionContext,
  ) {
    this.#ttlMs = ttlMs;
    this.#local = new LocalSessions(ttlMs, context.logger);
  }

  get size(): number {
    return this.#local.size;
  }

  /** "Create if absent" in the store, which also enforces the global capacity. */
  async admit(session: Session): Promise<Session> {
    if (this.#local.isExpired(session, this.context.now())) throw expiredOnArrival(session);
    const existing = this.#local.get(session.sessionId);
    if (existing !== undefined) {
      if (!this.#local.isExpired(existing, this.context.now())) throw new SessionExistsError(`Session '${session.sessionId}' already exists`);
      this.#drop(existing);
      await this.#local.cleanUp([existing]);
    }
    await this.#subscribed();
    const state = await session.exportState();
    const options = { expiresAtMs: session.createdAtMs + this.#ttlMs, maxSessions: this.maxSessions };
    let created = await this.store.create(state, options);
    if (created.status === 'full') {
      await this.sweep();
      created = await this.store.create(state, options);
    }
    if (created.status === 'exists') throw new SessionExistsError(`Session '${session.sessionId}' already exists`);
    if (created.status === 'full') {
      throw new SessionCapacityError(
        `Session capacity reached (${this.maxSessions} live sessions across all processes, none expired): remove a session or raise maxSessions`,
      );
    }
    this.#cache(session, created.revision);
    return session;
  }

  async find(sessionId: string, required: boolean): Promise<Session | null> {
    const cached = this.#local.get(sessionId);
    if (cached === undefined) assertSessionId(sessionId);
    let session: Session | null;
    if (cached === undefined) {
      session = await this.#load(sessionId);
    } else if (this.#local.isExpired(cached, this.context.now())) {
      this.#drop(cached);
      await this.#local.cleanUp([cached]);
      if (required) throw new SessionExpiredError(`Session '${sessionId}' has expired (it lived its TTL); start a new one`);
      session = null;
    } else {
      session = cached;
    }
    if (session === null && required) {
      throw new SessionNotFoundError(`Session '${sessionId}' not found (it never existed, expired, or was removed)`);
    }
    return session;
  }

  peek(sessionId: string): Session | null {
    const session = this.#local.get(sessionId);
    if (session === undefined || this.#local.isExpired(session, this.context.now())) return null;
    return session;
  }

  /** Deletes everywhere first (other processes drop their copies on the invalidation); if the store cannot be reached, nothing changes here either. */
  async remove(sessionId: string): Promise<boolean> {
    const deleted = await this.store.delete(sessionId);
    const session = this.#local.get(sessionId);
    if (session === undefined) return deleted;
    this.#drop(session);
    await this.#local.cleanUp([session]);
    return true;
  }

  /** Every stored session, loaded into the cache. */
  async live(): Promise<Session[]> {
    const ids = await this.store.listCreatedBefore(Number.MAX_SAFE_INTEGER, this.maxSessions);
    const loaded = await Promise.all(ids.map((id) => this.find(id, false).catch(() => null)));
    return loaded.filter((session): session is Session => session !== null);
  }

  async newest(): Promise<Session | null> {
    const sessions = await this.live();
    return sessions.reduce<Session | null>((newest, s) => (newest === null || s.createdAtMs > newest.createdAtMs ? s : newest), null);
  }

  /** The store expires states by itself; this also clears them from its age index, and drops expired cached copies. */
  async sweep(): Promise<number> {
    const now = this.context.now();
    const expired = this.#local.detachExpired(now);
    for (const session of expired) this.#links.delete(session.sessionId);
    let removed = 0;
    const ids = await this.store.listCreatedBefore(now - this.#ttlMs, SWEEP_BATCH);
    for (const id of ids) if (await this.store.delete(id)) removed++;
    await this.#local.cleanUp(expired);
    return removed;
  }

  async stats(): Promise<PoolStats> {
    const stats = await this.store.stats();
    return {
      count: stats.count,
      totalThreads: stats.totalThreads,
      totalAnalyses: stats.totalAnalyses,
      oldestCreatedAtMs: stats.oldestCreatedAtMs,
      newestCreatedAtMs: stats.newestCreatedAtMs,
    };
  }

  /** Only this process's copies go: the stored sessions belong to every process. */
  async close(): Promise<unknown[]> {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription !== undefined) await subscription.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    const sessions = this.#local.detachAll();
    this.#links.clear();
    return this.#local.cleanUp(sessions);
  }

  /** A local miss loads the session from the store (one load per id at a time). */
  #load(sessionId: string): Promise<Session | null> {
    let loading = this.#loading.get(sessionId);
    if (loading === undefined) {
      loading = this.#loadOnce(sessionId).finally(() => this.#loading.delete(sessionId));
      this.#loading.set(sessionId, loading);
    }
    return loading;
  }

  async #loadOnce(sessionId: string): Promise<Session | null> {
    await this.#subscribed();
    // An invalidation during the load means the reply may predate it: load again
    // (a few times at most; after that, the copy is marked stale and reloads on use).
    let stored: StoredSession | null = null;
    let missed = true;
    for (let attempt = 0; attempt < 3 && missed; attempt++) {
      this.#missedWhileLoading.delete(sessionId);
      stored = await this.store.load(sessionId);
      missed = this.#missedWhileLoading.has(sessionId);
    }
    this.#missedWhileLoading.delete(sessionId);
    if (stored === null) return null;
    const cached = this.#local.get(sessionId);
    if (cached !== undefined) return cached; // created here while we were loading
    const session = Session[kFromState](restoreStoredState(stored.state, sessionId, this.context), this.context);
    if (this.#local.isExpired(session, this.context.now())) return null;
    const link = this.#cache(session, stored.revision);
    if (missed) link.markStale();
    return session;
  }

  #cache(session: Session, revision: number): WriteThrough {
    const link = new WriteThrough(this.store, this.retry, revision, (id) => this.#forget(id));
    session[kWriteThrough](link);
    // Every write exports the state: keep the binding's texts rather than recompute them each time.
    const binding = session[kState].clientBinding;
    if (binding !== null) ClientBinding[kWriteDown](binding);
    this.#links.set(session.sessionId, link);
    this.#local.attach(session);
    return link;
  }

  #drop(session: Session): void {
    if (this.#local.get(session.sessionId) === session) this.#links.delete(session.sessionId);
    this.#local.detach(session);
  }

  /** Drops (and cleans up) the local copy of a session another process removed. */
  #forget(sessionId: string): void {
    const session = this.#local.get(sessionId);
    if (session === undefined) return;
    this.#drop(session);
    void this.#local.cleanUp([session]);
  }

  #onInvalidation(event: StoreInvalidation): void {
    const link = this.#links.get(event.sessionId);
    if (link === undefined) {
      // A load in flight may return what this event already replaced: it loads again.
      if (this.#loading.has(event.sessionId)) this.#missedWhileLoading.add(event.sessionId);
      return;
    }
    if (event.kind === 'removed') this.#forget(event.sessionId);
    else link.heard(event);
  }

  /** Subscribes to the store's invalidations once; a failed attempt is retried by the next call. */
  #subscribed(): Promise<unknown> {
    this.#subscription ??= this.store
      .subscribe((event) => this.#onInvalidation(event))
      .catch((error: unknown) => {
        this.#subscription = undefined;
        throw error;
      });
    return this.#subscription;
  }
}
