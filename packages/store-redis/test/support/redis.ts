/**
 * What every Redis suite shares: the Redis URL from the global setup, a key
 * prefix of its own per test (so parallel files and runs never collide on a
 * shared REDIS_URL), stores that are closed and keys that are deleted after
 * each test.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, inject } from 'vitest';
import { RedisSessionStore, type RedisSessionStoreOptions } from '../../src/index.js';

export const redisUrl = inject('redisUrl');
export const canRunOwnRedis = inject('redisServerOnPath');

const NO_REDIS = 'skipped: no REDIS_URL and no redis-server on PATH (see the loud line above)';
const NO_SERVER_BINARY = 'skipped: these tests run their own redis-server, and none is on PATH';

/** A describe that needs the shared Redis. */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisUrl === null) describe.skip(`${name} (${NO_REDIS})`, body);
  else describe(name, body);
}

/** A describe whose tests start (and stop, pause, restart) their own redis-server. */
export function describeWithOwnRedis(name: string, body: () => void): void {
  if (!canRunOwnRedis) describe.skip(`${name} (${NO_SERVER_BINARY})`, body);
  else describe(name, body);
}

export function sharedRedisUrl(): string {
  if (redisUrl === null) throw new Error('no Redis for this run');
  return redisUrl;
}

export function uniquePrefix(): string {
  return `skt:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

const opened: RedisSessionStore[] = [];
const rawClients: Redis[] = [];
/** url -> key prefixes whose keys are deleted after the test. */
const toClean = new Map<string, Set<string>>();

/** Deletes every key under `keyPrefix` on `url` after the test (for keys written by other processes). */
export function cleanUpAfterTest(url: string, keyPrefix: string): void {
  toClean.set(url, (toClean.get(url) ?? new Set()).add(keyPrefix));
}

/** A store on its own connection; closed after the test, and its keys deleted. */
export function openStore(options: RedisSessionStoreOptions & { keyPrefix: string }): RedisSessionStore {
  const url = options.url ?? sharedRedisUrl();
  const store = new RedisSessionStore({ ...options, url });
  opened.push(store);
  cleanUpAfterTest(url, options.keyPrefix);
  return store;
}

/** A plain ioredis connection for looking behind the store's back (closed after the test). */
export function rawRedis(url: string = sharedRedisUrl()): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // tests that stop Redis expect this connection to fail too
  rawClients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  const prefixes = [...toClean];
  toClean.clear();
  for (const [url, urlPrefixes] of prefixes) {
    const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      for (const prefix of urlPrefixes) await deleteKeys(client, prefix);
    } catch {
      // Redis was stopped by the test: nothing to clean.
    } finally {
      client.disconnect();
    }
  }
  for (const client of rawClients.splice(0)) client.disconnect();
});

async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}
