import { Session, SessionValidationError, type SessionStateJSON, type StoreInvalidation } from '@sessionkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKeys, RedisSessionStore, sessionKey } from '../src/index.js';
import { describeWithRedis, openStore, rawRedis, uniquePrefix } from './support/redis.js';

const HOUR = 3_600_000;

/** One creation time per id, as one session's successive states have (the store refuses a save that changes it). */
const createdAt = new Map<string, string>();

async function stateOf(sessionId: string, build?: (session: Session) => Promise<unknown>): Promise<SessionStateJSON> {
  const session = new Session(sessionId, { secretKey: 'test-secret' });
  if (build !== undefined) await build(session);
  const state = await session.exportState();
  if (!createdAt.has(sessionId)) createdAt.set(sessionId, state.created_at);
  return { ...state, created_at: createdAt.get(sessionId) as string };
}

/**
 * Subscribes a probe to `store` and resolves once the subscription is active,
 * with `next`: the next invalidation for `sessionId`. (Wrapped, since an
 * async function cannot resolve to a promise.)
 */
async function listenFor(store: RedisSessionStore, sessionId: string): Promise<{ next: Promise<StoreInvalidation> }> {
  let deliver!: (event: StoreInvalidation) => void;
  const next = new Promise<StoreInvalidation>((resolve) => (deliver = resolve));
  const stop = await store.subscribe((event) => {
    if (event.sessionId === sessionId) deliver(event);
  });
  return { next: next.finally(stop) };
}

