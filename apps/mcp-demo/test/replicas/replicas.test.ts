/**
 * Three replicas of the demo on one private Redis, behind Debian's HAProxy in
 * plain round-robin (config rendered from src/cluster/haproxy.cfg.template),
 * driven by the official clients of both protocol eras: the SDK v2 client
 * pinned to 2026-07-28 and the SDK v1 client (2025). Consecutive calls of one
 * analysis land on different replicas; under load nothing is lost; a replica
 * killed mid-run costs only the calls it had in flight; and a session is
 * another principal's on no replica.
 */
import { performance } from 'node:perf_hooks';
import { generateSessionId, SimpleSessionManager } from '@sessionkit/core';
import { RedisSessionStore } from '@sessionkit/store-redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modernCaller } from '../../src/cluster/callers.js';
import { type Cluster, haproxyAvailable, startCluster } from '../../src/cluster/cluster.js';
import { ADDED_PERSPECTIVES, playAnalysis, replicaSwitches, type ToolCaller } from '../../src/cluster/load.js';
import { isRedisServerAvailable, type RedisServer, startRedisServer } from '@sessionkit/core/testing';
import { legacyCaller } from './legacy-caller.js';

const CLIENTS = 20;
const LOAD_CALLS = 50;
const FAULT_CALLS = 30;
const KEY_PREFIX = 'replicas-test:';
const SHARED_KEY = 'sessionkit-cluster-shared-key';
const TOKENS = ['alice', 'bob', ...Array.from({ length: CLIENTS }, (_, i) => `client-${i}`)];

const ready = isRedisServerAvailable() && haproxyAvailable();
if (!ready && process.env.CI) throw new Error('the replicas test needs redis-server and /usr/sbin/haproxy under CI (apt-get install redis-server haproxy)');
if (!ready) console.warn('mcp-demo: replicas.test.ts skipped: it needs redis-server and /usr/sbin/haproxy (apt-get install redis-server haproxy)');

/** Client i speaks 2026-07-28 (SDK v2) when i is even, the 2025 era (SDK v1) when odd. */
function connect(url: string, principal: string, i: number): Promise<ToolCaller> {
  return i % 2 === 0 ? modernCaller(url, `${principal}-token`) : legacyCaller(url, `${principal}-token`);
}

