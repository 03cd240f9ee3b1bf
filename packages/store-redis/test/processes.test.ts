/**
 * Two managers in two separate Node processes sharing one Redis. The workers
 * (test/workers/manager-worker.mjs) run the BUILT packages.
 */
import { Session, type SessionStateJSON, SessionState } from '@sessionkit/core';
import { expect, it } from 'vitest';
import { indexKeys, sessionKey } from '../src/index.js';
import { cleanUpAfterTest, describeWithRedis, rawRedis, sharedRedisUrl, uniquePrefix } from './support/redis.js';
import { ManagerProcess, type WorkerConfig } from './support/worker.js';

async function twoProcesses(options: Partial<WorkerConfig> = {}) {
  const config: WorkerConfig = { url: sharedRedisUrl(), keyPrefix: uniquePrefix(), ...options };
  cleanUpAfterTest(config.url, config.keyPrefix);
  const [a, b] = await Promise.all([ManagerProcess.start(config), ManagerProcess.start(config)]);
  return { a, b, keyPrefix: config.keyPrefix };
}

interface HammerResult {
  succeeded: number;
  failures: unknown[];
  ms: number;
  counters: { saves: number; conflicts: number; loads: number };
}

describeWithRedis('two managers in two Node processes', () => {
  it('serve each other sessions: created in one, changed in the other, removed everywhere', async () => {
    const { a, b } = await twoProcesses();
    const created = await a.call<SessionStateJSON>('create', {
      sessionId: 'shared',
      options: { topic: 'monorepo?', initialPerspectives: ['technical', 'risk'] },
    });
    expect(await b.call('state', { sessionId: 'shared' })).toEqual(created);

    expect(await b.call('addThread', { sessionId: 'shared', name: 'user' })).toBe(true);
    await expect
      .poll(async () => Object.keys((await a.call<SessionStateJSON>('state', { sessionId: 'shared' })).threads), { timeout: 5000, interval: 10 })
      .toEqual(['technical', 'risk', 'user']);

    expect(await b.call('remove', { sessionId: 'shared' })).toBe(true);
    await expect.poll(() => a.call('state', { sessionId: 'shared' }), { timeout: 5000, interval: 10 }).toBeNull();
    await Promise.all([a.exit(), b.exit()]);
  });

  it('2 × 500 concurrent recordAnalysis on one session: every call succeeds, 1,000 analyses, version 1,000', async () => {
    const { a, b, keyPrefix } = await twoProcesses();
    await a.call('create', { sessionId: 'hot' });
    await b.call('state', { sessionId: 'hot' }); // B caches it too: both start from version 0

    const [fromA, fromB] = await Promise.all([
      a.call<HammerResult>('hammer', { sessionId: 'hot', count: 500, tag: 'a' }),
      b.call<HammerResult>('hammer', { sessionId: 'hot', count: 500, tag: 'b' }),
    ]);
    expect(fromA.failures).toEqual([]);
    expect(fromB.failures).toEqual([]);
    expect(fromA.succeeded + fromB.succeeded).toBe(1000);

    const stored = JSON.parse((await rawRedis().hget(sessionKey(keyPrefix, 'hot'), 'state')) ?? 'null') as SessionStateJSON;
    expect(stored.version).toBe(1000);
    expect(stored.analyses).toHaveLength(1000);
    expect(new Set(stored.analyses.map((analysis) => analysis.prompt)).size).toBe(1000);
    // Each successful call is exactly one successful compare-and-set; every conflict was a retry.
    expect(fromA.counters.saves + fromB.counters.saves).toBe(1000);
    const conflicts = fromA.counters.conflicts + fromB.counters.conflicts;
    console.log(
      `[store-redis] 2 × 500 recordAnalysis: ${conflicts} compare-and-set conflicts retried ` +
        `(A ${fromA.counters.conflicts}, B ${fromB.counters.conflicts}), reloads after invalidations A ${fromA.counters.loads} / B ${fromB.counters.loads}, ` +
        `wall time A ${Math.round(fromA.ms)} ms, B ${Math.round(fromB.ms)} ms`,
    );
    await Promise.all([a.exit(), b.exit()]);
  }, 60_000);

  it('kill -9 of one process mid-run leaves every stored state valid, and the other keeps going', async () => {
    const { a, b, keyPrefix } = await twoProcesses();
    const sessionIds = ['k1', 'k2', 'k3', 'k4'];
    for (const sessionId of sessionIds) await a.call('create', { sessionId, options: { initialPerspectives: ['technical'] } });

    const churnA = a.call('churn', { sessionIds, parallel: 8 }).catch((error: unknown) => error);
    const churnB = b.call<{ done: number; failed: number; errors: string[] }>('churn', { sessionIds, parallel: 8 });
    await Promise.all([a.progressed(100), b.progressed(100)]);
    a.kill('SIGKILL');
    expect(await a.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(await churnA).toBeInstanceOf(Error); // its request died with it
    const before = b.progress;
    await b.progressed(before + 100); // B goes on after the kill
    await b.call('stopChurn');
    const survivor = await churnB;
    expect(survivor.failed).toBe(0);

    const redis = rawRedis();
    for (const sessionId of sessionIds) {
      const [text, revision] = await redis.hmget(sessionKey(keyPrefix, sessionId), 'state', 'rev');
      const json: unknown = JSON.parse(text ?? 'null');
      const state = SessionState.fromJSON(json, Date.now()); // throws SessionValidationError if anything is half-written
      const session = await Session.restoreFromState(json, { secretKey: 'multi-process-secret' });
      expect(session.version).toBe(state.version);
      expect(Number(revision)).toBeGreaterThan(state.version); // revision 1 was the creation; each write adds one
      await expect(session.validateSecurity()).resolves.toBe(true); // the binding survived intact
    }
    expect(await redis.zcard(indexKeys(keyPrefix).created)).toBe(sessionIds.length);
    await b.exit();
  }, 60_000);

  it('enforce one capacity across processes, also when both create at once', async () => {
    const { a, b } = await twoProcesses({ maxSessions: 5 });
    const [fromA, fromB] = await Promise.all([
      a.call<string[]>('createMany', { sessionIds: Array.from({ length: 8 }, (_, i) => `a${i}`) }),
      b.call<string[]>('createMany', { sessionIds: Array.from({ length: 8 }, (_, i) => `b${i}`) }),
    ]);
    const outcomes = [...fromA, ...fromB];
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === 'SESSION_CAPACITY')).toHaveLength(11);
    expect(await a.call('stats')).toMatchObject({ active_sessions: 5, capacity_used_percent: 100 });

    const victim = fromA.includes('created') ? `a${fromA.indexOf('created')}` : `b${fromB.indexOf('created')}`;
    await expect(b.call('create', { sessionId: 'late' })).rejects.toMatchObject({ code: 'SESSION_CAPACITY' });
    expect(await a.call('remove', { sessionId: victim })).toBe(true);
    await expect(b.call('create', { sessionId: 'late' })).resolves.toMatchObject({ session_id: 'late' });
    await expect(a.call('create', { sessionId: 'later' })).rejects.toMatchObject({ code: 'SESSION_CAPACITY' });
    await Promise.all([a.exit(), b.exit()]);
  });
});
