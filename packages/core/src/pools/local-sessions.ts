/**
 * The sessions this process holds: by id, ordered by age, with running
 * totals. Both pools keep their sessions here (the stored pool as its local
 * cache). Membership is applied synchronously, so no caller interleaves
 * inside it; cleanups run after sessions are detached.
 */
import { SessionError, SessionExpiredError } from '../errors.js';
import type { PoolCounters, PoolMembership } from '../internal.js';
import { joinPool, leavePool } from '../pool-membership.js';
import type { Logger } from '../logger.js';
import type { CleanupResult, Session } from '../session.js';
import { AgeIndex } from './age-index.js';

export class LocalSessions implements PoolMembership {
  readonly #sessions = new Map<string, Session>();
  readonly #ages = new AgeIndex<Session>();
  readonly counters: PoolCounters = { threads: 0, analyses: 0 };

  constructor(
    readonly ttlMs: number,
    readonly logger: Logger,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  get(sessionId: string): Session | undefined {
    return this.#sessions.get(sessionId);
  }

  values(): Session[] {
    return [...this.#sessions.values()];
  }

  oldest(): Session | undefined {
    return this.#ages.oldest();
  }

  newest(): Session | undefined {
    return this.#ages.newest();
  }

  isExpired(session: Session, now: number): boolean {
    return now - session.createdAtMs > this.ttlMs;
  }

  attach(session: Session): void {
    if (this.#sessions.has(session.sessionId)) throw new SessionError(`internal: session '${session.sessionId}' attached twice`);
    this.#sessions.set(session.sessionId, session);
    this.#ages.add(session);
    this.counters.threads += session.threadCount;
    this.counters.analyses += session.analysisCount;
    joinPool(session, this);
  }

  /** Lets a session go: it leaves the pool's totals and is retired (writes to it are refused from now on). */
  detach(session: Session): void {
    if (this.#sessions.get(session.sessionId) !== session) return;
    this.#ages.remove(session);
    this.#release(session);
  }

  #release(session: Session): void {
    this.#sessions.delete(session.sessionId);
    this.counters.threads -= session.threadCount;
    this.counters.analyses -= session.analysisCount;
    leavePool(session);
  }

  /** Detaches every session created before `now - ttl`: O(k log n) for k expired sessions, whatever the pool size. */
  detachExpired(now: number): Session[] {
    const expired = this.#ages.takeCreatedBefore(now - this.ttlMs);
    for (const session of expired) this.#release(session);
    return expired;
  }

  /** Detaches every session (shutdown). */
  detachAll(): Session[] {
    const sessions = this.values();
    for (const session of sessions) this.detach(session);
    return sessions;
  }

  /** Runs the cleanups of detached sessions; returns (and logs) every error. Never throws. */
  async cleanUp(sessions: readonly Session[]): Promise<unknown[]> {
    if (sessions.length === 0) return [];
    const results: CleanupResult[] = await Promise.all(sessions.map((session) => session.cleanup()));
    const errors = results.flatMap((result) => result.errors);
    if (errors.length > 0) {
      this.logger.warn(`sessionkit: ${errors.length} cleanup error(s) while removing ${sessions.length} session(s)`, { errors });
    }
    return errors;
  }
}

/** A restored or built session already older than the TTL would be removed by the next lookup: refuse it up front. */
export function expiredOnArrival(session: Session): SessionExpiredError {
  return new SessionExpiredError(`Session '${session.sessionId}' was created at ${session.createdAt}, longer ago than the TTL: it is expired already`);
}
