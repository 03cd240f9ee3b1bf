/**
 * Data another tool wrote into the store's keys: every field a script or the
 * client reads is checked, and a bad one is reported as CorruptSessionDataError
 * naming the session and the field. Nothing is taken as a default, and no
 * write goes over it.
 */
import { Session, type SessionStateJSON, SessionValidationError, SimpleSessionManager } from '@sessionkit/core';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CorruptSessionDataError, indexKeys, type RedisSessionStore, sessionKey } from '../src/index.js';
import { describeWithRedis, openStore, rawRedis, uniquePrefix } from './support/redis.js';

const HOUR = 3_600_000;
const ID = 'victim';

const managers: SimpleSessionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.shutdown()));
});

function managerOn(store: RedisSessionStore): SimpleSessionManager {
  const manager = new SimpleSessionManager({ secretKey: 'corrupt-secret', store, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 } });
  managers.push(manager);
  return manager;
}

async function stateOf(sessionId: string, analyses = 0): Promise<SessionStateJSON> {
  const session = new Session(sessionId, { secretKey: 'corrupt-secret' });
  for (let i = 0; i < analyses; i++) await session.recordAnalysis(`p${i}`, { a: 'x' });
  return session.exportState();
}

/** Everything Redis holds at a key: type, fields (for a hash), expiry. */
async function snapshot(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  const value = type === 'hash' ? await redis.hgetall(key) : type === 'string' ? await redis.get(key) : type === 'list' ? await redis.lrange(key, 0, -1) : null;
  return { type, value, expires: await redis.pexpiretime(key) };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

/** `sessionId` null: the data is not a session's (an index key). */
function expectCorrupt(error: unknown, field: string, sessionId: string | null = ID): void {
  expect(error).toBeInstanceOf(CorruptSessionDataError);
  expect(error).toBeInstanceOf(SessionValidationError);
  const corrupt = error as CorruptSessionDataError;
  expect(corrupt.code).toBe('SESSION_INVALID_INPUT');
  expect({ field: corrupt.field, sessionId: corrupt.sessionId ?? null }).toEqual({ field, sessionId });
  expect(corrupt.issues[0]?.path).toEqual([field]);
  expect(corrupt.message).toContain(`field '${field}'`);
  if (sessionId !== null) expect(corrupt.message).toContain(`session '${sessionId}'`);
}

/** How another tool spoils a stored session, and the field the store must name. */
const spoilers: [string, string, (redis: Redis, key: string) => Promise<unknown>][] = [
  ['rev set to a word', 'rev', (redis, key) => redis.hset(key, 'rev', 'abc')],
  ['rev set to zero', 'rev', (redis, key) => redis.hset(key, 'rev', '0')],
  ['rev set to a fraction', 'rev', (redis, key) => redis.hset(key, 'rev', '1.5')],
  ['rev set to a negative number', 'rev', (redis, key) => redis.hset(key, 'rev', '-3')],
  ['rev in exponent form', 'rev', (redis, key) => redis.hset(key, 'rev', '1e3')],
  ['rev with a space', 'rev', (redis, key) => redis.hset(key, 'rev', ' 1')],
  ['rev beyond 2^53', 'rev', (redis, key) => redis.hset(key, 'rev', '99999999999999999')],
  ['rev deleted', 'rev', (redis, key) => redis.hdel(key, 'rev')],
  ['created set to a date string', 'created', (redis, key) => redis.hset(key, 'created', '2026-01-01')],
  ['created deleted', 'created', (redis, key) => redis.hdel(key, 'created')],
  ['created not the state creation time', 'created', (redis, key) => redis.hset(key, 'created', '12345')],
  ['threads set to a word', 'threads', (redis, key) => redis.hset(key, 'threads', 'two')],
  ['threads negative', 'threads', (redis, key) => redis.hset(key, 'threads', '-1')],
  ['threads not the state thread count', 'threads', (redis, key) => redis.hset(key, 'threads', '7')],
  ['analyses deleted', 'analyses', (redis, key) => redis.hdel(key, 'analyses')],
  ['analyses not the state analysis count', 'analyses', (redis, key) => redis.hset(key, 'analyses', '9')],
  ['state deleted', 'state', (redis, key) => redis.hdel(key, 'state')],
  ['state emptied', 'state', (redis, key) => redis.hset(key, 'state', '')],
  ['state not JSON', 'state', (redis, key) => redis.hset(key, 'state', 'not json {')],
  ['state a JSON array', 'state', (redis, key) => redis.hset(key, 'state', '[1,2]')],
  ['state naming another session', 'state', async (redis, key) => redis.hset(key, 'state', JSON.stringify(await stateOf('someone-else')))],
  ['expiry removed (PERSIST)', 'expiry', (redis, key) => redis.persist(key)],
  [
    'the key replaced by a string',
    'key',
    async (redis, key) => {
      const ttl = await redis.pexpiretime(key);
      await redis.set(key, 'a string', 'PXAT', ttl);
    },
  ],
  [
    'the key replaced by a list',
    'key',
    async (redis, key) => {
      await redis.del(key);
      await redis.rpush(key, 'a', 'b');
    },
  ],
];

describeWithRedis('RedisSessionStore on data it did not write', () => {
  describe.each(spoilers)('%s', (_, field, spoil) => {
    it(`load, save and create report field '${field}' of the session; Redis is left exactly as it was`, async () => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const redis = rawRedis();
      const key = sessionKey(store.keyPrefix, ID);
      const state = await stateOf(ID, 1);
      await store.create(state, { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
      await spoil(redis, key);
      const before = await snapshot(redis, key);

      expectCorrupt(await failure(store.load(ID)), field);
      expectCorrupt(await failure(store.save(await stateOf(ID, 2), 1)), field);
      expectCorrupt(await failure(store.create(await stateOf(ID), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 })), field);
      expect(await snapshot(redis, key)).toEqual(before);
      expect(store.counters).toMatchObject({ unavailable: 0, saves: 0 });
    });
  });

  it('a session cached before the damage: its next write is refused and reported, not written over the damage', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    const manager = managerOn(store);
    const session = await manager.createSession(ID);
    await session.recordAnalysis('before', { a: 'x' });
    const redis = rawRedis();
    const key = sessionKey(store.keyPrefix, ID);
    await redis.hset(key, 'rev', 'not-a-number');
    const before = await snapshot(redis, key);

    expectCorrupt(await failure(session.recordAnalysis('after', { a: 'x' })), 'rev');
    expect(await snapshot(redis, key)).toEqual(before);
    expect(session.version).toBe(1); // the local copy keeps the last confirmed state
  });

  it('a state rewritten under an unchanged revision is reported by the next save, not overwritten', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    const manager = managerOn(store);
    const session = await manager.createSession(ID);
    const redis = rawRedis();
    const key = sessionKey(store.keyPrefix, ID);
    const rewritten = { ...(await session.exportState()), topic: 'written by another tool' };
    await redis.hset(key, 'state', JSON.stringify(rewritten));
    const before = await snapshot(redis, key);

    const error = await failure(session.recordAnalysis('mine', { a: 'x' }));
    expectCorrupt(error, 'state');
    expect((error as Error).message).toContain('same revision');
    expect(await snapshot(redis, key)).toEqual(before);
  });

  it('an expiry changed behind the store (a session extended by hand) is reported by the next save, not kept quietly', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    const manager = managerOn(store);
    const session = await manager.createSession(ID);
    const redis = rawRedis();
    const key = sessionKey(store.keyPrefix, ID);
    await redis.pexpire(key, 1000 * HOUR);
    const before = await snapshot(redis, key);

    expectCorrupt(await failure(session.recordAnalysis('mine', { a: 'x' })), 'expiry');
    expect(await snapshot(redis, key)).toEqual(before);
  });

  it('another manager loading a damaged session gets the typed error; other sessions are served; removeSession clears it', async () => {
    const prefix = uniquePrefix();
    const a = managerOn(openStore({ keyPrefix: prefix }));
    const b = managerOn(openStore({ keyPrefix: prefix }));
    await a.createSession(ID);
    await a.createSession('healthy');
    await rawRedis().hset(sessionKey(prefix, ID), 'rev', '');

    expectCorrupt(await failure(b.getSession(ID)), 'rev');
    expectCorrupt(await failure(b.createSession(ID)), 'rev'); // the id is held by the damaged key: said so, not "exists"
    expect(await b.getSession('healthy')).not.toBeNull();

    expect(await b.removeSession(ID)).toBe(true);
    expect(await b.getSession(ID)).toBeNull();
    await expect(b.createSession(ID)).resolves.toBeDefined();
  });

  it('a create that meets a damaged key takes back its index entry', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    const redis = rawRedis();
    await redis.hset(sessionKey(store.keyPrefix, ID), 'state', '{}', 'rev', 'x'); // never indexed: written by hand
    expectCorrupt(await failure(store.create(await stateOf(ID), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 })), 'rev');
    expect(await redis.zcard(indexKeys(store.keyPrefix).created)).toBe(0);
  });

  it('stats name a session whose counts are damaged (instead of summing a default)', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    await store.create(await stateOf('fine'), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
    await store.create(await stateOf(ID), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 });
    await rawRedis().hset(sessionKey(store.keyPrefix, ID), 'analyses', 'lots');
    expectCorrupt(await failure(store.stats()), 'analyses');
  });

  it.each(Object.keys(indexKeys('p:')) as (keyof ReturnType<typeof indexKeys>)[])(
    'an index key (%s) of the wrong Redis type is reported as corrupt data, not as Redis being unavailable',
    async (which) => {
      const store = openStore({ keyPrefix: uniquePrefix() });
      const key = indexKeys(store.keyPrefix)[which];
      await rawRedis().set(key, 'not a sorted set');
      const error = await failure(store.create(await stateOf(ID), { expiresAtMs: Date.now() + HOUR, maxSessions: 5 }));
      expectCorrupt(error, 'key', null);
      expect((error as CorruptSessionDataError).key).toBe(key);
      expectCorrupt(await failure(store.listCreatedBefore(Number.POSITIVE_INFINITY, 10)), 'key', null);
      expect(store.counters.unavailable).toBe(0);
      expect(await rawRedis().get(key)).toBe('not a sorted set');
    },
  );

  it('an index entry that is not a session id is reported, never turned into a key', async () => {
    const store = openStore({ keyPrefix: uniquePrefix() });
    const keys = indexKeys(store.keyPrefix);
    await rawRedis().zadd(keys.created, 1, 'not{a}valid id');
    await rawRedis().zadd(keys.expires, Date.now() + HOUR, 'not{a}valid id');
    const error = await failure(store.listCreatedBefore(Number.POSITIVE_INFINITY, 10));
    expectCorrupt(error, 'member', null);
    expect((error as CorruptSessionDataError).key).toBe(keys.created);
    expectCorrupt(await failure(store.stats()), 'member', null);
  });
});
