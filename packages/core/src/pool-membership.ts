/**
 * A session's membership of a pool, kept on the session itself (one field, no
 * object per session): which pool's totals it reports to, and whether a pool
 * let it go, after which it takes no more writes and joins no other pool.
 */
import { SessionExpiredError, SessionNotFoundError } from './errors.js';
import { kPool, type PoolMembership } from './internal.js';

/** The membership of a session a pool let go of. */
const RETIRED: PoolMembership = Object.freeze({ counters: Object.freeze({ threads: 0, analyses: 0 }), ttlMs: Number.POSITIVE_INFINITY });

/** What a pool member carries (a `Session` is one). */
export interface PoolMember {
  readonly sessionId: string;
  readonly createdAtMs: number;
  [kPool]: PoolMembership | null;
}

export function joinPool(member: PoolMember, pool: PoolMembership): void {
  member[kPool] = pool;
}

/** The pool lets go of the session: for good. */
export function leavePool(member: PoolMember): void {
  if (member[kPool] !== null) member[kPool] = RETIRED;
}

/** Whether a pool holds the session, let it go, or never held it. */
export function poolStatus(member: PoolMember): 'pooled' | 'retired' | 'free' {
  const pool = member[kPool];
  return pool === null ? 'free' : pool === RETIRED ? 'retired' : 'pooled';
}

/** Refuses a write to a session its pool let go of, or that outlived its pool's TTL. */
export function assertWritable(member: PoolMember, now: number): void {
  const pool = member[kPool];
  if (pool === null) return;
  if (pool === RETIRED) throw new SessionNotFoundError(`Session '${member.sessionId}' was removed from its pool; it accepts no more changes`);
  if (now - member.createdAtMs > pool.ttlMs) throw new SessionExpiredError(`Session '${member.sessionId}' has expired; it accepts no more changes`);
}

/** Reports thread and analysis changes to the pool's running totals. */
export function countChange(member: PoolMember, threads: number, analyses: number): void {
  const pool = member[kPool];
  if (pool === null || pool === RETIRED) return;
  (pool.counters as { threads: number; analyses: number }).threads += threads;
  (pool.counters as { threads: number; analyses: number }).analyses += analyses;
}
