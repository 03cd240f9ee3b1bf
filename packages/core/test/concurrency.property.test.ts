import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Session, SessionNotFoundError, SimpleSessionManager, Thread } from '../src/index.js';
import { recordingLogger } from './helpers.js';

/**
 * Concurrent operations, interleaved in every order fast-check's scheduler
 * finds, must end where the same operations applied one at a time end:
 * nothing lost, nothing counted twice. The sequential model below is
 * order-independent: it derives the expected final state of each session
 * from what each operation reported (added? removed?), which is what any
 * serial execution of those operations would produce.
 */
type Op =
  | { kind: 'addThread'; session: number; name: string }
  | { kind: 'removeThread'; session: number; name: string }
  | { kind: 'recordAnalysis'; session: number }
  | { kind: 'atomicIncrement'; session: number }
  | { kind: 'removeSession'; session: number };

const SESSIONS = 3;
const NAMES = ['a', 'b', 'c'] as const;
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('addThread' as const), session: fc.nat(SESSIONS - 1), name: fc.constantFrom(...NAMES) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('removeThread' as const), session: fc.nat(SESSIONS - 1), name: fc.constantFrom(...NAMES) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('recordAnalysis' as const), session: fc.nat(SESSIONS - 1) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('atomicIncrement' as const), session: fc.nat(SESSIONS - 1) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('removeSession' as const), session: fc.nat(SESSIONS - 1) }), weight: 1 },
);

interface Tally {
  added: Map<string, number>;
  removed: Map<string, number>;
  analyses: number;
  increments: number;
  mutations: number;
  removedFromPool: boolean;
  /** Set when a removeSession of it was issued: from then on its writes may be refused. */
  removalStarted: boolean;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

describe('no lost update under any interleaving', () => {
  it('ends where a serial execution of the same operations ends (counts, versions, thread sets)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArbitrary, { minLength: 1, maxLength: 30 }), async (s, ops) => {
        const manager = new SimpleSessionManager({ secretKey: 'property-secret', logger: recordingLogger() });
        const sessions = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => manager.createSession(`s${i}`)));
        const counters = new Map<number, number>();
        const tallies: Tally[] = sessions.map(() => ({
          added: new Map(),
          removed: new Map(),
          analyses: 0,
          increments: 0,
          mutations: 0,
          removedFromPool: false,
          removalStarted: false,
        }));

        // Each operation waits for the scheduler before it starts, so the scheduler
        // picks the order they reach their locks; the increment also yields to the
        // scheduler while it holds the lock, between its read and its write.
        const applied = ops.map(async (op) => {
          await s.schedule(Promise.resolve(op.kind));
          const session = sessions[op.session]!;
          const tally = tallies[op.session]!;
          try {
            await apply(op, session, tally);
          } catch (error) {
            // A write that reaches a session after its removal began is refused, typed, and changes nothing.
            if (tally.removalStarted && error instanceof SessionNotFoundError) return;
            throw error;
          }
        });
        const apply = async (op: Op, session: Session, tally: Tally): Promise<void> => {
          switch (op.kind) {
            case 'addThread':
              if (await session.addThread(new Thread({ id: op.name, name: op.name, systemPrompt: 'p', modelBackend: 'bedrock' }))) {
                bump(tally.added, op.name);
                tally.mutations++;
              }
              return;
            case 'removeThread':
              if (await session.removeThread(op.name)) {
                bump(tally.removed, op.name);
                tally.mutations++;
              }
              return;
            case 'recordAnalysis':
              await session.recordAnalysis('p', { a: 'x' });
              tally.analyses++;
              tally.mutations++;
              return;
            case 'atomicIncrement':
              await session.atomicUpdate(async () => {
                const read = counters.get(op.session) ?? 0;
                await s.schedule(Promise.resolve('inside lock'));
                counters.set(op.session, read + 1);
              });
              tally.increments++;
              tally.mutations++;
              return;
            case 'removeSession':
              tally.removalStarted = true;
              await manager.removeSession(`s${op.session}`);
              tally.removedFromPool = true;
              return;
          }
        };
        await s.waitFor(Promise.all(applied));

        let liveThreads = 0;
        let liveAnalyses = 0;
        for (let i = 0; i < SESSIONS; i++) {
          const tally = tallies[i]!;
          const session = sessions[i]!;
          // No lost update: every increment landed, and the version counts every successful mutation exactly once.
          expect(counters.get(i) ?? 0).toBe(tally.increments);
          expect(session.version).toBe(tally.mutations);
          if (tally.removedFromPool) {
            expect(await manager.getSession(`s${i}`)).toBeNull();
            continue;
          }
          expect(await manager.getSession(`s${i}`)).toBe(session);
          // Adds and removes of one name alternate in any serial order, so the
          // final presence is (successful adds - successful removes), 0 or 1.
          const expectedThreads = new Set<string>();
          for (const name of NAMES) {
            const net = (tally.added.get(name) ?? 0) - (tally.removed.get(name) ?? 0);
            expect([0, 1]).toContain(net);
            if (net === 1) expectedThreads.add(name);
          }
          expect(new Set((await session.getAllThreads()).keys())).toEqual(expectedThreads);
          expect(session.analysisCount).toBe(tally.analyses);
          liveThreads += expectedThreads.size;
          liveAnalyses += tally.analyses;
        }
        const stats = await manager.getStats();
        expect(stats.total_threads).toBe(liveThreads);
        expect(stats.total_analyses).toBe(liveAnalyses);
        expect(stats.active_sessions).toBe(tallies.filter((t) => !t.removedFromPool).length);
      }),
      { numRuns: 300 },
    );
  });
});
