/**
 * Core's write-through semantics (packages/core/test/store-write-through.test.ts,
 * written against an in-memory store) held against Redis: two managers, each
 * with its own store and connections, as two processes would have them.
 */
import {
  type Clock,
  SessionCapacityError,
  SessionConcurrencyError,
  SessionExistsError,
  type SessionManagerOptions,
  SessionNotFoundError,
  SessionValidationError,
  SimpleSessionManager,
  type StoreInvalidation,
  Thread,
} from '@sessionkit/core';
import { afterEach, expect, it } from 'vitest';
import { type RedisSessionStore, sessionKey } from '../src/index.js';
import { describeWithRedis, openStore, rawRedis, uniquePrefix } from './support/redis.js';

const managers: SimpleSessionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.shutdown()));
});

/** A clock that starts at the real time (Redis expires keys by its own clock) and moves only when told to. */
function steppingClock(): Clock & { advance(ms: number): void } {
  let now = Date.now();
  return { now: () => now, advance: (ms) => (now += ms) };
}

function twoProcesses(options: SessionManagerOptions = {}) {
  const keyPrefix = uniquePrefix();
  const stores = [openStore({ keyPrefix }), openStore({ keyPrefix })] as const;
  const make = (store: RedisSessionStore) => {
    const manager = new SimpleSessionManager({ secretKey: 'shared-secret', store, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 }, ...options });
    managers.push(manager);
    return manager;
  };
  return { keyPrefix, storeA: stores[0], storeB: stores[1], a: make(stores[0]), b: make(stores[1]) };
}

/**
 * Runs `act` (a write by another process), then resolves once `store` has
 * delivered the invalidation for what `act` wrote to its listeners: the
 * removal, or a change at the revision now stored. The manager's listener was
 * subscribed first, so it has run by then.
 */
async function afterInvalidation(store: RedisSessionStore, sessionId: string, act: () => Promise<unknown>): Promise<void> {
  const events: StoreInvalidation[] = [];
  let wake = () => {};
  const stop = await store.subscribe((event) => {
    if (event.sessionId !== sessionId) return;
    events.push(event);
    wake();
  });
  try {
    await act();
    const stored = await rawRedis().hget(sessionKey(store.keyPrefix, sessionId), 'rev');
    const arrived = () =>
      events.some((event) => (stored === null ? event.kind === 'removed' : event.kind === 'changed' && (event.revision ?? 0) >= Number(stored)));
    while (!arrived()) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    await stop();
  }
}

const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });

