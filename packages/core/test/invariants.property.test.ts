/**
 * The invariants, under every interleaving fast-check's scheduler finds, with
 * hostile operations mixed in (throwing, invalid and nested updates, bad
 * arguments, removals):
 * - every failure is a SessionError with a known code;
 * - a committed state always restores;
 * - no lost and no phantom write: the version and the analyses count exactly
 *   the mutations that reported success;
 * - no operation waits unbounded.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, SessionError, type SessionErrorCode, SimpleSessionManager, Thread } from '../src/index.js';
import { recordingLogger } from './helpers.js';

const RUNS = Number(process.env.SESSIONKIT_FUZZ_RUNS ?? 150);
const KEY = 'invariant-secret';
const CODES: ReadonlySet<SessionErrorCode> = new Set([
  'SESSION_ERROR',
  'SESSION_SECURITY',
  'SESSION_CONFLICT',
  'SESSION_NOT_FOUND',
  'SESSION_EXPIRED',
  'SESSION_INVALID_INPUT',
  'SESSION_REENTRANT',
  'SESSION_TIMEOUT',
]);
/** An operation that has not settled this long after the scheduler released everything is waiting unbounded. */
const SETTLE_BOUND_MS = 5_000;

const counts = { interleavings: 0, operations: 0, failures: 0, lostUpdates: 0, phantomWrites: 0, unboundedWaits: 0, restoresFailed: 0 };
afterAll(() => {
  console.log(
    `invariant properties: ${counts.interleavings} interleavings, ${counts.operations} operations (${counts.failures} typed failures), ` +
      `lost updates ${counts.lostUpdates}, phantom writes ${counts.phantomWrites}, unbounded waits ${counts.unboundedWaits}, ` +
      `committed states that did not restore ${counts.restoresFailed}`,
  );
});

type Op =
  | { kind: 'record'; prompt: unknown }
  | { kind: 'addThread'; name: string }
  | { kind: 'update'; mode: 'sync' | 'async' | 'throws' | 'invalid' | 'nested' | 'nestedAsync' }
  | { kind: 'versioned'; expected: number }
  | { kind: 'validate'; tool: unknown }
  | { kind: 'read' }
  | { kind: 'remove' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      prompt: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(42, null, 'x'.repeat(100_001))),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('addThread' as const), name: fc.constantFrom('a', 'b', 'c', 'bad\nname') }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('update' as const), mode: fc.constantFrom('sync', 'async', 'throws', 'invalid', 'nested', 'nestedAsync') }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('versioned' as const), expected: fc.nat(6) }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('validate' as const), tool: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 }), fc.constant(7)) }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('read' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const) }), weight: 1 },
);

/** What one operation reported: how many mutations (version bumps) and analyses it says it made. */
interface Reported {
  mutations: number;
  analyses: number;
}

async function apply(op: Op, session: Session, manager: SimpleSessionManager, scheduler: fc.Scheduler): Promise<Reported> {
  switch (op.kind) {
    case 'record':
      await session.recordAnalysis(op.prompt as string, { a: 'x' });
      return { mutations: 1, analyses: 1 };
    case 'addThread':
      return {
        mutations: (await session.addThread(new Thread({ id: op.name, name: op.name, systemPrompt: 'p', modelBackend: 'bedrock' }))) ? 1 : 0,
        analyses: 0,
      };
    case 'update':
      await session.atomicUpdate(updateFor(op.mode, session, scheduler));
      return { mutations: 1, analyses: 0 };
    case 'versioned':
      await session.atomicUpdate((state) => void (state.topic = `v${op.expected}`), op.expected);
      return { mutations: 1, analyses: 0 };
    case 'validate':
      await session.validateSecurity(op.tool as string | undefined);
      return { mutations: 0, analyses: 0 };
    case 'read':
      await session.getSessionInfo();
      return { mutations: 0, analyses: 0 };
    case 'remove':
      await manager.removeSession(session.sessionId);
      return { mutations: 0, analyses: 0 };
  }
}