// The seam's common behaviour (create, CAS, conflicts, announcements, listing, stats) is core's store contract,
// run on Redis in store-contract.test.ts; what follows is what only this store has.
describeWithRedis('RedisSessionStore', () => {
  describe('create', () => {
    it('writes the state once ("create if absent"), at revision 1, expiring at expiresAtMs', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const state = await stateOf('s1');
      const expiresAtMs = Date.now() + HOUR;
      expect(await store.create(state, { expiresAtMs, maxSessions: 10 })).toEqual({ status: 'created', revision: 1 });
      expect(await store.create(await stateOf('s1'), { expiresAtMs, maxSessions: 10 })).toEqual({ status: 'exists' });

      const loaded = await store.load('s1');
      expect(loaded).toEqual({ state, revision: 1 });
      const redis = rawRedis();
      expect(await redis.pexpiretime(sessionKey(store.keyPrefix, 's1'))).toBe(expiresAtMs);
      expect(await redis.zscore(indexKeys(store.keyPrefix).created, 's1')).toBe(String(Date.parse(state.created_at)));
    });

    it('refuses a new session when maxSessions are stored, counting every process', async () => {
      const prefix = uniquePrefix();
      const a = openStore({ keyPrefix: prefix });
      const b = openStore({ keyPrefix: prefix });
      const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 2 };
      expect((await a.create(await stateOf('one'), options)).status).toBe('created');
      expect((await b.create(await stateOf('two'), options)).status).toBe('created');
      expect(await a.create(await stateOf('three'), options)).toEqual({ status: 'full' });
      // An existing id is reported as existing, not as a full pool.
      expect(await b.create(await stateOf('one'), options)).toEqual({ status: 'exists' });
      expect(await a.delete('two')).toBe(true);
      expect((await b.create(await stateOf('three'), options)).status).toBe('created');
    });

    it('lets only maxSessions of many concurrent creates in', async () => {
      const prefix = uniquePrefix();
      const stores = [openStore({ keyPrefix: prefix }), openStore({ keyPrefix: prefix })];
      const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 7 };
      const states = await Promise.all(Array.from({ length: 30 }, (_, i) => stateOf(`c${i}`)));
      const results = await Promise.all(states.map((state, i) => (stores[i % 2] as RedisSessionStore).create(state, options)));
      expect(results.filter((result) => result.status === 'created')).toHaveLength(7);
      expect(results.filter((result) => result.status === 'full')).toHaveLength(23);
      expect((await stores[0]!.stats()).count).toBe(7);
    });

    it('does not count sessions Redis has already expired', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      // Expiry in the past: Redis drops the key at once, the index entry is purged by the next capacity check.
      expect((await store.create(await stateOf('gone'), { expiresAtMs: Date.now() - 1, maxSessions: 1 })).status).toBe('created');
      expect(await rawRedis().exists(sessionKey(store.keyPrefix, 'gone'))).toBe(0);
      expect(await store.create(await stateOf('next'), { expiresAtMs: Date.now() + HOUR, maxSessions: 1 })).toEqual({ status: 'created', revision: 1 });
      expect(await store.load('gone')).toBeNull();
      expect((await store.stats()).count).toBe(1);
    });

    it('reclaims an index entry whose session key is missing (a process died mid-create) once it is older than the grace', async () => {
      const prefix = uniquePrefix();
      const patient = openStore({ keyPrefix: prefix }); // default grace: 10 s
      const eager = openStore({ keyPrefix: prefix, orphanGraceMs: 0 });
      const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 1 };
      await patient.create(await stateOf('orphan'), options);
      await rawRedis().del(sessionKey(prefix, 'orphan')); // the index entry is left behind, as after a crash

      expect(await patient.create(await stateOf('blocked'), options)).toEqual({ status: 'full' });
      expect(patient.counters.orphansReclaimed).toBe(0);
      expect(await eager.create(await stateOf('admitted'), options)).toEqual({ status: 'created', revision: 1 });
      expect(eager.counters.orphansReclaimed).toBe(1);
      expect(await eager.listCreatedBefore(Number.POSITIVE_INFINITY, 10)).toEqual(['admitted']);
    });

    it('re-describes an orphan entry when its id is created again', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      await store.create(await stateOf('again'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      const redis = rawRedis();
      await redis.del(sessionKey(store.keyPrefix, 'again'));
      const fresh = await stateOf('again');
      const expiresAtMs = Date.now() + 2 * HOUR;
      expect(await store.create(fresh, { expiresAtMs, maxSessions: 5 })).toEqual({ status: 'created', revision: 1 });
      const keys = indexKeys(store.keyPrefix);
      expect(await redis.zscore(keys.expires, 'again')).toBe(String(expiresAtMs));
      expect(await redis.zscore(keys.created, 'again')).toBe(String(Date.parse(fresh.created_at)));
    });

    it('rejects a state without a valid session id', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const state = { ...(await stateOf('ok')), session_id: 'bad{id}' };
      await expect(store.create(state, { expiresAtMs: Date.now() + HOUR, maxSessions: 5 })).rejects.toBeInstanceOf(SessionValidationError);
    });
  });

  describe('save (compare-and-set on the revision)', () => {
    it('refuses a state that changes the session creation time (it fixes the expiry), writing nothing', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      await store.create(await stateOf('born'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      const reborn = { ...(await stateOf('born')), created_at: '9999-01-01T00:00:00.000Z' };
      const error = await store.save(reborn, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionValidationError);
      expect((error as SessionValidationError).issues[0]?.path).toEqual(['state.created_at']);
      expect((await store.load('born'))?.revision).toBe(1);
    });

    it('keeps the expiry set at creation', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const expiresAtMs = Date.now() + HOUR;
      await store.create(await stateOf('ttl'), { expiresAtMs, maxSessions: 5 });
      await store.save(await stateOf('ttl', (s) => s.recordAnalysis('p', { a: 'x' })), 1);
      expect(await rawRedis().pexpiretime(sessionKey(store.keyPrefix, 'ttl'))).toBe(expiresAtMs);
    });
  });

  describe('delete', () => {
    it('removes the session and its index entry, publishes the removal, and reports whether it existed', async () => {
      const prefix = uniquePrefix();
      const store = openStore({ keyPrefix: prefix });
      const other = openStore({ keyPrefix: prefix });
      await store.create(await stateOf('del'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      const removed = await listenFor(other, 'del');
      expect(await store.delete('del')).toBe(true);
      expect(await removed.next).toEqual({ sessionId: 'del', kind: 'removed' });
      expect(await store.delete('del')).toBe(false);
      expect(await store.load('del')).toBeNull();
      expect(await rawRedis().zcard(indexKeys(prefix).created)).toBe(0);
    });
  });

  describe('listCreatedBefore and stats', () => {
    it('lists ids created before the cutoff, oldest first, at most `limit`', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const base = Date.parse('2026-01-01T00:00:00.000Z');
      for (const [id, offset] of [
        ['c', 2],
        ['a', 0],
        ['b', 1],
        ['d', 3],
      ] as const) {
        const state = { ...(await stateOf(id)), created_at: new Date(base + offset * 1000).toISOString() };
        await store.create(state, { expiresAtMs: Date.now() + HOUR, maxSessions: 10 });
      }
      expect(await store.listCreatedBefore(base + 3000, 10)).toEqual(['a', 'b', 'c']); // the cutoff itself is excluded
      expect(await store.listCreatedBefore(Number.POSITIVE_INFINITY, 2)).toEqual(['a', 'b']);
      expect(await store.listCreatedBefore(base, 10)).toEqual([]);
      expect(await store.listCreatedBefore(Number.MAX_SAFE_INTEGER, 0)).toEqual([]);
    });

    it('reads the index a page at a time (more sessions than one page)', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const template = await stateOf('template');
      const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 2000 };
      await Promise.all(Array.from({ length: 1203 }, (_, i) => store.create({ ...template, session_id: `p${i}` }, options)));
      expect((await store.stats()).count).toBe(1203);
    });
  });

  describe('bad data in Redis', () => {
    // Damaged session data (fields, key types, the index) is covered by corrupt-data.test.ts.
    it('ignores messages on its channel that are not invalidations', async () => {
      const prefix = uniquePrefix();
      const store = openStore({ keyPrefix: prefix });
      const writer = openStore({ keyPrefix: prefix });
      const events: StoreInvalidation[] = [];
      await store.subscribe((event) => events.push(event));
      await rawRedis().publish(store.channel, 'hello');
      await rawRedis().publish(store.channel, JSON.stringify({ sessionId: 'x', kind: 'exploded' }));
      await writer.create(await stateOf('real'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      const removed = await listenFor(store, 'real');
      await writer.delete('real');
      await removed.next;
      expect(events).toEqual([{ sessionId: 'real', kind: 'removed' }]);
    });
  });

  describe('subscribe', () => {
    it('keeps delivering when a listener throws', async () => {
      const prefix = uniquePrefix();
      const store = openStore({ keyPrefix: prefix });
      await store.subscribe(() => {
        throw new Error('listener bug');
      });
      await store.create(await stateOf('t'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      const removed = await listenFor(store, 't');
      await store.delete('t');
      expect(await removed.next).toEqual({ sessionId: 't', kind: 'removed' });
    });
  });

  describe('session ids', () => {
    it('accepts exactly the ids core accepts', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      await store.close(); // a closed store still checks the id first, then refuses without a round trip
      const coreAccepts = (sessionId: string): boolean => {
        try {
          new Session(sessionId, { createClientBinding: false });
          return true;
        } catch (error) {
          if (error instanceof SessionValidationError) return false;
          throw error;
        }
      };
      const ids = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'aZ9_.:-{} /é'), maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', '-'), minLength: 250, maxLength: 260 }),
        fc.string({ maxLength: 20 }),
      );
      await fc.assert(
        fc.asyncProperty(ids, async (sessionId) => {
          const refusal = await store.load(sessionId).then(
            () => 'loaded',
            (error: unknown) => (error instanceof SessionValidationError ? 'invalid id' : 'store closed'),
          );
          expect(refusal).toBe(coreAccepts(sessionId) ? 'store closed' : 'invalid id');
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('lifecycle', () => {
    it('works on a client you pass in, and leaves it open on close()', async () => {
      const client = rawRedis();
      const store = new RedisSessionStore({ client, keyPrefix: uniquePrefix() });
      try {
        expect((await store.create(await stateOf('own'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 })).status).toBe('created');
        expect((await store.load('own'))?.revision).toBe(1);
      } finally {
        await store.close();
      }
      expect(await client.ping()).toBe('PONG');
      await client.del(sessionKey(store.keyPrefix, 'own'), ...Object.values(indexKeys(store.keyPrefix)));
    });

    it('takes its listeners off a client you pass in when it closes (no MaxListenersExceededWarning after many stores)', async () => {
      const client = rawRedis();
      const events = ['error', 'close', 'ready', 'end'] as const;
      const listenersOf = () => events.map((event) => client.listenerCount(event));
      const before = listenersOf();
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      try {
        for (let cycle = 0; cycle < 12; cycle += 1) {
          const store = new RedisSessionStore({ client, keyPrefix: uniquePrefix() });
          expect(await store.load('absent')).toBeNull();
          await store.close();
        }
        await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on a later tick
      } finally {
        process.off('warning', onWarning);
      }
      expect(listenersOf()).toEqual(before);
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    });

    it('logs nothing when it is closed on purpose', async () => {
      const lines: string[] = [];
      const log = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
      const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
      const store = openStore({ keyPrefix: uniquePrefix(), logger });
      await store.subscribe(() => undefined); // both connections open
      await store.close();
      expect(lines).toEqual([]);
    });

    it('fails every operation with SESSION_STORE_UNAVAILABLE once closed', async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      await store.close();
      await store.close();
      await expect(store.load('x')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
      await expect(store.stats()).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
      expect(store.counters.unavailable).toBe(2);
    });
  });
});

describe('RedisSessionStore options', () => {
  it.each([
    [{ url: 'http://localhost:6379' }, 'url'],
    [{ url: 'redis://a:1', client: {} }, 'client'],
    [{ keyPrefix: 'app:{x}:' }, 'keyPrefix'],
    [{ keyPrefix: '' }, 'keyPrefix'],
    [{ commandTimeoutMs: 0 }, 'commandTimeoutMs'],
    [{ commandTimeoutMs: 1.5 }, 'commandTimeoutMs'],
    [{ logger: console.log }, 'logger'],
    [{ cluster: { nodes: [] } }, 'cluster'],
    [{ orphanGraceMs: -1 }, 'orphanGraceMs'],
    [{ retries: 3 }, ''],
  ])('rejects %j', (options, field) => {
    let error: unknown;
    try {
      new RedisSessionStore(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as SessionValidationError).issues[0]?.path[0] ?? '').toBe(field);
  });

  it('derives the channel from the key prefix unless one is given', async () => {
    const store = new RedisSessionStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'app1:', commandTimeoutMs: 100 });
    const named = new RedisSessionStore({ url: 'redis://127.0.0.1:1', channel: 'my-channel', commandTimeoutMs: 100 });
    expect([store.channel, named.channel, named.keyPrefix]).toEqual(['app1:invalidations', 'my-channel', 'sk:']);
    await Promise.all([store.close(), named.close()]);
  });
});