describeWithRedis('SimpleSessionManager on RedisSessionStore', () => {
  it('serves a session created by one process in the other, with every change', async () => {
    const { a, b, storeA } = twoProcesses();
    const created = await a.createSession('shared', { topic: 'x', initialPerspectives: ['technical'] });
    await created.recordAnalysis('p', { technical: 'answer' });

    const seen = await b.requireSession('shared');
    expect(seen).not.toBe(created);
    expect(seen.version).toBe(1);
    expect((await seen.getLastAnalysis())?.prompt).toBe('p');
    expect([...(await seen.getAllThreads()).keys()]).toEqual(['technical']);

    // A change in B reaches A's cached copy through the invalidation.
    await afterInvalidation(storeA, 'shared', () => seen.addThread(thread('risk')));
    expect([...(await created.getAllThreads()).keys()]).toEqual(['technical', 'risk']);
    expect(created.version).toBe(2);
  });

  it('loses no update when both processes write concurrently (conflicts are retried)', async () => {
    const { a, b, storeA, storeB } = twoProcesses();
    const inA = await a.createSession('hot');
    const inB = await b.requireSession('hot');
    const writes = [];
    for (let i = 0; i < 50; i++) {
      writes.push(inA.recordAnalysis(`a${i}`, { x: 'y' }));
      writes.push(inB.recordAnalysis(`b${i}`, { x: 'y' }));
    }
    await Promise.all(writes);
    const final = await (await a.requireSession('hot')).exportState();
    expect(final.analyses).toHaveLength(100);
    expect(final.version).toBe(100);
    expect(new Set(final.analyses.map((analysis) => analysis.prompt)).size).toBe(100);
    expect(storeA.counters.saves + storeB.counters.saves).toBe(100);
  });

  it('does not reload its own writes (its invalidations are not taken for someone else\'s)', async () => {
    const { a, storeA } = twoProcesses();
    const session = await a.createSession('own-writes');
    for (let i = 0; i < 60; i++) await session.recordAnalysis(`p${i}`, { x: 'y' });
    expect(storeA.counters).toMatchObject({ saves: 60, conflicts: 0, loads: 0 });
  });

  it('atomicUpdate with an expected version fails with SessionConcurrencyError when another process wrote first', async () => {
    const { a, b, storeB } = twoProcesses();
    const inA = await a.createSession('cas');
    const inB = await b.requireSession('cas');
    await inB.addThread(thread('t')); // stored version 1; A may not have heard yet
    let ran = 0;
    const error = await inA
      .atomicUpdate((state) => {
        ran++;
        state.topic = 'from A';
      }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionConcurrencyError);
    expect(error).toMatchObject({ expected: 0, actual: 1 });
    expect((await inB.exportState()).topic).toBeNull();
    expect(ran).toBeLessThanOrEqual(1);
    // Without an expected version it re-applies on the fresh state and succeeds.
    await afterInvalidation(storeB, 'cas', () =>
      inA.atomicUpdate((state) => {
        state.topic = 'from A';
      }),
    );
    expect(await inB.exportState()).toMatchObject({ topic: 'from A', version: 2 });
  });

  it('persists security metadata without bumping the version', async () => {
    const { a, b } = twoProcesses();
    const inA = await a.createSession('sec');
    await inA.validateSecurity('tool_a');
    const inB = await b.requireSession('sec');
    expect((await inB.exportState()).client_binding?.tool_usage_sequence).toEqual(['tool_a']);
    expect(inB.version).toBe(0);
  });

  it('counts validation failures across processes', async () => {
    const { a, b, storeA } = twoProcesses();
    const inA = await a.createSession('attack');
    await inA.atomicUpdate((state) => {
      state.clientBinding!.bindingSignature = '0'.repeat(64);
    });
    const inB = await b.requireSession('attack');
    await inA.validateSecurity().catch(() => undefined);
    await inB.validateSecurity().catch(() => undefined);
    await inA.validateSecurity().catch(() => undefined);
    await afterInvalidation(storeA, 'attack', () => inB.validateSecurity().catch(() => undefined));
    const info = await inA.getSessionInfo();
    expect(info.client_binding).toMatchObject({ validation_failures: 4, is_suspicious: true });
  });

  it('a removal in one process is never served stale by the other', async () => {
    const { a, b, storeB } = twoProcesses();
    await a.createSession('gone');
    const inB = await b.requireSession('gone');
    await afterInvalidation(storeB, 'gone', async () => expect(await a.removeSession('gone')).toBe(true));
    expect(await b.getSession('gone')).toBeNull();
    await expect(inB.addThread(thread('late'))).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it('enforces ids and capacity globally; a sweep frees sessions expired by the managers clock', async () => {
    const clock = steppingClock();
    const { a, b } = twoProcesses({ maxSessions: 2, clock });
    await a.createSession('one');
    await expect(b.createSession('one')).rejects.toBeInstanceOf(SessionExistsError);
    await b.createSession('two');
    await expect(a.createSession('three')).rejects.toBeInstanceOf(SessionCapacityError);
    expect((await b.getStats()).active_sessions).toBe(2);
    clock.advance(3_600_001);
    await expect(a.createSession('three')).resolves.toBeDefined();
    expect(await b.getSession('one')).toBeNull();
  });

  it('reports global stats', async () => {
    const { a, b } = twoProcesses();
    await a.createSession('s1', { initialPerspectives: ['technical', 'risk'] });
    const s2 = await b.createSession('s2', { initialPerspectives: ['user'] });
    await s2.recordAnalysis('p', { user: 'x' });
    expect(await a.getStats()).toMatchObject({ active_sessions: 2, total_threads: 3, total_analyses: 1 });
    expect(Object.keys(await b.listActiveSessions()).sort()).toEqual(['s1', 's2']);
  });

  it('reports a corrupted stored value as SessionValidationError for that id, and keeps serving others', async () => {
    const { a, b, keyPrefix } = twoProcesses();
    await a.createSession('bad');
    await a.createSession('good');
    const redis = rawRedis();
    await redis.hset(sessionKey(keyPrefix, 'bad'), 'state', '{"session_id": 42}');
    const error = await b.getSession('bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as Error).message).toContain('bad');
    await redis.hset(sessionKey(keyPrefix, 'good'), 'state', 'not json at all');
    await expect(b.getSession('good')).rejects.toBeInstanceOf(SessionValidationError);
    await redis.set(sessionKey(keyPrefix, 'typed'), 'a string, not a hash');
    await expect(b.getSession('typed')).rejects.toBeInstanceOf(SessionValidationError);
    await b.createSession('fresh');
    expect(await b.getSession('fresh')).not.toBeNull();
    expect(await a.getSession('fresh')).not.toBeNull();
  });

  it('shutdown of one process leaves the shared sessions in place', async () => {
    const { a, b } = twoProcesses();
    await a.createSession('durable');
    await a.shutdown();
    expect(await b.getSession('durable')).not.toBeNull();
  });

  it('lets Redis expire a session by its TTL: the key goes, the index forgets it, no process serves it', async () => {
    // The managers' clock is set back so a 1-hour TTL ends 150 ms from now (real time: Redis's clock).
    const clock = steppingClock();
    clock.advance(-3_600_000 + 150);
    const { a, b, keyPrefix } = twoProcesses({ clock });
    const session = await a.createSession('short-lived');
    const key = sessionKey(keyPrefix, 'short-lived');
    const redis = rawRedis();
    expect(await redis.pexpiretime(key)).toBe(session.createdAtMs + 3_600_000);
    expect((await b.getStats()).active_sessions).toBe(1);

    await expect.poll(() => redis.exists(key), { timeout: 3000, interval: 25 }).toBe(0);
    expect((await b.getStats()).active_sessions).toBe(0);
    expect(await b.getSession('short-lived')).toBeNull();
    await expect(session.recordAnalysis('late', { x: 'y' })).rejects.toBeInstanceOf(SessionNotFoundError);
  });
});
