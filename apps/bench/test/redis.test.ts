/** Finding the Redis for the store-redis workloads: REDIS_URL, a private redis-server, or a clear reason to skip. */
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { acquireRedis, runKeyPrefix } from '../src/redis/acquire.js';
import { deleteKeys, redisAddress, redisVersion, supportsStore } from '../src/redis/client.js';
import { PrivateRedisServer, redisServerRuns } from '../src/redis/server.js';
import { describeWithRedisServer } from './support/redis.js';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
    });
  });
}

describe('acquireRedis without a Redis', () => {
  it('explains how to get one when REDIS_URL is unset and redis-server is not there', async () => {
    const found = await acquireRedis({ env: {}, redisServer: '/nonexistent/redis-server' });
    expect(found).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no REDIS_URL and no \/nonexistent\/redis-server on PATH; install redis-server .* or export REDIS_URL=/),
    });
  });

  it('names the address (never the password) and the socket error when REDIS_URL does not answer', async () => {
    const port = await closedPort();
    const found = await acquireRedis({ env: { REDIS_URL: `redis://user:s3cret@127.0.0.1:${port}` } });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.reason).toBe(`REDIS_URL (127.0.0.1:${port}) did not answer: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(found.reason).not.toContain('s3cret');
  });
});

describe('Redis helpers', () => {
  it('accepts Redis 7 and later only (the store needs PEXPIRETIME)', () => {
    expect(['7.0.15', '7.2.4', '8.0.0'].map(supportsStore)).toEqual([true, true, true]);
    expect(['6.2.14', '5.0.7', 'unknown', ''].map(supportsStore)).toEqual([false, false, false, false]);
  });

  it('prints host:port of a URL, without credentials', () => {
    expect(redisAddress('redis://:pw@cache.internal:6380/2')).toBe('cache.internal:6380');
    expect(redisAddress('rediss://user:pw@cache.internal')).toBe('cache.internal:6379');
    expect(redisAddress('not a url')).toBe('an unparsable URL');
  });

  it('makes a run prefix that is unique and safe as a store key prefix (no braces, no spaces)', () => {
    const prefix = runKeyPrefix();
    expect(prefix).toMatch(/^skbench:\d+-[0-9a-f]{8}:$/);
    expect(runKeyPrefix()).not.toBe(prefix);
  });
});

describeWithRedisServer('a private redis-server', () => {
  it('runs on loopback with persistence off, and is gone after stop(), safety nets included', async () => {
    const exitListeners = process.listenerCount('exit');
    const server = await PrivateRedisServer.start();
    expect(process.listenerCount('exit')).toBe(exitListeners + 1);
    const client = new Redis(server.url, { lazyConnect: true });
    await client.connect();
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    client.disconnect();

    await server.stop();
    await expect(redisVersion(server.url, 500)).rejects.toThrow(/ECONNREFUSED/);
    expect(process.listenerCount('exit')).toBe(exitListeners);
    await server.stop(); // idempotent
  });

  it('fails clearly when the binary is not a redis-server', async () => {
    expect(redisServerRuns('/nonexistent/redis-server')).toBe(false);
    await expect(PrivateRedisServer.start({ binary: '/nonexistent/redis-server' })).rejects.toThrow(/redis-server spawn \/nonexistent\/redis-server ENOENT/);
  });

  it('is what acquireRedis starts without REDIS_URL, and release() stops it', async () => {
    const found = await acquireRedis({ env: {} });
    if (!found.ok) throw new Error(found.reason);
    expect(found.target).toMatchObject({ source: 'private redis-server', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(supportsStore(found.target.version)).toBe(true);
    expect(await redisVersion(found.target.url)).toBe(found.target.version);
    expect(await found.release()).toEqual({ keysDeleted: 0 });
    await expect(redisVersion(found.target.url, 500)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('uses REDIS_URL when set, and release() deletes this run’s keys and nothing else', async () => {
    const server = await PrivateRedisServer.start();
    const client = new Redis(server.url);
    try {
      const found = await acquireRedis({ env: { REDIS_URL: server.url } });
      if (!found.ok) throw new Error(found.reason);
      expect(found.target).toMatchObject({ source: 'REDIS_URL', url: server.url, version: server.version });
      const { keyPrefix } = found.target;
      await client.mset(`${keyPrefix}redis-create:{a}`, '1', `${keyPrefix}redis-get:{index}:created`, '2', 'someone-else:key', '3');
      expect(await found.release()).toEqual({ keysDeleted: 2 });
      expect(await client.keys('*')).toEqual(['someone-else:key']);
      // Glob characters in a prefix are literal: deleting `a*` must not delete `ab`.
      await client.mset('a*:1', 'x', 'ab:1', 'y');
      expect(await deleteKeys(server.url, 'a*:')).toBe(1);
      expect((await client.keys('*')).sort()).toEqual(['ab:1', 'someone-else:key']);
    } finally {
      client.disconnect();
      await server.stop();
    }
  });
});
