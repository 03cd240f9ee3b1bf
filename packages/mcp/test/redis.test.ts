/**
 * Replicas: two HTTP servers, each with its own manager on one Redis
 * (`@sessionkit/store-redis`). A handle minted on one resolves on the other;
 * another principal's calls miss on both; an unreachable Redis is a
 * retryable SESSION_UNAVAILABLE tool error, and serving resumes with Redis.
 */
import { execFileSync } from 'node:child_process';
import { type Logger, SimpleSessionManager } from '@sessionkit/core';
import { RedisSessionStore } from '@sessionkit/store-redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSessionLayer } from '../dist/index.js';
import { NOTEBOOK_TOOLS } from './fixtures/notebook-tools.mjs';
import { connectHttp, failure, ok, type TestClient } from './support/clients.js';
import { type RunningHttp, startV1Http, startV2Http } from './support/http-servers.js';
import { isRedisServerAvailable, type RedisServer, startRedisServer } from '@sessionkit/core/testing';

const available = isRedisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is not on PATH, and CI must not skip the Redis tests');

describe.skipIf(!available)('two replicas on one Redis', () => {
  let redis: RedisServer;
  const replicas: { store: RedisSessionStore; manager: SimpleSessionManager; http: RunningHttp }[] = [];
  const clients: TestClient[] = [];
  /** What the replicas logged at error level. */
  const errors: { message: string; meta: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error(message, meta) {
      errors.push({ message, meta });
    },
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    for (const start of [startV2Http, startV1Http]) {
      const store = new RedisSessionStore({ url: redis.url, keyPrefix: 'mcp-test:', commandTimeoutMs: 500 });
      const manager = new SimpleSessionManager({ secretKeys: ['shared-replica-key'], store });
      const layer = createSessionLayer({ manager, unauthenticated: 'reject', logger });
      replicas.push({ store, manager, http: await start(layer, NOTEBOOK_TOOLS) });
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const { http, manager, store } of replicas) {
      await http.close();
      await manager.shutdown();
      await store.close();
    }
    await redis?.dispose();
  });

  async function on(replica: number, token: string): Promise<TestClient> {
    const client = await connectHttp(replica === 0 ? 'v2 pinned 2026-07-28' : 'v1', (replicas[replica] as { http: RunningHttp }).http.url, token);
    clients.push(client);
    return client;
  }

  test('a session minted on one replica is continued on the other, and read back on the first', async () => {
    const aliceOnA = await on(0, 'token-alice');
    const aliceOnB = await on(1, 'token-alice');
    const { session_id } = ok<{ session_id: string }>(await aliceOnA.call('start_notebook', { title: 'replicated' }));
    const writes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? aliceOnA : aliceOnB).call('add_note', { session_id, text: `note ${i}` })),
    );
    expect(writes.filter((write) => write.isError === true)).toEqual([]);
    const read = ok<{ notes: string[]; version: number }>(await aliceOnA.call('read_notebook', { session_id }));
    expect(read.notes.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `note ${i}`).sort());
    expect(read.version).toBe(10);
    ok(await aliceOnB.call('remember', { fact: 'replicated fact' }));
    expect(ok<{ facts: string[] }>(await aliceOnA.call('recall')).facts).toEqual(['replicated fact']);
  });

  test("another principal misses alice's handle on every replica", async () => {
    const alice = await on(0, 'token-alice');
    const { session_id } = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'hers' }));
    for (const replica of [0, 1]) {
      const bob = await on(replica, 'token-bob');
      expect(failure(await bob.call('read_notebook', { session_id })).code).toBe('SESSION_NOT_FOUND');
      expect(ok<{ notebooks: { handle: string }[] }>(await bob.call('list_notebooks')).notebooks.map((n) => n.handle)).not.toContain(session_id);
    }
  });

  test('with Redis frozen, tools fail with a retryable SESSION_UNAVAILABLE; once it is back they work again', async () => {
    const alice = await on(0, 'token-alice');
    const { session_id } = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'outage' }));
    redis.pause();
    try {
      const refused = failure(await alice.call('start_notebook', { title: 'during the outage' }));
      expect(refused).toMatchObject({ code: 'SESSION_UNAVAILABLE', retryable: true });
    } finally {
      redis.resume();
    }
    expect(ok(await alice.call('add_note', { session_id, text: 'after' }))).toMatchObject({ notes: 1 });
  });

  test('damaged session data in Redis is an INTERNAL_ERROR, logged at error level, with no storage key shown to the client', async () => {
    const alice = await on(0, 'token-alice');
    const { session_id } = ok<{ session_id: string }>(await alice.call('start_notebook', { title: 'to be damaged' }));
    const redisCli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(redis.port), ...args], { encoding: 'utf8' }).trim();
    const keys = redisCli('--scan', '--pattern', `mcp-test:*${session_id}*`).split('\n').filter(Boolean);
    expect(keys).toHaveLength(1);
    redisCli('HSET', keys[0] as string, 'state', 'not json');
    const errorsBefore = errors.length;
    const refused = failure(await (await on(1, 'token-alice')).call('read_notebook', { session_id }));
    // Not the caller's fault (INVALID_ARGUMENT would say it was), and nothing of the storage layout leaks.
    expect(refused).toMatchObject({ code: 'INTERNAL_ERROR', retryable: false });
    expect(refused.text).not.toContain(keys[0] as string);
    const logged = errors.slice(errorsBefore);
    expect(logged).toHaveLength(1);
    expect(String((logged[0]?.meta?.error as Error).message)).toContain(keys[0] as string);
  });
});
