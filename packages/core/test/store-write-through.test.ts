import { describe, expect, it } from 'vitest';
import {
  SessionCapacityError,
  SessionConcurrencyError,
  SessionExistsError,
  SessionNotFoundError,
  SessionValidationError,
  SimpleSessionManager,
  Thread,
  type SessionManagerOptions,
} from '../src/index.js';
import { manualClock, recordingLogger } from './helpers.js';
import { MemorySessionStore } from './memory-store.js';

/** Two managers on one store: two processes sharing sessions, as far as the seam can tell. */
function twoProcesses(options: SessionManagerOptions = {}) {
  const clock = manualClock();
  const store = new MemorySessionStore(() => clock.now());
  const make = () =>
    new SimpleSessionManager({ secretKey: 'shared-secret', clock, logger: recordingLogger(), store, storeRetry: { baseDelayMs: 0, maxDelayMs: 1 }, ...options });
  return { store, clock, a: make(), b: make() };
}
const flush = () => new Promise((resolve) => setImmediate(resolve));
const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });

describe('write-through to a shared store', () => {
  it('serves a session created by one process in the other, with every change', async () => {
    const { a, b } = twoProcesses();
    const created = await a.createSession('shared', { topic: 'x', initialPerspectives: ['technical'] });
    await created.recordAnalysis('p', { technical: 'answer' });

    const seen = await b.requireSession('shared');
    expect(seen).not.toBe(created);
    expect(seen.version).toBe(1);
    expect((await seen.getLastAnalysis())?.prompt).toBe('p');
    expect([...(await seen.getAllThreads()).keys()]).toEqual(['technical']);

    // A change in B reaches A's cached copy through the invalidation.
    await seen.addThread(thread('risk'));
    await flush();
    expect([...(await created.getAllThreads()).keys()]).toEqual(['technical', 'risk']);
    expect(created.version).toBe(2);
  });

  it('loses no update when both processes write concurrently (conflicts are retried)', async () => {
    const { a, b, store } = twoProcesses();
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
    expect(store.conflicts).toBeGreaterThan(0);
  });

  it('atomicUpdate with an expected version fails with SessionConcurrencyError when another process wrote first', async () => {
    const { a, b } = twoProcesses();
    const inA = await a.createSession('cas');
    const inB = await b.requireSession('cas');
    await inB.addThread(thread('t')); // stored version 1; A has not reloaded yet (stale flag may not be set)
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
    await inA.atomicUpdate((state) => {
      state.topic = 'from A';
    });
    await flush();
    expect((await inB.exportState()).topic).toBe('from A');
    expect((await inB.exportState()).version).toBe(2);
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
    const { a, b } = twoProcesses();
    const inA = await a.createSession('attack');
    await inA.atomicUpdate((state) => {
      state.clientBinding!.bindingSignature = '0'.repeat(64);
    });
    const inB = await b.requireSession('attack');
    await inA.validateSecurity().catch(() => undefined);
    await inB.validateSecurity().catch(() => undefined);
    await inA.validateSecurity().catch(() => undefined);
    await inB.validateSecurity().catch(() => undefined);
    await flush();
    const info = await inA.getSessionInfo();
    expect(info.client_binding).toMatchObject({ validation_failures: 4, is_suspicious: true });
  });

  it('a removal in one process is never served stale by the other', async () => {
    const { a, b } = twoProcesses();
    await a.createSession('gone');
    const inB = await b.requireSession('gone');
    expect(await a.removeSession('gone')).toBe(true);
    await flush();
    expect(await b.getSession('gone')).toBeNull();
    await expect(inB.addThread(thread('late'))).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it('enforces ids and capacity globally', async () => {
    const { a, b, clock } = twoProcesses({ maxSessions: 2 });
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

  it('a store outage fails fast with a typed error and leaves the local copy untouched', async () => {
    const { a, store } = twoProcesses();
    const session = await a.createSession('outage');
    store.down = true;
    const error = await session.recordAnalysis('lost?', { x: 'y' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    expect(session.version).toBe(0);
    expect(session.analysisCount).toBe(0);
    await expect(a.createSession('while-down')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    store.down = false;
    await session.recordAnalysis('after', { x: 'y' });
    expect(session.version).toBe(1);
  });

  it('removeSession during an outage fails typed and changes nothing; it works once the store is back', async () => {
    const { a, store } = twoProcesses();
    const session = await a.createSession('keep-me');
    const cleaned: string[] = [];
    session.addCleanupCallback(() => cleaned.push('ran'));
    store.down = true;
    await expect(a.removeSession('keep-me')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    expect(cleaned).toEqual([]);
    expect(a.peekSession('keep-me')).toBe(session);
    store.down = false;
    expect(await a.removeSession('keep-me')).toBe(true);
    expect(cleaned).toEqual(['ran']);
  });

  it("does not reload its own writes when their invalidations arrive", async () => {
    const { a, store } = twoProcesses();
    const session = await a.createSession('own-writes');
    const loadsBefore = store.loads;
    for (let i = 0; i < 20; i++) {
      await session.recordAnalysis(`p${i}`, { x: 'y' });
      await flush();
    }
    expect(store.loads).toBe(loadsBefore);
    expect(session.version).toBe(20);
  });

  it('reports a corrupted stored value as SessionValidationError for that id, and keeps serving others', async () => {
    const { a, b, store } = twoProcesses();
    await a.createSession('bad');
    await a.createSession('good');
    store.corrupt('bad', '{"session_id": 42}');
    const error = await b.getSession('bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionValidationError);
    expect((error as Error).message).toContain('bad');
    store.corrupt('good', 'not json at all');
    await expect(b.getSession('good')).rejects.toBeInstanceOf(SessionValidationError);
    await b.createSession('fresh');
    expect(await b.getSession('fresh')).not.toBeNull();
  });

  it('shutdown of one process leaves the shared sessions in place', async () => {
    const { a, b } = twoProcesses();
    await a.createSession('durable');
    await a.shutdown();
    expect(await b.getSession('durable')).not.toBeNull();
  });
});
