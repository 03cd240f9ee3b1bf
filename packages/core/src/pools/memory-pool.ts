/**
 * The embedded default: sessions in this process's memory. There is no
 * pool-wide lock: the invariants (unique ids, capacity) are checked and
 * applied synchronously, so no caller interleaves inside them and none waits
 * on another session's lock.
 */
import { SessionCapacityError, SessionExistsError, SessionExpiredError, SessionNotFoundError } from '../errors.js';
import type { SessionContext } from '../session-context.js';
import { invalidSessionId, isValidSessionId } from '../validation.js';
import type { Session } from '../session.js';
import { expiredOnArrival, LocalSessions } from './local-sessions.js';
import type { PoolStats, SessionPool } from './session-pool.js';

export class MemoryPool implements SessionPool {
  readonly #local: LocalSessions;

  constructor(
    readonly maxSessions: number,
    ttlMs: number,
    readonly context: SessionContext,
  ) {
    this.#local = new LocalSessions(ttlMs, context.logger);
  }

  get size(): number {
    return this.#local.size;
  }

  async admit(session: Session): Promise<Session> {
    const local = this.#local;
    const now = this.context.now();
    if (local.isExpired(session, now)) throw expiredOnArrival(session);
    const freed: Session[] = [];
    const existing = local.get(session.sessionId);
    if (existing !== undefined) {
      if (!local.isExpired(existing, now)) throw new SessionExistsError(`Session '${session.sessionId}' already exists`);
      local.detach(existing);
      freed.push(existing);
    }
    if (local.size >= this.maxSessions) {
      freed.push(...local.detachExpired(now));
      if (local.size >= this.maxSessions) {
        await local.cleanUp(freed);
        throw new SessionCapacityError(`Session capacity reached (${this.maxSessions} live sessions, none expired): remove a session or raise maxSessions`);
      }
    }
    local.attach(session);
    await local.cleanUp(freed);
    return session;
  }

  find(sessionId: string, required: boolean): Promise<Session | null> {
    const local = this.#local;
    const session = local.get(sessionId);
    if (session !== undefined) {
      let now: number;
      try {
        now = this.context.now();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!local.isExpired(session, now)) return Promise.resolve(session);
      local.detach(session);
      return local.cleanUp([session]).then(() => {
        if (required) throw new SessionExpiredError(`Session '${sessionId}' has expired (it lived its TTL); start a new one`);
        return null;
      });
    }
    if (!isValidSessionId(sessionId)) return Promise.reject(invalidSessionId(sessionId));
    if (required) return Promise.reject(new SessionNotFoundError(`Session '${sessionId}' not found (it never existed, expired, or was removed)`));
    return Promise.resolve(null);
  }

  peek(sessionId: string): Session | null {
    const session = this.#local.get(sessionId);
    if (session === undefined || this.#local.isExpired(session, this.context.now())) return null;
    return session;
  }

  async remove(sessionId: string): Promise<boolean> {
    const session = this.#local.get(sessionId);
    if (session === undefined) return false;
    this.#local.detach(session);
    await this.#local.cleanUp([session]);
    return true;
  }

  async live(): Promise<Session[]> {
    return this.#local.values();
  }

  async newest(): Promise<Session | null> {
    return this.#local.newest() ?? null;
  }

  async sweep(): Promise<number> {
    const expired = this.#local.detachExpired(this.context.now());
    await this.#local.cleanUp(expired);
    return expired.length;
  }

  async stats(): Promise<PoolStats> {
    const local = this.#local;
    return {
      count: local.size,
      totalThreads: local.counters.threads,
      totalAnalyses: local.counters.analyses,
      oldestCreatedAtMs: local.oldest()?.createdAtMs ?? null,
      newestCreatedAtMs: local.newest()?.createdAtMs ?? null,
    };
  }

  async close(): Promise<unknown[]> {
    return this.#local.cleanUp(this.#local.detachAll());
  }
}
