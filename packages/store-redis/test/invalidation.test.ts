import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInvalidation } from '../src/invalidation.js';

describe('parseInvalidation', () => {
  it('reads what the scripts publish', () => {
    expect(parseInvalidation('{"sessionId":"a-1","kind":"changed","revision":12}')).toEqual({ sessionId: 'a-1', kind: 'changed', revision: 12 });
    expect(parseInvalidation('{"sessionId":"a-1","kind":"removed"}')).toEqual({ sessionId: 'a-1', kind: 'removed' });
    // Another key order (an older store's cjson): the schema path.
    expect(parseInvalidation('{"revision":3,"kind":"changed","sessionId":"b"}')).toEqual({ sessionId: 'b', kind: 'changed', revision: 3 });
  });

  it.each([
    'hello',
    '{"sessionId":"x","kind":"exploded"}',
    '{"sessionId":"","kind":"changed","revision":1}',
    '{"sessionId":"x","kind":"changed","revision":-1}',
    '{"sessionId":"x","kind":"changed","revision":1.5}',
    '{"sessionId":"x","kind":"changed"} ',
  ])('ignores %j', (message) => {
    expect(parseInvalidation(message)).toBeNull();
  });

  it('the fast path accepts exactly what the schema accepts, with the same result', () => {
    const ids = fc.string({ unit: fc.constantFrom(...'aZ9_.:-{}"\\ é'), minLength: 0, maxLength: 8 });
    const revisions = fc.oneof(fc.integer({ min: -2, max: 2 ** 53 + 2 }), fc.double(), fc.constant(0));
    fc.assert(
      fc.property(ids, revisions, (sessionId, revision) => {
        const exact = `{"sessionId":${JSON.stringify(sessionId)},"kind":"changed","revision":${JSON.stringify(revision)}}`;
        const spaced = `{ "sessionId": ${JSON.stringify(sessionId)}, "kind": "changed", "revision": ${JSON.stringify(revision)} }`; // schema path only
        expect(parseInvalidation(exact)).toEqual(parseInvalidation(spaced));
      }),
      { numRuns: 500 },
    );
  });
});
