/**
 * Random sequences of old-API calls, made through whichever old object,
 * inside and outside old critical sections, some of which fail half-way:
 * every view, the core session and the core pool's running totals must agree
 * with a plain model afterwards, and the version must follow core's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContextSwitcherSession,
  SessionData,
  SessionManager,
  SessionSecurity,
  createSessionConcurrency,
  getSessionLockManager,
  toCoreSession,
} from '../src/index.js';
import { newId, thread } from './support/fixtures.js';

const NAMES = ['technical', 'business', 'user', 'risk'] as const;
const name = fc.constantFrom(...NAMES);
const via = fc.constantFrom('record', 'data');

type Change =
  | { kind: 'add'; name: string; via: 'record' | 'data' }
  | { kind: 'remove'; name: string; via: 'record' | 'data' }
  | { kind: 'analysis'; via: 'record' | 'data' }
  | { kind: 'clear' }
  | { kind: 'topic'; topic: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), name, via }),
  fc.record({ kind: fc.constant('remove' as const), name, via }),
  fc.record({ kind: fc.constant('analysis' as const), via }),
  fc.record({ kind: fc.constant('clear' as const) }),
  fc.record({ kind: fc.constant('topic' as const), topic: fc.string({ maxLength: 8 }) }),
);

type Step =
  | { kind: 'change'; change: Change }
  | { kind: 'section'; how: 'synchronizedUpdate' | 'lock block'; changes: Change[]; fails: boolean }
  | { kind: 'access' }
  | { kind: 'event' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('change' as const), change }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('section' as const),
      how: fc.constantFrom('synchronizedUpdate' as const, 'lock block' as const),
      changes: fc.array(change, { maxLength: 4 }),
      fails: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('access' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('event' as const) }) },
);

interface Model {
  threads: Map<string, string>;
  analyses: number;
  topic: string | null;
  version: number;
}

const copy = (model: Model): Model => ({ ...model, threads: new Map(model.threads) });

describe('old calls never drift from the core session', () => {
  it('views, core state, version and pool totals agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const manager = new SessionManager({ maxSessions: 3 });
        const sessionId = newId('drift');
        const record = new ContextSwitcherSession(sessionId, new Date(), { topic: null });
        await manager.addSession(record);
        const data = new SessionData(sessionId, record.createdAt);
        const security = new SessionSecurity(sessionId);
        const concurrency = createSessionConcurrency(sessionId);
        let model: Model = { threads: new Map(), analyses: 0, topic: null, version: 0 };
        let serial = 0;

        /** Applies a change through the old API and to the model; returns whether it changed the session. */
        const apply = (target: Model, item: Change): boolean => {
          serial += 1;
          switch (item.kind) {
            case 'add': {
              const added = thread(item.name, `${sessionId}-${serial}`);
              if (item.via === 'record') record.addThread(added);
              else data.threads[item.name] = added;
              target.threads.set(item.name, added.id);
              return true;
            }
            case 'remove': {
              const existed = target.threads.delete(item.name);
              if (item.via === 'record') delete record.threads[item.name];
              else data.removeThread(item.name);
              return existed;
            }
            case 'analysis':
              if (item.via === 'record') record.recordAnalysis('p', { technical: 'r' }, 1, 0);
              else data.recordAnalysis('p', {}, 0, 0);
              target.analyses += 1;
              return true;
            case 'clear': {
              const had = target.analyses > 0;
              data.clearAnalyses();
              target.analyses = 0;
              return had;
            }
            case 'topic':
              record.topic = item.topic;
              target.topic = item.topic;
              return true;
          }
        };

        for (const current of steps) {
          if (current.kind === 'change') {
            if (apply(model, current.change)) model.version += 1;
          } else if (current.kind === 'access') {
            await record.recordAccess('tool');
            model.version += 1;
          } else if (current.kind === 'event') {
            security.recordSecurityEvent('audit', { serial });
          } else {
            const draft = copy(model);
            const body = async () => {
              for (const item of current.changes) apply(draft, item);
              await Promise.resolve();
              if (current.fails) throw new Error('fails half-way');
            };
            if (current.how === 'synchronizedUpdate') {
              await concurrency.synchronizedUpdate(body).catch(() => undefined);
            } else {
              await getSessionLockManager()
                .withLock(sessionId, body)
                .catch(() => undefined);
            }
            if (!current.fails) model = { ...draft, version: model.version + 1 };
          }
        }

        const core = toCoreSession(record);
        if (core === null) throw new Error('a record is a view of a core session');
        const exported = await core.exportState();
        const expectedThreads = Object.fromEntries(model.threads);
        expect(Object.fromEntries(Object.entries(exported.threads).map(([key, t]) => [key, t.id]))).toEqual(expectedThreads);
        expect(Object.fromEntries(Object.entries(data.toDict().threads).map(([key, t]) => [key, t.id]))).toEqual(expectedThreads);
        expect(Object.keys(record.threads)).toEqual([...model.threads.keys()]);
        expect([exported.analyses.length, data.getAnalysisCount(), record.analyses.length]).toEqual(Array(3).fill(model.analyses));
        expect([core.version, record.version, concurrency.version]).toEqual(Array(3).fill(model.version));
        expect(record.topic).toBe(model.topic);
        const stats = await manager.pool.getStats();
        expect([stats.total_threads, stats.total_analyses]).toEqual([model.threads.size, model.analyses]);
        expect(exported.metrics.thread_count).toBe(model.threads.size);
        await manager.pool.shutdown();
      }),
      { numRuns: 150 },
    );
  });
});
