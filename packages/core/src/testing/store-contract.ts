/**
 * The contract every `SessionStore` keeps, as a vitest suite: run it against
 * your store and it checks both the seam itself (create-if-absent, capacity,
 * compare-and-set, invalidations, listing, stats) and what two managers
 * sharing the store (two processes) must see through it (no lost update,
 * version conflicts, removals never served stale, corrupt values reported,
 * security metadata persisted).
 */
import { describe, expect, it } from 'vitest';
import {
  SessionCapacityError,
  SessionConcurrencyError,
  SessionExistsError,
  SessionNotFoundError,
  SessionStateCorruptError,
  SessionValidationError,
} from '../errors.js';
import { SimpleSessionManager, type SessionManagerOptions } from '../session-manager.js';
import type { SessionStore, StoreInvalidation } from '../session-store.js';
import type { SessionStateJSON } from '../types/session-state.js';
import { Thread } from '../types/thread.js';
import { ManualClock } from './manual-clock.js';

/** What the suite needs to test a store. */
export interface StoreContractSubject {
  /**
   * A store on the subject's shared data, as a new process would open it.
   * Every store opened for one test must see the same sessions (one
   * `MemorySessionStore` instance returned twice is fine).
   */
  openStore(): SessionStore | Promise<SessionStore>;
  /** Replaces the stored value of `sessionId` with `raw` text, as another tool writing garbage would. */
  corrupt(sessionId: string, raw: string): void | Promise<void>;
  /** Releases what the test opened (connections, keys). */
  close?(): void | Promise<void>;
}

const HOUR = 3_600_000;
const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });

/**
 * Runs `act` (a write), then resolves once `store` has delivered the
 * invalidation for what `act` left stored: the removal, or a change at the
 * revision now stored (a store may deliver it over the network, and late: an
 * echo of an earlier write of its own must not count). Listeners subscribed
 * before (a manager's) have run by then. Gives up waiting after 2 s.
 */
async function settle(store: SessionStore, sessionId: string, act: () => Promise<unknown>): Promise<void> {
  const events: StoreInvalidation[] = [];
  let wake = () => {};
  const stop = await store.subscribe((event) => {
    if (event.sessionId !== sessionId) return;
    events.push(event);
    wake();
  });
  try {
    await act();
    const stored = await store.load(sessionId).catch(() => undefined);
    const arrived = () =>
      stored === undefined ||
      events.some((event) => (stored === null ? event.kind === 'removed' : event.kind === 'changed' && (event.revision ?? Infinity) >= stored.revision));
    const giveUp = Date.now() + 2_000;
    while (!arrived() && Date.now() < giveUp) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    await stop();
  }
}

function stateFor(sessionId: string, createdAtMs: number, extra: Partial<SessionStateJSON> = {}): SessionStateJSON {
  return {
    session_id: sessionId,
    created_at: new Date(createdAtMs).toISOString(),
    topic: null,
    version: 0,
    threads: {},
    analyses: [],
    security_events: [],
    client_binding: null,
    metrics: {
      access_count: 0,
      analysis_count: 0,
      thread_count: 0,
      last_accessed: new Date(createdAtMs).toISOString(),
      total_response_time: 0,
      avg_response_time: 0,
      error_count: 0,
      security_event_count: 0,
    },
    ...extra,
  };
}

/**
 * Defines the store contract suite: call it at the top level of a vitest
 * test file. Its tests create, save, load and delete sessions through the
 * store directly, then run two `SimpleSessionManager`s on two stores
 * opened on the same data ("two processes"); they use real time, so a store
 * may expire keys by its own clock.
 * @param name - Shown in the suite's title: `SessionStore contract: <name>`.
 * @param makeSubject - Called once per test: a fresh, empty subject (see {@link StoreContractSubject}).
 *
 * @example
 * ```ts
 * defineStoreContract('MemorySessionStore', () => {
 *   const store = new MemorySessionStore();
 *   return { openStore: () => store, corrupt: (id, raw) => store.corrupt(id, raw) };
 * });
 * ```
 */
