/**
 * The SessionStore seam of @sessionkit/core on Redis: sessions shared by many
 * processes, each write a compare-and-set in one Lua script, invalidations
 * over pub/sub.
 */
import { isValidSessionId, SessionError, type SessionStateJSON, SessionStoreUnavailableError } from '@sessionkit/core';
import type { SessionStore, StoreCreateResult, StoredSession, StoreInvalidation, StoreSaveResult, StoreStats } from '@sessionkit/core/interop';
import { checkSessionId, countAnalyses, countThreads, invalid, stateCreatedAtMs, stateSessionId } from './checks.js';
import { closeConnection, type ConnectionWatch, connect, watchConnection, whenReady } from './connection.js';
import { InvalidationFeed } from './invalidation-feed.js';
import { CorruptSessionDataError, corruptReply } from './corrupt-data.js';
import { Deadline } from './deadline.js';
import { type IndexKeys, indexKeys, sessionKey } from './keys.js';
import { type RedisSessionStoreOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { replyArray, replyInteger, replyString, UnexpectedReplyError } from './replies.js';
import { readStoredState } from './stored-state.js';
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
import { ServedSessions } from './served-sessions.js';

/** What the store has done since it was built: for dashboards, tests and the bench. */
export interface RedisStoreCounters {
  /** Sessions created. */
  creates: number;
  /** Sessions loaded (a cold read, or a reload after another process's change). */
  loads: number;
  /** Successful compare-and-set saves. */
  saves: number;
  /** Compare-and-set saves refused because another writer got there first (each one is retried by core). */
  conflicts: number;
  /** Sessions deleted (that existed). */
  deletes: number;
  /** Operations that failed with SESSION_STORE_UNAVAILABLE. */
  unavailable: number;
  /** Index entries without a session key that a full pool reclaimed. */
  orphansReclaimed: number;
}

/** Index entries read per round trip by stats(). */
const STATS_PAGE = 500;

/**
 * A `SessionStore` on Redis (standalone or Cluster, 7.0+): pass it as the
 * `store` option of a `SimpleSessionManager` and every process pointing at
 * the same Redis and key prefix serves the same sessions. Every operation
 * either completes within `commandTimeoutMs` or rejects with
 * `SessionStoreUnavailableError`; damaged data in Redis rejects with
 * `CorruptSessionDataError`; bad arguments with `SessionValidationError`.
 *
 * @example
 * ```ts
 * const store = new RedisSessionStore({ url: process.env.REDIS_URL, keyPrefix: 'my-app:sk:' });
 * const manager = new SimpleSessionManager({ store, secretKeys: ['…'] });
 * // …
 * await manager.shutdown();
 * await store.close();
 * ```
 */
export class RedisSessionStore implements SessionStore {
  /** Prefix of every key this store reads or writes. */
  readonly keyPrefix: string;
  /** The pub/sub channel of invalidations. */
  readonly channel: string;
  /** The bound of every operation, all its round trips together. */
  readonly commandTimeoutMs: number;
  readonly #options: ResolvedOptions;
  readonly #client: RedisClient;
  readonly #clientWatch: ConnectionWatch;
  readonly #ownsClient: boolean;
  readonly #scripts: ScriptRunner;
  readonly #index: IndexKeys;
  readonly #indexKeyList: readonly string[];
  readonly #served = new ServedSessions();
  readonly #feed: InvalidationFeed;
  readonly #counters: RedisStoreCounters = { creates: 0, loads: 0, saves: 0, conflicts: 0, deletes: 0, unavailable: 0, orphansReclaimed: 0 };
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
    this.#feed = new InvalidationFeed(this.#client, this.channel, this.#served, this.#options.logger);
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
    const createdAtMs = stateCreatedAtMs(state);
    const { expiresAtMs, maxSessions } = options;
    if (!Number.isSafeInteger(Math.floor(expiresAtMs))) throw invalid('expiresAtMs', 'expected epoch milliseconds');
    if (!Number.isInteger(maxSessions) || maxSessions < 1) throw invalid('maxSessions', 'expected a positive integer');
    const json = JSON.stringify(state);
    const threads = countThreads(state);
    const analyses = countAnalyses(state);
    const expiresAt = Math.floor(expiresAtMs);
    const key = sessionKey(this.keyPrefix, sessionId);
    return this.#run('create', sessionId, async (deadline) => {
      let reservation = await this.#reserve(sessionId, createdAtMs, expiresAt, maxSessions);
      if (reservation === 'full' && (await this.#reclaimOrphans(deadline)) > 0) {
        deadline.throwIfExpired();
        reservation = await this.#reserve(sessionId, createdAtMs, expiresAt, maxSessions);
      }
      if (reservation === 'full') return { status: 'full' };
      deadline.throwIfExpired();

      let reply: unknown[];
      try {
        reply = replyArray(CREATE.name, await this.#script(CREATE, [key], [json, createdAtMs, expiresAt, threads, analyses]));
      } catch (error) {
        // A corrupt key holds the id: take back the index entry this call added (it described our state, not that key).
        if (reservation === 'reserved' && corruptReply(error) !== undefined) await this.#script(UNINDEX, this.#indexKeyList, [sessionId]);
        throw error;
      }
      if (replyInteger(CREATE.name, reply[0]) === 1) {
        // An entry that was already there belonged to no session (an orphan): it now describes this one.
        if (reservation === 'present') await this.#script(REINDEX, this.#indexKeyList, [sessionId, createdAtMs, expiresAt]);
        this.#counters.creates++;
        const stateBytes = replyInteger(CREATE.name, reply[1]);
        this.#served.add(sessionId, 1, { expireTimeMs: expiresAt, stateBytes, created: createdAtMs, threads, analyses });
        return { status: 'created', revision: 1 };
      }
      const [, storedCreated, storedExpiry, storedText, storedThreads, storedAnalyses] = reply;
      const fields = {
        created: replyString(CREATE.name, storedCreated),
        threads: replyInteger(CREATE.name, storedThreads),
        analyses: replyInteger(CREATE.name, storedAnalyses),
      };
      try {
        readStoredState(replyString(CREATE.name, storedText), key, sessionId, fields); // a damaged session is reported, not "exists"
      } catch (error) {
        if (reservation === 'reserved') await this.#script(UNINDEX, this.#indexKeyList, [sessionId]);
        throw error;
      }
      if (reservation === 'reserved') {
        // A live session the index did not know: describe it as it is stored.
        await this.#script(REINDEX, this.#indexKeyList, [sessionId, Number(fields.created), replyInteger(CREATE.name, storedExpiry)]);
      }
      return { status: 'exists' };
    });
  }

  /** The stored state and its revision, or null when absent or expired. Damaged data rejects with CorruptSessionDataError. */
  async load(sessionId: string): Promise<StoredSession | null> {
    checkSessionId(sessionId);
    const key = sessionKey(this.keyPrefix, sessionId);
    return this.#run('load', sessionId, async () => {
      const reply = await this.#script(LOAD, [key], []);
      this.#counters.loads++;
      if (reply === null) {
        this.#served.delete(sessionId);
        return null;
      }
      const [text, revision, expireTime, created, threads, analyses] = replyArray(LOAD.name, reply);
      const stateText = replyString(LOAD.name, text);
      const fields = { created: replyString(LOAD.name, created), threads: replyInteger(LOAD.name, threads), analyses: replyInteger(LOAD.name, analyses) };
      const stored = { state: readStoredState(stateText, key, sessionId, fields), revision: replyInteger(LOAD.name, revision) };
      this.#served.add(sessionId, stored.revision, { ...fields, expireTimeMs: replyInteger(LOAD.name, expireTime), stateBytes: Buffer.byteLength(stateText) });
      return stored;
    });
  }

  /**
   * Compare-and-set: writes `state` if the stored revision is still `expectedRevision`, else returns what is stored
   * (null when the session is gone). Refuses, writing nothing, a hash changed behind the store's back
   * (CorruptSessionDataError) and a state that changes the session's creation time (SessionValidationError).
   */
  save(state: SessionStateJSON, expectedRevision: number): Promise<StoreSaveResult> {
    let sessionId: string;
    let args: SaveArgs;
    try {
      sessionId = checkSessionId(stateSessionId(state));
      if (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0) throw invalid('expectedRevision', 'expected a non-negative integer');
      const createdAtMs = stateCreatedAtMs(state);
      args = [
        expectedRevision,
        JSON.stringify(state),
        countThreads(state),
        countAnalyses(state),
        this.channel,
        sessionId,
        this.#served.fingerprint(sessionId, expectedRevision),
        createdAtMs,
      ];
    } catch (error) {
      return Promise.reject(error);
    }
    const key = sessionKey(this.keyPrefix, sessionId);
    const id = sessionId;
    // Plain promises on this path (every write takes it): each await would be one more hop.
    this.#feed.saveStarted(id);
    return this.#run('save', id, () => this.#scripts.run(SAVE, [key], args, (reply) => this.#saved(id, key, args, reply))).then(
      (result) => {
        this.#feed.saveEnded(id);
        return result;
      },
      (error: unknown) => {
        this.#feed.saveEnded(id);
        throw error;
      },
    );
  }

  /** The save script's reply, as the seam wants it. */
  #saved(sessionId: string, key: string, args: SaveArgs, value: unknown): StoreSaveResult {
    const reply = replyArray(SAVE.name, value);
    switch (replyInteger(SAVE.name, reply[0])) {
      case 2: {
        const revision = replyInteger(SAVE.name, reply[1]);
        this.#counters.saves++;
        this.#served.add(sessionId, revision, {
          expireTimeMs: replyInteger(SAVE.name, reply[2]),
          stateBytes: replyInteger(SAVE.name, reply[3]),
          created: replyString(SAVE.name, reply[4]),
          threads: args[2],
          analyses: args[3],
        });
        return { ok: true, revision };
      }
      case 1: {
        this.#counters.conflicts++;
        const fields = { created: replyString(SAVE.name, reply[5]), threads: replyInteger(SAVE.name, reply[6]), analyses: replyInteger(SAVE.name, reply[7]) };
        const state = readStoredState(replyString(SAVE.name, reply[1]), key, sessionId, fields);
        const revision = replyInteger(SAVE.name, reply[2]);
        this.#served.add(sessionId, revision, { ...fields, expireTimeMs: replyInteger(SAVE.name, reply[3]), stateBytes: replyInteger(SAVE.name, reply[4]) });
        return { ok: false, current: { state, revision } };
      }
      case 0:
        this.#served.delete(sessionId);
        return { ok: false, current: null };
      case 3:
        throw invalid('state.created_at', `expected the session's creation time (${replyString(SAVE.name, reply[1])} ms), found ${args[7]} ms`);
      default:
        throw new UnexpectedReplyError(SAVE.name, reply);
    }
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

  /** Ids of live sessions created before `cutoffMs` (exclusive), oldest first, at most `limit`. */
  async listCreatedBefore(cutoffMs: number, limit: number): Promise<string[]> {
    if (Number.isNaN(cutoffMs)) throw invalid('cutoffMs', 'expected epoch milliseconds');
    if (!Number.isInteger(limit) || limit < 0) throw invalid('limit', 'expected a non-negative integer');
    if (limit === 0 || cutoffMs === Number.NEGATIVE_INFINITY) return [];
    const cutoff = cutoffMs === Number.POSITIVE_INFINITY ? '+inf' : `(${cutoffMs}`;
    return this.#run('listCreatedBefore', undefined, async () => {
      const reply = replyArray(CREATED_BEFORE.name, await this.#script(CREATED_BEFORE, this.#indexKeyList, [cutoff, limit]));
      return reply.map((id) => this.#indexedId(this.#index.created, replyString(CREATED_BEFORE.name, id)));
    });
  }

  /**
   * Global figures. Reads every indexed session's counts (pipelined, one
   * page at a time): O(live sessions), so the write path never touches a
   * global key (see the README on Cluster).
   */
  async stats(): Promise<StoreStats> {
    return this.#run('stats', undefined, async (deadline) => {
      await this.#script(PURGE, this.#indexKeyList, []);
      const stats: StoreStats = { count: 0, oldestCreatedAtMs: null, newestCreatedAtMs: null, totalThreads: 0, totalAnalyses: 0 };
      for (let start = 0; ; start += STATS_PAGE) {
        deadline.throwIfExpired();
        const page = await this.#client.zrange(this.#index.created, start, start + STATS_PAGE - 1, 'WITHSCORES');
        const entries: { id: string; createdAtMs: number }[] = [];
        for (let i = 0; i + 1 < page.length; i += 2) {
          entries.push({ id: this.#indexedId(this.#index.created, page[i] as string), createdAtMs: Number(page[i + 1]) });
        }
        const summaries = await Promise.all(
          entries.map(({ id }) => this.#script(SUMMARY, [sessionKey(this.keyPrefix, id)], []).catch((error: unknown) => this.#rethrow(error, id))),
        );
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
    await this.#run('subscribe', undefined, () => this.#feed.add(listener));
    return async () => {
      this.#feed.remove(listener);
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
    if (this.#ownsClient) this.#clientWatch.silence();
    else this.#clientWatch.detach();
    await Promise.all([this.#feed.close(this.commandTimeoutMs), this.#ownsClient ? closeConnection(this.#client, true, this.commandTimeoutMs) : undefined]);
  }

  // -------------------------------------------------------------------------

  /**
   * Runs one operation within `commandTimeoutMs` (the whole operation, every
   * round trip of it), mapping every Redis failure to SessionStoreUnavailableError
   * and every corrupt-data report of a script to CorruptSessionDataError.
   * `deadline` expires at the limit: multi-step work checks it between steps
   * so nothing is written after the caller was told the operation failed.
   */
  #run<T>(operation: string, sessionId: string | undefined, work: (deadline: Deadline) => Promise<T>): Promise<T> {
    if (this.#closed) {
      this.#counters.unavailable++;
      return Promise.reject(new SessionStoreUnavailableError(`Redis session store is closed: ${describeOperation(operation, sessionId)} was not attempted`));
    }
    // Written with plain promises, not async/await: this wraps every round trip, and each await is a hop.
    const deadline = new Deadline();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new Error(`no reply within ${this.commandTimeoutMs} ms`);
        deadline.expire(error);
        fail(error);
      }, this.commandTimeoutMs);
      const end = () => {
        clearTimeout(timer);
        deadline.expire(OPERATION_OVER); // releases a whenReady() still waiting
      };
      const fail = (error: unknown) => {
        end();
        try {
          this.#rethrow(error, sessionId, operation);
        } catch (reported) {
          reject(reported);
        }
      };
      const client = this.#client;
      let running: Promise<T>;
      try {
        running = client.status === 'ready' ? work(deadline) : whenReady(client, deadline).then(() => work(deadline));
      } catch (error) {
        fail(error);
        return;
      }
      running.then((value) => {
        end();
        resolve(value);
      }, fail);
    });
  }

  /** Throws `error` as the store reports it: a SessionError as it is, corrupt data typed, anything else as unavailable. */
  #rethrow(error: unknown, sessionId: string | undefined, operation?: string): never {
    if (error instanceof SessionError) throw error;
    const corrupt = corruptReply(error);
    if (corrupt !== undefined) {
      const ofSession = sessionId !== undefined && corrupt.key === sessionKey(this.keyPrefix, sessionId);
      throw new CorruptSessionDataError({ ...corrupt, sessionId: ofSession ? sessionId : undefined });
    }
    if (operation === undefined) throw error; // a step of an operation: its #run reports it
    this.#counters.unavailable++;
    const detail = error instanceof Error ? error.message : String(error);
    if (detail.startsWith('OOM ')) {
      // Refused before the script ran (see scripts.ts): certainly not written, unlike a timeout.
      throw new SessionStoreUnavailableError(
        `Redis is full (maxmemory reached, no eviction): ${describeOperation(operation, sessionId)} was refused and nothing was written; free memory or raise maxmemory, then retry`,
        { cause: error },
      );
    }
    throw new SessionStoreUnavailableError(
      `Redis session store unavailable: ${describeOperation(operation, sessionId)} failed (${detail}); retry once Redis is reachable`,
      { cause: error },
    );
  }

  /** An id read from the index: anything but a session id there is corrupt data, not something to build a key from. */
  #indexedId(key: string, member: string): string {
    if (isValidSessionId(member as unknown)) return member;
    const found = JSON.stringify(member.length > 60 ? `${member.slice(0, 60)}...` : member);
    throw new CorruptSessionDataError({ key, field: 'member', sessionId: undefined, expected: 'session ids', found });
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
  async #reclaimOrphans(deadline: Deadline): Promise<number> {
    const grace = this.#options.orphanGraceMs;
    const candidates = replyArray(ORPHAN_CANDIDATES.name, await this.#script(ORPHAN_CANDIDATES, this.#indexKeyList, [grace])).map((id) =>
      this.#indexedId(this.#index.reserved, replyString(ORPHAN_CANDIDATES.name, id)),
    );
    let reclaimed = 0;
    for (let start = 0; start < candidates.length; start += STATS_PAGE) {
      deadline.throwIfExpired();
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
}

/** ARGV of the save script (scripts.ts): expectedRevision, state, threads, analyses, channel, sessionId, seen, createdAtMs. */
type SaveArgs = [number, string, number, number, string, string, string, number];

/** Ends a deadline once its operation is over (never shown to a caller). */
const OPERATION_OVER = new Error('operation over');

function describeOperation(operation: string, sessionId: string | undefined): string {
  return sessionId === undefined ? operation : `${operation} of session ${sessionId}`;
}