function updateFor(mode: Extract<Op, { kind: 'update' }>['mode'], session: Session, scheduler: fc.Scheduler) {
  switch (mode) {
    case 'sync':
      return (state: Parameters<Parameters<Session['atomicUpdate']>[0]>[0]) => void (state.topic = 'sync');
    case 'async':
      return async (state: Parameters<Parameters<Session['atomicUpdate']>[0]>[0]) => {
        await scheduler.schedule(Promise.resolve('inside update'));
        state.topic = 'async';
      };
    case 'throws':
      return (state: Parameters<Parameters<Session['atomicUpdate']>[0]>[0]) => {
        state.topic = 'half-done';
        throw new Error('update failed');
      };
    case 'invalid':
      return (state: Parameters<Parameters<Session['atomicUpdate']>[0]>[0]) => void (state.version = Number.NaN);
    case 'nested':
      return () => {
        void session.recordAnalysis('nested', { a: 'x' }).catch(() => undefined);
        throw new Error('nested then throws');
      };
    case 'nestedAsync':
      return async () => {
        await scheduler.schedule(Promise.resolve('before nested call'));
        await session.getSessionInfo(); // rejects at once: the update fails, truthfully
      };
  }
}

function settledWithin<T>(promise: Promise<T>, ms: number): Promise<{ settled: true; value: PromiseSettledResult<T> } | { settled: false }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ settled: false }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ settled: true, value: { status: 'fulfilled', value } });
      },
      (reason: unknown) => {
        clearTimeout(timer);
        resolve({ settled: true, value: { status: 'rejected', reason } });
      },
    );
  });
}

describe('invariants under generated interleavings', () => {
  it('typed failures, restorable commits, no lost or phantom write, no unbounded wait', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArbitrary, { minLength: 1, maxLength: 20 }), async (scheduler, ops) => {
        counts.interleavings++;
        const manager = new SimpleSessionManager({ secretKey: KEY, logger: recordingLogger(), timeouts: { updateMs: 2_000 } });
        const session = await manager.createSession('invariant', { initialPerspectives: ['technical'] });
        const running = ops.map(async (op) => {
          await scheduler.schedule(Promise.resolve(op.kind));
          return apply(op, session, manager, scheduler);
        });
        await scheduler.waitFor(Promise.allSettled(running));
        const outcomes = await Promise.all(running.map((promise) => settledWithin(promise, SETTLE_BOUND_MS)));

        let mutations = 0;
        let analyses = 0;
        for (const outcome of outcomes) {
          counts.operations++;
          if (!outcome.settled) {
            counts.unboundedWaits++;
            continue;
          }
          if (outcome.value.status === 'fulfilled') {
            mutations += outcome.value.value.mutations;
            analyses += outcome.value.value.analyses;
          } else {
            counts.failures++;
            const error = outcome.value.reason;
            expect(error).toBeInstanceOf(SessionError);
            expect(CODES.has((error as SessionError).code)).toBe(true);
          }
        }
        // Exactly the reported mutations landed: nothing lost, nothing extra.
        if (session.version < mutations) counts.lostUpdates++;
        if (session.version > mutations) counts.phantomWrites++;
        expect(session.version).toBe(mutations);
        // A removal's cleanup clears the analyses (by design); the version still counts them.
        if (!ops.some((op) => op.kind === 'remove')) expect(session.analysisCount).toBe(analyses);
        // What the session holds (committed) restores.
        const exported = await session.exportState();
        const restored = await Session.restoreFromState(exported, { secretKey: KEY }).catch(() => null);
        if (restored === null) counts.restoresFailed++;
        expect(restored?.version).toBe(session.version);
        await manager.shutdown();
      }),
      { numRuns: RUNS },
    );
    expect(counts.unboundedWaits).toBe(0);
  });
});