describe.skipIf(!ready)('three replicas behind HAProxy on one Redis', () => {
  let redis: RedisServer;
  let cluster: Cluster;
  let store: RedisSessionStore;
  let reader: SimpleSessionManager;
  const callers: ToolCaller[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    cluster = await startCluster({
      replicas: 3,
      redisUrl: redis.url,
      redisKeyPrefix: KEY_PREFIX,
      tokens: TOKENS.map((principal) => `${principal}-token=${principal}`).join(','),
    });
    // The test reads Redis itself, with the replicas' key and prefix, to see what was really stored.
    store = new RedisSessionStore({ url: redis.url, keyPrefix: KEY_PREFIX });
    reader = new SimpleSessionManager({ secretKeys: [SHARED_KEY], store, maxSessions: 100_000 });
  });

  afterAll(async () => {
    await Promise.all(callers.map((caller) => caller.close().catch(() => undefined)));
    await reader?.shutdown();
    await store?.close();
    await cluster?.stop();
    await redis?.dispose();
  });

  async function caller(url: string, principal: string, i: number): Promise<ToolCaller> {
    const connected = await connect(url, principal, i);
    callers.push(connected);
    return connected;
  }

  /** The prompts of every analysis stored in Redis for `handle`, read by a manager of the test's own. */
  async function storedPrompts(handle: string): Promise<string[]> {
    const key = Object.keys(await reader.listActiveSessions()).find((id) => id.endsWith(`.${handle}`));
    if (key === undefined) throw new Error(`session ${handle} is not in Redis`);
    return (await (await reader.requireSession(key)).exportState()).analyses.map((analysis) => analysis.prompt);
  }

  test.each([0, 1])('one analysis, alone: each consecutive call lands on another replica (client %i)', async (i) => {
    const alone = await caller(cluster.url, 'alice', i);
    const outcome = await playAnalysis(alone, i, 8);
    expect(outcome.calls.filter((call) => !call.ok)).toEqual([]);
    expect(new Set(outcome.calls.map((call) => call.replica))).toEqual(new Set(cluster.replicas.map((replica) => replica.id)));
    expect(replicaSwitches(outcome.calls)).toBe(outcome.calls.length - 1);
    expect(outcome.readBack).toEqual({ version: ADDED_PERSPECTIVES.length + 4, analysisCount: 4, messageCounts: [8, 8, 8] });
    console.log(`replicas, alone (${i % 2 === 0 ? '2026-07-28' : '2025'}): ${outcome.calls.map((call) => call.replica).join(' → ')}`);
  });

  test(`load: ${CLIENTS} concurrent clients × ${LOAD_CALLS} calls, 0 errors, 0 lost updates, versions monotone`, async () => {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => caller(cluster.url, `client-${i}`, i)));
    const started = performance.now();
    const outcomes = await Promise.all(clients.map((client, i) => playAnalysis(client, i, LOAD_CALLS)));
    const seconds = (performance.now() - started) / 1000;

    const calls = outcomes.flatMap((outcome) => outcome.calls);
    const errors = calls.filter((call) => !call.ok);
    expect(errors.map((call) => call.error)).toEqual([]);
    expect(calls).toHaveLength(CLIENTS * LOAD_CALLS);
    const analyses = LOAD_CALLS - 2 - ADDED_PERSPECTIVES.length;
    let lost = 0;
    for (const outcome of outcomes) {
      expect(outcome.acknowledged).toHaveLength(analyses);
      expect(outcome.readBack).toEqual({
        version: ADDED_PERSPECTIVES.length + analyses,
        analysisCount: analyses,
        messageCounts: [2 * analyses, 2 * analyses, 2 * analyses],
      });
      const versions = outcome.calls.flatMap((call) => (call.version === undefined ? [] : [call.version]));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions).size).toBe(versions.length);
      expect(outcome.calls.flatMap((call) => (call.analysisNumber === undefined ? [] : [call.analysisNumber]))).toEqual(
        Array.from({ length: analyses }, (_, k) => k + 1),
      );
      const stored = await storedPrompts(outcome.handle as string);
      lost += outcome.acknowledged.filter((prompt) => !stored.includes(prompt)).length;
      expect(stored).toEqual(outcome.acknowledged); // all there, none doubled, in the order they were acknowledged
      expect(new Set(outcome.calls.map((call) => call.replica)).size).toBe(3);
      expect(replicaSwitches(outcome.calls)).toBeGreaterThan(0);
    }
    expect(lost).toBe(0);
    const perReplica = countBy(calls.map((call) => call.replica ?? 'none'));
    const switches = outcomes.reduce((total, outcome) => total + replicaSwitches(outcome.calls), 0);
    console.log(
      `replicas, load: ${calls.length} calls by ${CLIENTS} clients (half 2026-07-28, half 2025) in ${seconds.toFixed(1)} s, ` +
        `${errors.length} errors, ${lost} lost updates, ${outcomes.length * analyses} analyses all in Redis; ` +
        `per replica ${JSON.stringify(perReplica)}; consecutive calls on another replica: ${switches} of ${calls.length - CLIENTS}`,
    );
  });

  test("another principal's handle is SESSION_NOT_FOUND on every replica, directly and through HAProxy", async () => {
    const alice = await caller(cluster.url, 'alice', 0);
    const started = await alice.call('start_context_analysis', { topic: 'Alice only' });
    const handle = started.result?.structuredContent?.session_id as string;
    expect(handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const checked: string[] = [];
    for (const [where, url] of [...cluster.replicas.map((replica) => [replica.id, replica.url] as const), ['haproxy', cluster.url] as const]) {
      for (const i of [0, 1]) {
        const bob = await caller(url, 'bob', i);
        for (const [tool, args] of [
          ['get_session_info', {}],
          ['analyze_from_perspectives', { prompt: 'mine?' }],
          ['end_session', {}],
        ] as const) {
          const answer = await bob.call(tool, { ...args, session_id: handle });
          expect(answer.result?.isError, `${tool} on ${where}`).toBe(true);
          expect(answer.result?.content[0]?.text, `${tool} on ${where}`).toMatch(/^SESSION_NOT_FOUND: /);
          checked.push(where);
        }
        const listed = await bob.call('list_sessions', {});
        expect(JSON.stringify(listed.result?.structuredContent)).not.toContain(handle);
      }
    }
    const still = await alice.call('get_session_info', { session_id: handle });
    expect(still.result?.structuredContent).toMatchObject({ version: 0, analysis_count: 0 });
    expect(await alice.call('get_session_info', { session_id: generateSessionId() })).toMatchObject({ result: { isError: true } });
    console.log(`replicas, isolation: ${checked.length} calls with another principal's handle, all SESSION_NOT_FOUND (${[...new Set(checked)].join(', ')})`);
  });

  test(`fault: a replica killed by pid mid-run costs only its in-flight calls; every session and analysis survives`, async () => {
    const victim = cluster.replicas[1];
    if (victim === undefined) throw new Error('no second replica');
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => caller(cluster.url, `client-${i}`, i)));
    let completed = 0;
    let killedAt = Number.POSITIVE_INFINITY;
    let kill: Promise<void> | undefined;
    const killAfter = (CLIENTS * FAULT_CALLS) / 3;
    const outcomes = await Promise.all(
      clients.map((client, i) =>
        playAnalysis(client, 100 + i, FAULT_CALLS, async (seq) => {
          if (seq > 0) completed++;
          if (completed >= killAfter && kill === undefined) {
            // Mid-run: the other clients' calls are in flight while it dies.
            victim.kill('SIGKILL');
            kill = victim.exited.then(() => {
              killedAt = performance.now();
            });
          }
        }),
      ),
    );
    await kill;

    const calls = outcomes.flatMap((outcome) => outcome.calls);
    const failed = calls.filter((call) => !call.ok);
    const afterKill = calls.filter((call) => call.startedAt > killedAt);
    // Only calls already under way when the replica died may fail; every later call succeeds, on another replica.
    expect(failed.filter((call) => call.startedAt > killedAt)).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(CLIENTS);
    expect(afterKill.length).toBeGreaterThan(CLIENTS);
    expect(afterKill.filter((call) => call.replica === victim.id)).toEqual([]);

    let applied = 0;
    for (const outcome of outcomes) {
      expect(outcome.readBack, `client ${outcome.client} read its analysis back`).not.toBeNull();
      const stored = await storedPrompts(outcome.handle as string);
      expect(outcome.acknowledged.filter((prompt) => !stored.includes(prompt))).toEqual([]); // nothing acknowledged is lost
      expect(stored.filter((prompt) => !outcome.acknowledged.includes(prompt) && !outcome.uncertain.includes(prompt))).toEqual([]); // nothing invented
      expect(new Set(stored).size).toBe(stored.length); // nothing applied twice
      expect(outcome.readBack?.analysisCount).toBe(stored.length);
      applied += stored.filter((prompt) => outcome.uncertain.includes(prompt)).length;
      const versions = outcome.calls.flatMap((call) => (call.version === undefined ? [] : [call.version]));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    const uncertain = outcomes.reduce((total, outcome) => total + outcome.uncertain.length, 0);
    console.log(
      `replicas, fault: killed ${victim.id} (pid ${victim.pid}) after ${Math.round(killAfter)} of ${calls.length} calls; ` +
        `${failed.length} calls failed, all in flight at the kill (${failed.map((call) => call.error?.slice(0, 40)).join('; ') || 'none'}); ` +
        `${afterKill.length} calls after it, 0 failed, none on ${victim.id}; ${uncertain} analyses in doubt (${applied} applied, ${uncertain - applied} not), ` +
        `0 acknowledged analyses lost, ${outcomes.length} of ${outcomes.length} sessions read back`,
    );
  });
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
