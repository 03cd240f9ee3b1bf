/**
 * What managers on Redis show beyond core's store contract (run on Redis in
 * store-contract.test.ts): a process does not reload for its own writes, and
 * Redis's own expiry ends a session everywhere. Two managers, each with its
 * own store and connections, as two processes would have them.
 */
import { SessionNotFoundError, type SessionManagerOptions, SimpleSessionManager } from '@sessionkit/core';
import { ManualClock } from '@sessionkit/core/testing';
import { afterEach, expect, it } from 'vitest';
import { type RedisSessionStore, sessionKey } from '../src/index.js';
import { describeWithRedis, openStore, rawRedis, uniquePrefix } from './support/redis.js';

const HOUR = 3_600_000;
const managers: SimpleSessionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.shutdown()));
});

function twoProcesses(options: SessionManagerOptions = {}) {
  const keyPrefix = uniquePrefix();
  const stores = [openStore({ keyPrefix }), openStore({ keyPrefix })] as const;
  const make = (store: RedisSessionStore) => {
    const manager = new SimpleSessionManager({ secretKey: 'shared-secret', store, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 }, ...options });
    managers.push(manager);
    return manager;
  };
  return { keyPrefix, storeA: stores[0], a: make(stores[0]), b: make(stores[1]) };
}

describeWithRedis('SimpleSessionManager on RedisSessionStore', () => {
  it("does not reload its own writes (its invalidations are not taken for someone else's)", async () => {
    const { a, storeA } = twoProcesses();
    const session = await a.createSession('own-writes');
    for (let i = 0; i < 60; i++) await session.recordAnalysis(`p${i}`, { x: 'y' });
    expect(storeA.counters).toMatchObject({ saves: 60, conflicts: 0, loads: 0 });
  });

  it('lets Redis expire a session by its TTL: the key goes, the index forgets it, no process serves it', async () => {
    // Redis expires keys by its own (real) clock: the managers' clock starts so that a 1-hour TTL ends 150 ms from now.
    const clock = new ManualClock(Date.now() - HOUR + 150);
    const { a, b, keyPrefix } = twoProcesses({ clock });
    const session = await a.createSession('short-lived');
    const key = sessionKey(keyPrefix, 'short-lived');
    const redis = rawRedis();
    expect(await redis.pexpiretime(key)).toBe(session.createdAtMs + HOUR);
    expect((await b.getStats()).active_sessions).toBe(1);

    await expect.poll(() => redis.exists(key), { timeout: 3000, interval: 25 }).toBe(0);
    expect((await b.getStats()).active_sessions).toBe(0);
    expect(await b.getSession('short-lived')).toBeNull();
    await expect(session.recordAnalysis('late', { x: 'y' })).rejects.toBeInstanceOf(SessionNotFoundError);
  });
});
