/**
 * The SessionStore seam of @sessionkit/core on Redis: sessions shared by many
 * processes, each write a compare-and-set in one Lua script, invalidations
 * over pub/sub.
 */
import {
  isValidSessionId,
  SessionError,
  type SessionStateJSON,
  type SessionStore,
  SessionStoreUnavailableError,
  SessionValidationError,
  type StoreCreateResult,
  type StoredSession,
  type StoreInvalidation,
  type StoreSaveResult,
  type StoreStats,
} from '@sessionkit/core';
import { parseTimestamp } from '@sessionkit/core/interop';
import { type ConnectionWatch, connect, watchConnection, whenReady } from './connection.js';
import { parseInvalidation } from './invalidation.js';
import { type IndexKeys, indexKeys, sessionKey } from './keys.js';
import { type RedisSessionStoreOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { parseStoredState, replyArray, replyInteger, replyString, UnexpectedReplyError } from './replies.js';
import { type RedisClient, type ScriptArg, ScriptRunner } from './script-runner.js';
import {
  CREATE,
  CREATED_BEFORE,
  DELETE,
  DROP_ORPHANS,
  LOAD,
  type LuaScript,
  ORPHAN_CANDIDATES,
  PURGE,
  REINDEX,
  RESERVE,
  SAVE,
  SUMMARY,
  UNINDEX,
} from './scripts.js';
import { HeldInvalidations } from './held-invalidations.js';
import { ServedSessions } from './served-sessions.js';

/** What the store has done since it was built: for dashboards, tests and the bench. */
export interface RedisStoreCounters {
  creates: number;
  loads: number;
  saves: number;
  /** Compare-and-set saves refused because another writer got there first (each one is retried by core). */
  conflicts: number;
  deletes: number;
  /** Operations that failed with SESSION_STORE_UNAVAILABLE. */
  unavailable: number;
  /** Index entries without a session key that a full pool reclaimed. */
  orphansReclaimed: number;
}

/** Index entries read per round trip by stats(). */
const STATS_PAGE = 500;

export class RedisSessionStore implements SessionStore {
  readonly keyPrefix: string;
  readonly channel: string;
  readonly commandTimeoutMs: number;
  readonly #options: ResolvedOptions;
  readonly #client: RedisClient;
  readonly #clientWatch: ConnectionWatch;
  #subscriberWatch: ConnectionWatch | undefined;
  readonly #ownsClient: boolean;
  readonly #scripts: ScriptRunner;
  readonly #index: IndexKeys;
  readonly #indexKeyList: readonly string[];
  readonly #listeners = new Set<(event: StoreInvalidation) => void>();
  readonly #served = new ServedSessions();
  readonly #held = new HeldInvalidations((event) => this.#emit(event));
  readonly #counters: RedisStoreCounters = { creates: 0, loads: 0, saves: 0, conflicts: 0, deletes: 0, unavailable: 0, orphansReclaimed: 0 };
  #subscriber: RedisClient | undefined;
  #subscribing: Promise<void> | undefined;
  #closed = false;

  constructor(options: RedisSessionStoreOptions = {}) {
    this.#options = resolveOptions(options);
    this.keyPrefix = this.#options.keyPrefix;
    this.channel = this.#options.channel;
    this.commandTimeoutMs = this.#options.commandTimeoutMs;
    const { connection } = this.#options;
    this.#ownsClient = !('client' in connection);
    this.#client = 'client' in connection ? connection.client : connect(connection, this.commandTimeoutMs);
    this.#clientWatch = watchConnection(this.#client, 'command', this.#options.logger);
    this.#scripts = new ScriptRunner(this.#client);
    this.#index = indexKeys(this.keyPrefix);
    this.#indexKeyList = [this.#index.created, this.#index.expires, this.#index.reserved];
  }

  /** A snapshot of the counters. */
  get counters(): Readonly<RedisStoreCounters> {
    return { ...this.#counters };
  }

  /**
   * "Create if absent" with the global capacity check. Two single-slot steps:
   * reserve a place in the index (capacity), then create the session hash
   * (if absent) with its expiry. A process that dies between them leaves an
   * index entry without a session, which a full pool reclaims after the
   * grace period (see `orphanGraceMs`).
   */
  async create(state: SessionStateJSON, options: { expiresAtMs: number; maxSessions: number }): Promise<StoreCreateResult> {
    const sessionId = checkSessionId(stateSessionId(state));
    const createdAtMs = parseTimestamp(typeof state.created_at === 'string' ? state.created_at : '');
    if (!Number.isFinite(createdAtMs)) throw invalid('state.created_at', 'expected an ISO timestamp');
    const { expiresAtMs, maxSessions } = options;
    if (!Number.isSafeInteger(Math.floor(expiresAtMs))) throw invalid('expiresAtMs', 'expected epoch milliseconds');
    if (!Number.isInteger(maxSessions) || maxSessions < 1) throw invalid('maxSessions', 'expected a positive integer');
    const json = JSON.stringify(state);
    const expiresAt = Math.floor(expiresAtMs);
    const key = sessionKey(this.keyPrefix, sessionId);
    return this.#run('create', sessionId, async (signal) => {
      let reservation = await this.#reserve(sessionId, createdAtMs, expiresAt, maxSessions);
      if (reservation === 'full' && (await this.#reclaimOrphans(signal)) > 0) {
        signal.throwIfAborted();
        reservation = await this.#reserve(sessionId, createdAtMs, expiresAt, maxSessions);
      }
      if (reservation === 'full') return { status: 'full' };
      signal.throwIfAborted();

      const reply = replyArray(CREATE.name, await this.#script(CREATE, [key], [json, createdAtMs, expiresAt, countThreads(state), countAnalyses(state)]));
      if (replyInteger(CREATE.name, reply[0]) === 1) {
        // An entry that was already there belonged to no session (an orphan): it now describes this one.
        if (reservation === 'present') await this.#script(REINDEX, this.#indexKeyList, [sessionId, createdAtMs, expiresAt]);
        this.#counters.creates++;
        this.#served.add(sessionId, expiresAt);
        return { status: 'created', revision: 1 };
      }
      if (reservation === 'reserved') {
        // A live session the index did not know: describe it as it is stored.
        const storedCreatedAt = Number(reply[1]);
        const storedExpiry = replyInteger(CREATE.name, reply[2]);
        if (Number.isFinite(storedCreatedAt) && reply[1] !== '') {
          await this.#script(REINDEX, this.#indexKeyList, [sessionId, storedCreatedAt, storedExpiry < 0 ? '+inf' : storedExpiry]);
        } else {
          await this.#script(UNINDEX, this.#indexKeyList, [sessionId]);
        }
      }
      return { status: 'exists' };
    });
  }

  async load(sessionId: string): Promise<StoredSession | null> {
    checkSessionId(sessionId);
    return this.#run('load', sessionId, async () => {
      const reply = await this.#script(LOAD, [sessionKey(this.keyPrefix, sessionId)], []);
      this.#counters.loads++;
      if (reply === null) {
        this.#served.delete(sessionId);
        return null;
      }
      const [text, revision, expireTime] = replyArray(LOAD.name, reply);
      this.#served.add(sessionId, replyInteger(LOAD.name, expireTime));
      return { state: parseStoredState(replyString(LOAD.name, text)), revision: replyInteger(LOAD.name, revision) };
    });
  }

  async save(state: SessionStateJSON, expectedRevision: number): Promise<StoreSaveResult> {
    const sessionId = checkSessionId(stateSessionId(state));
    if (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0) throw invalid('expectedRevision', 'expected a non-negative integer');
    const json = JSON.stringify(state);
    const args: ScriptArg[] = [expectedRevision, json, countThreads(state), countAnalyses(state), this.channel, sessionId];
    this.#held.saveStarted(sessionId);
    try {
      return await this.#runSave(sessionId, args);
    } finally {
      this.#held.saveEnded(sessionId);
    }
  }

  #runSave(sessionId: string, args: readonly ScriptArg[]): Promise<StoreSaveResult> {
    return this.#run('save', sessionId, async () => {
      const reply = replyArray(SAVE.name, await this.#script(SAVE, [sessionKey(this.keyPrefix, sessionId)], args));
      switch (replyInteger(SAVE.name, reply[0])) {
        case 2:
          this.#counters.saves++;
          this.#served.add(sessionId, replyInteger(SAVE.name, reply[2]));
          return { ok: true, revision: replyInteger(SAVE.name, reply[1]) };
        case 1:
          this.#counters.conflicts++;
          this.#served.add(sessionId, replyInteger(SAVE.name, reply[3]));
          return {
            ok: false,
            current: { state: parseStoredState(replyString(SAVE.name, reply[1])), revision: replyInteger(SAVE.name, reply[2]) },
          };
        case 0:
          this.#served.delete(sessionId);
          return { ok: false, current: null };
        default:
          throw new UnexpectedReplyError(SAVE.name, reply);
      }
    });
  }

  /** Deletes the session (publishing the removal), then its index entry. */
  async delete(sessionId: string): Promise<boolean> {
    checkSessionId(sessionId);
    const existed = await this.#run('delete', sessionId, async () => {
      const deleted = replyInteger(DELETE.name, await this.#script(DELETE, [sessionKey(this.keyPrefix, sessionId)], [this.channel, sessionId]));
      this.#served.delete(sessionId);
      if (deleted === 1) this.#counters.deletes++;
      return deleted === 1;
    });
    try {
      await this.#run('delete', sessionId, () => this.#script(UNINDEX, this.#indexKeyList, [sessionId]));
    } catch (error) {
      // The session is gone; a leftover index entry is an orphan a full pool reclaims.
      this.#options.logger.warn(`sessionkit/store-redis: session ${sessionId} was deleted but its index entry was not`, { error });
    }
    return existed;
  }

  async listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]> {
    if (Number.isNaN(cutoffMs)) throw invalid('cutoffMs', 'expected epoch milliseconds');
    if (!Number.isInteger(limit) || limit < 0) throw invalid('limit', 'expected a non-negative integer');
    if (limit === 0 || cutoffMs === Number.NEGATIVE_INFINITY) return [];
    const cutoff = cutoffMs === Number.POSITIVE_INFINITY ? '+inf' : `(${cutoffMs}`;
    return this.#run('listCreatedBefore', undefined, async () => {
      const reply = replyArray(CREATED_BEFORE.name, await this.#script(CREATED_BEFORE, this.#indexKeyList, [cutoff, limit]));
      return reply.map((id) => replyString(CREATED_BEFORE.name, id));
    });
  }

  /**
   * Global figures. Reads every indexed session's counts (pipelined, one
   * page at a time): O(live sessions), so the write path never touches a
   * global key (see the README on Cluster).
   */
  async stats(): Promise<StoreStats> {
    return this.#run('stats', undefined, async (signal) => {
      await this.#script(PURGE, this.#indexKeyList, []);
      const stats: StoreStats = { count: 0, oldestCreatedAtMs: null, newestCreatedAtMs: null, totalThreads: 0, totalAnalyses: 0 };
      for (let start = 0; ; start += STATS_PAGE) {
        signal.throwIfAborted();
        const page = await this.#client.zrange(this.#index.created, start, start + STATS_PAGE - 1, 'WITHSCORES');
        const entries: { id: string; createdAtMs: number }[] = [];
        for (let i = 0; i + 1 < page.length; i += 2) entries.push({ id: page[i] as string, createdAtMs: Number(page[i + 1]) });
        const summaries = await Promise.all(entries.map(({ id }) => this.#script(SUMMARY, [sessionKey(this.keyPrefix, id)], [])));
        summaries.forEach((reply, i) => {
          const [exists, threads, analyses] = replyArray(SUMMARY.name, reply).map((value) => replyInteger(SUMMARY.name, value));
          if (exists !== 1) return; // an orphan entry, or a key expiring right now
          const { createdAtMs } = entries[i] as { createdAtMs: number };
          stats.count++;
          stats.totalThreads += threads ?? 0;
          stats.totalAnalyses += analyses ?? 0;
          if (stats.oldestCreatedAtMs === null || createdAtMs < stats.oldestCreatedAtMs) stats.oldestCreatedAtMs = createdAtMs;
          if (stats.newestCreatedAtMs === null || createdAtMs > stats.newestCreatedAtMs) stats.newestCreatedAtMs = createdAtMs;
        });
        if (page.length < STATS_PAGE * 2) return stats;
      }
    });
  }

  /**
   * Delivers every change and removal published by any process (this one
   * included) to `listener`. Resolves once the subscription is active.
   */
  async subscribe(listener: (event: StoreInvalidation) => void): Promise<() => Promise<void>> {
    if (typeof listener !== 'function') throw invalid('listener', 'expected a function');
    this.#listeners.add(listener);
    try {
      await this.#run('subscribe', undefined, () => this.#ensureSubscribed());
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
    return async () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Closes the store's connections (a `client` passed in options is left
   * open, without the store's listeners: it is yours). Afterwards every
   * operation fails with SESSION_STORE_UNAVAILABLE. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    this.#subscriberWatch?.silence();
    if (this.#ownsClient) this.#clientWatch.silence();
    else this.#clientWatch.detach();
    await Promise.all([
      subscriber === undefined ? undefined : closeConnection(subscriber, false, this.commandTimeoutMs),
      this.#ownsClient ? closeConnection(this.#client, true, this.commandTimeoutMs) : undefined,
    ]);
  }

  // -------------------------------------------------------------------------

  /**
   * Runs one operation within `commandTimeoutMs` (the whole operation, every
   * round trip of it), mapping every Redis failure to SessionStoreUnavailableError.
   * `signal` aborts at the deadline: multi-step work checks it between steps
   * so nothing is written after the caller was told the operation failed.
   */
  async #run<T>(operation: string, sessionId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const subject = sessionId === undefined ? operation : `${operation} of session ${sessionId}`;
    if (this.#closed) {
      this.#counters.unavailable++;
      throw new SessionStoreUnavailableError(`Redis session store is closed: ${subject} was not attempted`);
    }
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no reply within ${this.commandTimeoutMs} ms`);
        deadline.abort(error);
        reject(error);
      }, this.commandTimeoutMs);
    });
    try {
      return await Promise.race([whenReady(this.#client, deadline.signal).then(() => work(deadline.signal)), timeout]);
    } catch (error) {
      if (error instanceof SessionError) throw error;
      this.#counters.unavailable++;
      const detail = error instanceof Error ? error.message : String(error);
      throw new SessionStoreUnavailableError(`Redis session store unavailable: ${subject} failed (${detail}); retry once Redis is reachable`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      deadline.abort(); // releases a whenReady() still waiting
    }
  }

  #script(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[]): Promise<unknown> {
    return this.#scripts.run(script, keys, args);
  }

  async #reserve(sessionId: string, createdAtMs: number, expiresAtMs: number, maxSessions: number): Promise<'reserved' | 'present' | 'full'> {
    const reply = replyString(RESERVE.name, await this.#script(RESERVE, this.#indexKeyList, [sessionId, createdAtMs, expiresAtMs, maxSessions]));
    if (reply !== 'reserved' && reply !== 'present' && reply !== 'full') throw new UnexpectedReplyError(RESERVE.name, reply);
    return reply;
  }

  /**
   * A full pool checks its index for entries whose session key is missing
   * (left by a process that died mid-create or mid-delete) and drops those
   * older than the grace period. Costs one EXISTS per indexed session, and
   * runs only when a create found the pool full.
   */
  async #reclaimOrphans(signal: AbortSignal): Promise<number> {
    const grace = this.#options.orphanGraceMs;
    const candidates = replyArray(ORPHAN_CANDIDATES.name, await this.#script(ORPHAN_CANDIDATES, this.#indexKeyList, [grace])).map((id) =>
      replyString(ORPHAN_CANDIDATES.name, id),
    );
    let reclaimed = 0;
    for (let start = 0; start < candidates.length; start += STATS_PAGE) {
      signal.throwIfAborted();
      const page = candidates.slice(start, start + STATS_PAGE);
      const exists = await Promise.all(page.map((id) => this.#client.exists(sessionKey(this.keyPrefix, id))));
      const missing = page.filter((_, i) => exists[i] === 0);
      if (missing.length === 0) continue;
      reclaimed += replyInteger(DROP_ORPHANS.name, await this.#script(DROP_ORPHANS, this.#indexKeyList, [grace, ...missing]));
    }
    if (reclaimed > 0) {
      this.#counters.orphansReclaimed += reclaimed;
      this.#options.logger.info(`sessionkit/store-redis: reclaimed ${reclaimed} index entr${reclaimed === 1 ? 'y' : 'ies'} without a session`);
    }
    return reclaimed;
  }

  /** Subscribes once, on a second connection (a subscribed connection can do nothing else). */
  #ensureSubscribed(): Promise<void> {
    this.#subscribing ??= (async () => {
      const subscriber = (this.#subscriber ??= this.#createSubscriber());
      const waiting = new AbortController();
      try {
        await whenReady(subscriber, waiting.signal);
      } finally {
        waiting.abort();
      }
      await subscriber.subscribe(this.channel);
    })().catch((error: unknown) => {
      this.#subscribing = undefined;
      throw error;
    });
    return this.#subscribing;
  }

  #createSubscriber(): RedisClient {
    const subscriber = this.#client.duplicate();
    this.#subscriberWatch = watchConnection(subscriber, 'subscriber', this.#options.logger);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const event = parseInvalidation(message);
      if (event === null) {
        this.#options.logger.debug(`sessionkit/store-redis: ignored a message on ${channel} that is not an invalidation`);
        return;
      }
      if (event.kind === 'removed') this.#served.delete(event.sessionId);
      if (!this.#held.hold(event)) this.#emit(event);
    });
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      void this.#afterReconnect(subscriber);
    });
    return subscriber;
  }

  /**
   * Invalidations published while the subscriber was away are lost, so once
   * it is subscribed again every session served so far is reported changed:
   * each cached copy reloads before its next use.
   */
  async #afterReconnect(subscriber: RedisClient): Promise<void> {
    try {
      await subscriber.subscribe(this.channel); // idempotent; resolves once the subscription is active again
    } catch (error) {
      this.#options.logger.warn('sessionkit/store-redis: could not resubscribe after a reconnect; will retry on the next one', { error });
      return;
    }
    const ids = this.#served.drain();
    this.#options.logger.info(`sessionkit/store-redis: resubscribed; invalidating ${ids.length} cached session(s) that may have changed meanwhile`);
    for (const sessionId of ids) this.#emit({ sessionId, kind: 'changed' });
  }

  #emit(event: StoreInvalidation): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#options.logger.error('sessionkit/store-redis: an invalidation listener threw', { error, sessionId: event.sessionId });
      }
    }
  }
}

function stateSessionId(state: SessionStateJSON): unknown {
  return typeof state === 'object' && state !== null ? (state as { session_id?: unknown }).session_id : undefined;
}

function checkSessionId(sessionId: unknown): string {
  // Core's rule, which also keeps braces (the hash tag) out of keys.
  if (isValidSessionId(sessionId)) return sessionId;
  throw invalid('sessionId', 'expected 1..256 characters of [A-Za-z0-9_.:-]');
}

function invalid(field: string, message: string): SessionValidationError {
  return new SessionValidationError(`Invalid ${field}: ${message}`, { issues: [{ path: [field], message }] });
}

function countThreads(state: SessionStateJSON): number {
  return typeof state.threads === 'object' && state.threads !== null ? Object.keys(state.threads).length : 0;
}

function countAnalyses(state: SessionStateJSON): number {
  return Array.isArray(state.analyses) ? state.analyses.length : 0;
}

/**
 * Closes a connection (QUIT first when `graceful` and it is up) and resolves
 * once it has ended, so no event of it fires after close() returns. Bounded
 * by `timeoutMs`.
 */
async function closeConnection(client: RedisClient, graceful: boolean, timeoutMs: number): Promise<void> {
  const status = client.status;
  if (status === 'end') return;
  // Between reconnect attempts there is no socket: disconnect() just cancels the next attempt, no 'end' follows.
  const ends = status !== 'reconnecting' && status !== 'wait';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  const ended = new Promise<void>((resolve) => client.once('end', resolve));
  try {
    if (graceful && status === 'ready') await Promise.race([client.quit().catch(() => undefined), deadline]);
    client.disconnect();
    if (ends) await Promise.race([ended, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
