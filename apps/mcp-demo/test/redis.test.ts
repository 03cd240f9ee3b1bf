/**
 * Two server processes on one Redis: the deployment REDIS_URL is for. Needs
 * `redis-server` on PATH (CI installs it); without it the test is skipped
 * with one line, except under CI where that is a failure.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStdioServer, type RunningServer } from './support/client.js';
import { isRedisServerAvailable, type RedisServer, startRedisServer } from '@sessionkit/core/testing';

const available = isRedisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server is not on PATH, and CI must not skip the Redis test');
if (!available) console.warn('mcp-demo: redis.test.ts skipped: redis-server is not on PATH (apt-get install redis-server)');

describe.skipIf(!available)('REDIS_URL: two server processes share their sessions', () => {
  let redis: RedisServer;
  let url: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    url = redis.url;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await redis?.dispose();
  });

  test('a session started on one server is analysed on the other, concurrently, and nothing is lost', async () => {
    const [a, b] = await Promise.all([
      startStdioServer({ REDIS_URL: url, SESSIONKIT_LOG_LEVEL: 'info' }),
      startStdioServer({ REDIS_URL: url }, [], 'v1 (2025)'),
    ]);
    servers.push(a!, b!);
    const started = await a!.call('start_context_analysis', { topic: 'Share sessions across replicas?', perspectives: ['technical', 'risk'] });
    expect(started.isError).toBeFalsy();
    const sessionId = (started.structuredContent as { session_id: string }).session_id;

    const calls = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? a! : b!).call('analyze_from_perspectives', { session_id: sessionId, prompt: `question ${i}` }),
    );
    const results = await Promise.all(calls);
    expect(results.filter((result) => result.isError)).toEqual([]);

    const info = await b!.call('get_session_info', { session_id: sessionId });
    expect(info.isError).toBeFalsy();
    expect(info.structuredContent).toMatchObject({ analysis_count: 20 });

    const ended = await b!.call('end_session', { session_id: sessionId });
    expect(ended.isError).toBeFalsy();
    const afterEnd = await a!.call('get_session_info', { session_id: sessionId });
    expect(afterEnd.isError).toBe(true);
    expect(a!.stderr()).toMatch(/sessions in Redis/);
  }, 60_000);
});