export function defineStoreContract(name: string, makeSubject: () => StoreContractSubject | Promise<StoreContractSubject>): void {
  /** Runs `test` with a fresh subject, two managers on it ("two processes"), and closes everything after. */
  function withProcesses(options: SessionManagerOptions, test: (world: World) => Promise<void>): () => Promise<void> {
    return async () => {
      const subject = await makeSubject();
      const clock = new ManualClock(Date.now()); // real time (a store may expire keys by its own clock), moved by hand
      const stores = [await subject.openStore(), await subject.openStore()] as const;
      const managers = stores.map(
        (store) => new SimpleSessionManager({ secretKey: 'contract-secret', clock, store, storeRetry: { baseDelayMs: 0, maxDelayMs: 2 }, ...options }),
      );
      try {
        await test({ subject, clock, stores, a: managers[0] as SimpleSessionManager, b: managers[1] as SimpleSessionManager });
      } finally {
        await Promise.all(managers.map((manager) => manager.shutdown().catch(() => undefined)));
        await subject.close?.();
      }
    };
  }

  describe(`SessionStore contract: ${name}`, () => {
    describe('the seam', () => {
      it(
        'creates a state once, at revision 1, and reports an existing id',
        withProcesses({}, async ({ stores: [store] }) => {
          const state = stateFor('contract-create', Date.now());
          const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 10 };
          expect(await store.create(state, options)).toEqual({ status: 'created', revision: 1 });
          expect(await store.create(state, options)).toEqual({ status: 'exists' });
          const loaded = await store.load('contract-create');
          expect(loaded?.revision).toBe(1);
          expect((loaded?.state as SessionStateJSON).session_id).toBe('contract-create');
          expect(await store.load('contract-absent')).toBeNull();
        }),
      );

      it(
        'refuses a create beyond maxSessions',
        withProcesses({}, async ({ stores: [store] }) => {
          const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 2 };
          await store.create(stateFor('cap-1', Date.now()), options);
          await store.create(stateFor('cap-2', Date.now()), options);
          expect(await store.create(stateFor('cap-3', Date.now()), options)).toEqual({ status: 'full' });
        }),
      );

      it(
        'saves only over the expected revision, and returns what is stored on a conflict',
        withProcesses({}, async ({ stores: [store] }) => {
          const created = Date.now();
          await store.create(stateFor('cas', created), { expiresAtMs: created + HOUR, maxSessions: 10 });
          expect(await store.save(stateFor('cas', created, { topic: 'one' }), 1)).toEqual({ ok: true, revision: 2 });
          const conflict = await store.save(stateFor('cas', created, { topic: 'stale' }), 1);
          expect(conflict.ok).toBe(false);
          if (!conflict.ok) {
            expect(conflict.current?.revision).toBe(2);
            expect((conflict.current?.state as SessionStateJSON).topic).toBe('one');
          }
          expect(await store.save(stateFor('gone', created), 1)).toEqual({ ok: false, current: null });
        }),
      );

      it(
        'announces changes and removals to every subscriber, and stops after unsubscribe',
        withProcesses({}, async ({ stores: [writer, reader] }) => {
          const events: StoreInvalidation[] = [];
          const stop = await reader.subscribe((event) => events.push(event));
          const created = Date.now();
          await writer.create(stateFor('announced', created), { expiresAtMs: created + HOUR, maxSessions: 10 });
          await settle(reader, 'announced', () => writer.save(stateFor('announced', created, { topic: 't' }), 1));
          expect(events).toContainEqual(expect.objectContaining({ sessionId: 'announced', kind: 'changed', revision: 2 }));
          await settle(reader, 'announced', () => writer.delete('announced'));
          expect(events).toContainEqual(expect.objectContaining({ sessionId: 'announced', kind: 'removed' }));
          await stop();
          const before = events.length;
          await writer.create(stateFor('quiet', created), { expiresAtMs: created + HOUR, maxSessions: 10 });
          await writer.delete('quiet');
          await new Promise((resolve) => setTimeout(resolve, 50));
          expect(events).toHaveLength(before);
        }),
      );

      it(
        'deletes, reporting whether the session was stored',
        withProcesses({}, async ({ stores: [store] }) => {
          await store.create(stateFor('doomed', Date.now()), { expiresAtMs: Date.now() + HOUR, maxSessions: 10 });
          expect(await store.delete('doomed')).toBe(true);
          expect(await store.delete('doomed')).toBe(false);
          expect(await store.load('doomed')).toBeNull();
        }),
      );

      it(
        'lists ids created before a cutoff, oldest first, at most `limit`, and sums its stats',
        withProcesses({}, async ({ stores: [store] }) => {
          const base = Date.now() - 10_000;
          const options = { expiresAtMs: Date.now() + HOUR, maxSessions: 10 };
          await store.create(stateFor('third', base + 3_000), options);
          await store.create(stateFor('first', base + 1_000), options);
          await store.create(
            stateFor('second', base + 2_000, {
              analyses: [{ prompt: 'p', timestamp: new Date(base).toISOString(), responses: { a: 'x' }, active_count: 1, abstained_count: 0 }],
              threads: { a: { id: 'a', name: 'a', system_prompt: 'p', model_backend: 'bedrock', model_name: null, conversation_history: [] } },
            }),
            options,
          );
          expect(await store.listCreatedBefore(base + 2_500, 10)).toEqual(['first', 'second']);
          expect(await store.listCreatedBefore(Number.MAX_SAFE_INTEGER, 2)).toEqual(['first', 'second']);
          expect(await store.stats()).toEqual({
            count: 3,
            oldestCreatedAtMs: base + 1_000,
            newestCreatedAtMs: base + 3_000,
            totalThreads: 1,
            totalAnalyses: 1,
          });
        }),
      );
    });

    describe('two managers sharing the store (two processes)', () => {
      it(
        'serves a session created by one in the other, with every change',
        withProcesses({}, async ({ a, b, stores }) => {
          const created = await a.createSession('shared', { topic: 'x', initialPerspectives: ['technical'] });
          await created.recordAnalysis('p', { technical: 'answer' });
          const seen = await b.requireSession('shared');
          expect(seen).not.toBe(created);
          expect(seen.version).toBe(1);
          expect((await seen.getLastAnalysis())?.prompt).toBe('p');
          await settle(stores[0], 'shared', () => seen.addThread(thread('risk')));
          expect([...(await created.getAllThreads()).keys()]).toEqual(['technical', 'risk']);
          expect(created.version).toBe(2);
        }),
      );

      it(
        'loses no update when both write concurrently',
        withProcesses({}, async ({ a, b }) => {
          const inA = await a.createSession('hot');
          const inB = await b.requireSession('hot');
          const writes: Promise<void>[] = [];
          for (let i = 0; i < 25; i++) writes.push(inA.recordAnalysis(`a${i}`, { x: 'y' }), inB.recordAnalysis(`b${i}`, { x: 'y' }));
          await Promise.all(writes);
          const final = await (await a.requireSession('hot')).exportState();
          expect(final.analyses).toHaveLength(50);
          expect(final.version).toBe(50);
          expect(new Set(final.analyses.map((analysis) => analysis.prompt)).size).toBe(50);
        }),
      );

      it(
        'fails atomicUpdate with an expected version when the other wrote first, and re-applies one without',
        withProcesses({}, async ({ a, b, stores }) => {
          const inA = await a.createSession('cas');
          const inB = await b.requireSession('cas');
          await inB.addThread(thread('t'));
          const error = await inA.atomicUpdate((state) => void (state.topic = 'from A'), 0).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(SessionConcurrencyError);
          expect(error).toMatchObject({ expected: 0, actual: 1 });
          await settle(stores[1], 'cas', () => inA.atomicUpdate((state) => void (state.topic = 'from A')));
          const seen = await inB.exportState();
          expect(seen).toMatchObject({ topic: 'from A', version: 2 });
        }),
      );

      it(
        'persists security metadata without bumping the version, and counts failures across processes',
        withProcesses({}, async ({ a, b, stores }) => {
          const inA = await a.createSession('sec');
          await inA.validateSecurity('tool_a');
          const inB = await b.requireSession('sec');
          expect((await inB.exportState()).client_binding?.tool_usage_sequence).toEqual(['tool_a']);
          expect(inB.version).toBe(0);
          await inA.atomicUpdate((state) => {
            (state.clientBinding as NonNullable<typeof state.clientBinding>).bindingSignature = '0'.repeat(64);
          });
          for (const session of [inA, inB, inA]) await session.validateSecurity().catch(() => undefined);
          // A reads its cached copy next: wait until it has heard of B's last write (a store may deliver it over the network).
          await settle(stores[0], 'sec', () => inB.validateSecurity().catch(() => undefined));
          const info = await (await a.requireSession('sec')).getSessionInfo();
          expect(info.client_binding).toMatchObject({ validation_failures: 4, is_suspicious: true });
        }),
      );

      it(
        'never serves a session removed by the other stale',
        withProcesses({}, async ({ a, b, stores }) => {
          await a.createSession('gone');
          const inB = await b.requireSession('gone');
          await settle(stores[1], 'gone', async () => expect(await a.removeSession('gone')).toBe(true));
          expect(await b.getSession('gone')).toBeNull();
          await expect(inB.addThread(thread('late'))).rejects.toBeInstanceOf(SessionNotFoundError);
        }),
      );

      it(
        'enforces ids and capacity globally; a sweep frees sessions expired by the managers’ clock',
        withProcesses({ maxSessions: 2 }, async ({ a, b, clock }) => {
          await a.createSession('one');
          await expect(b.createSession('one')).rejects.toBeInstanceOf(SessionExistsError);
          await b.createSession('two');
          await expect(a.createSession('three')).rejects.toBeInstanceOf(SessionCapacityError);
          expect((await b.getStats()).active_sessions).toBe(2);
          clock.advance(HOUR + 1);
          await expect(a.createSession('three')).resolves.toBeDefined();
          expect(await b.getSession('one')).toBeNull();
        }),
      );

      it(
        'reports global stats and lists every stored session',
        withProcesses({}, async ({ a, b }) => {
          await a.createSession('s1', { initialPerspectives: ['technical', 'risk'] });
          const s2 = await b.createSession('s2', { initialPerspectives: ['user'] });
          await s2.recordAnalysis('p', { user: 'x' });
          expect(await a.getStats()).toMatchObject({ active_sessions: 2, total_threads: 3, total_analyses: 1 });
          expect(Object.keys(await b.listActiveSessions()).sort()).toEqual(['s1', 's2']);
        }),
      );

      it(
        'reports a corrupt stored value as SessionStateCorruptError naming that session, and keeps serving others',
        withProcesses({}, async ({ a, b, subject }) => {
          await a.createSession('bad');
          await a.createSession('good');
          await subject.corrupt('bad', '{"session_id": 42}');
          const error = await b.getSession('bad').catch((e: unknown) => e);
          // The store's fault, not the caller's: a SessionValidationError, and distinguishable as damaged data.
          expect(error).toBeInstanceOf(SessionStateCorruptError);
          expect(error).toBeInstanceOf(SessionValidationError);
          expect((error as SessionStateCorruptError).sessionId).toBe('bad');
          expect((error as Error).message).toContain('bad');
          await subject.corrupt('good', 'not json at all');
          await expect(b.getSession('good')).rejects.toMatchObject({ name: expect.stringMatching(/Corrupt/), sessionId: 'good' });
          await expect(b.getSession('good')).rejects.toBeInstanceOf(SessionStateCorruptError);
          await b.createSession('fresh');
          expect(await b.getSession('fresh')).not.toBeNull();
        }),
      );

      it(
        'leaves the shared sessions in place when one process shuts down',
        withProcesses({}, async ({ a, b }) => {
          await a.createSession('durable');
          await a.shutdown();
          expect(await b.getSession('durable')).not.toBeNull();
        }),
      );
    });
  });
}

interface World {
  subject: StoreContractSubject;
  clock: ManualClock;
  stores: readonly [SessionStore, SessionStore];
  a: SimpleSessionManager;
  b: SimpleSessionManager;
}
