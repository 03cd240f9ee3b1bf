import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, SessionError, SessionState, SessionValidationError, SimpleSessionManager, Thread } from '../src/index.js';
import { readVector, recordingLogger, VECTOR_SECRET } from './helpers.js';

/**
 * Generated bad input: every case must end in a typed SessionError or a
 * valid object. Never another exception, never a polluted prototype, never a
 * hang (fast-check's per-run timeout).
 */
// `pnpm test:stress` raises this; the default keeps the regular suite quick.
const RUNS = Number(process.env.SESSIONKIT_FUZZ_RUNS ?? 300);
let generated = 0;
afterAll(() => {
  console.log(`bad-input properties: ${generated} generated cases`);
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0, '', 'not-a-date', '2026-13-45T99:99:99Z'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'zz'.repeat(32), 'g'.repeat(64), '0'.repeat(64)),
  fc.string({ unit: 'binary', maxLength: 50 }),
  // Huge strings, built cheaply (fast-check would generate them one character at a time).
  fc.constantFrom('x'.repeat(200_000), '\u0000'.repeat(100_000), '\uD800'.repeat(50_000)),
  fc.integer({ min: 1, max: 200 }).map((depth) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
    return value;
  }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.constant(new Date('invalid')),
  fc.constant(() => 'function'),
  fc.constant(Symbol('sym')),
  fc.bigInt(),
);

/** Every path (array of keys) inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) out.push(...paths(value[key] as Json, [...prefix, key]));
  return out;
}

/** Replaces, deletes or adds (a possibly hostile key) at a path of a deep copy. */
function mutate(doc: Json, path: (string | number)[], action: 'replace' | 'delete' | 'add', key: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  if (path.length === 0) return action === 'replace' ? value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (action === 'replace') parent[last] = value;
  else if (action === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return copy;
}

const prototypesUntouched = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.keys(Object.prototype)).toEqual([]);
};

const vectors = ['state-with-binding', 'state-without-binding', 'state-failed-validations'] as const;

describe('generated bad input', () => {
  it('fromJSON / restoreFromState on mutated reference vectors and exports', async () => {
    const manager = new SimpleSessionManager({ secretKey: VECTOR_SECRET, logger: recordingLogger() });
    const live = await manager.createSession('live-export', { initialPerspectives: ['technical', 'risk'] });
    await live.recordAnalysis('p', { technical: 'a', risk: '[NO_RESPONSE]' });
    await live.validateSecurity('tool');
    const documents: Json[] = [...vectors.map((name) => readVector(name) as Json), (await live.exportState()) as unknown as Json];

    await fc.assert(
      fc.asyncProperty(
        fc.nat(documents.length - 1),
        fc.nat(),
        fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'session_id', 'type'),
        hostileValue,
        async (docIndex, pathPick, action, key, value) => {
          generated++;
          const doc = documents[docIndex] as Json;
          const allPaths = paths(doc);
          const input = mutate(doc, allPaths[pathPick % allPaths.length] as (string | number)[], action, key, value);
          for (const attempt of [() => SessionState.fromJSON(input), () => Session.restoreFromState(input, { secretKey: VECTOR_SECRET })]) {
            try {
              const result = await attempt();
              // Accepted: it must be a fully usable object.
              const exported = result instanceof Session ? await result.exportState() : result.toJSON();
              // Compared as JSON text: that is what a store or a file holds (and JSON has no -0).
              const text = JSON.stringify(exported);
              expect(JSON.stringify(SessionState.fromJSON(JSON.parse(text)).toJSON())).toBe(text);
              // The old PBKDF2 scheme costs ~120 ms a check: exercised by the vector tests, not per fuzz case.
              if (result instanceof Session && exported.client_binding?.signature_scheme !== undefined) {
                await result.validateSecurity('fuzz').catch((error: unknown) => expect(error).toBeInstanceOf(SessionError));
              }
            } catch (error) {
              expect(error).toBeInstanceOf(SessionError);
            }
          }
          prototypesUntouched();
        },
      ),
      { numRuns: RUNS, timeout: 5_000 },
    );
  }, 300_000);

  it('manager options', () => {
    const keys = [
      'maxSessions',
      'sessionTtlHours',
      'cleanupIntervalSeconds',
      'secretKey',
      'secretKeys',
      'perspectives',
      'clock',
      'logger',
      'store',
      'storeRetry',
      '__proto__',
      'constructor',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 4 }), fc.oneof(fc.constant(undefined), hostileValue), (options, whole) => {
        generated++;
        for (const input of [options, whole]) {
          try {
            const manager = new SimpleSessionManager(input as never);
            expect(manager.maxSessions).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(SessionValidationError);
          }
        }
        prototypesUntouched();
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('session ids, thread names and analysis inputs', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'fuzz-secret', maxSessions: 100_000, logger: recordingLogger() });
    const session = await manager.createSession('fuzz-target');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), hostileValue),
        fc.oneof(fc.string({ maxLength: 300 }), hostileValue),
        fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), hostileValue), { maxKeys: 4 }), hostileValue),
        fc.oneof(fc.double(), hostileValue),
        async (id, name, responses, seconds) => {
          generated++;
          const typed = async (call: () => unknown) => {
            try {
              await call();
            } catch (error) {
              expect(error).toBeInstanceOf(SessionError);
            }
          };
          await typed(() => new Session(id as string, { secretKey: 'k', createClientBinding: false }));
          await typed(() => manager.getSession(id as string));
          await typed(() => manager.removeSession(id as string));
          await typed(() => manager.createSession(id as string, { initialPerspectives: [name as string] }).then((s) => manager.removeSession(s.sessionId)));
          await typed(() => new Thread({ id: 'x', name: name as string, systemPrompt: 'p', modelBackend: 'bedrock' }));
          await typed(() => session.getThread(name as string));
          await typed(() => session.removeThread(name as string));
          await typed(() => session.recordAnalysis(name as string, responses as Record<string, string>, seconds as number));
          await typed(() => session.atomicUpdate(id as never, seconds as number));
          prototypesUntouched();
        },
      ),
      { numRuns: RUNS, timeout: 5_000 },
    );
    // The session survived every bad call and still exports a valid document.
    expect(SessionState.fromJSON(await session.exportState()).sessionId).toBe('fuzz-target');
  }, 300_000);
});
