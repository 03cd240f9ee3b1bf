import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgeIndex } from '../src/pools/age-index.js';
import { Session } from '../src/index.js';
import { manualClock } from './helpers.js';

describe('AgeIndex', () => {
  it('matches a sorted-list model under any sequence of adds, removes and expiry sweeps', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), createdAt: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('sweep' as const), cutoff: fc.integer({ min: 0, max: 1000 }) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 200 }), (actions) => {
        const clock = manualClock(0);
        const index = new AgeIndex<Session>();
        let model: Session[] = [];
        let n = 0;
        for (const a of actions) {
          if (a.kind === 'add') {
            clock.set(a.createdAt);
            const session = new Session(`s${n++}`, { secretKey: 'k', clock, createClientBinding: false });
            index.add(session);
            model.push(session);
          } else if (a.kind === 'remove' && model.length > 0) {
            const victim = model[a.pick % model.length]!;
            expect(index.remove(victim)).toBe(true);
            expect(index.remove(victim)).toBe(false);
            model = model.filter((s) => s !== victim);
          } else if (a.kind === 'sweep') {
            const taken = index.takeCreatedBefore(a.cutoff);
            const expected = model.filter((s) => s.createdAtMs < a.cutoff);
            expect(new Set(taken)).toEqual(new Set(expected));
            expect(taken.map((s) => s.createdAtMs)).toEqual([...taken.map((s) => s.createdAtMs)].sort((x, y) => x - y));
            model = model.filter((s) => s.createdAtMs >= a.cutoff);
          }
          expect(index.size).toBe(model.length);
          const minAge = Math.min(...model.map((s) => s.createdAtMs));
          const maxAge = Math.max(...model.map((s) => s.createdAtMs));
          expect(index.oldest()?.createdAtMs ?? Infinity).toBe(minAge);
          expect(index.newest()?.createdAtMs ?? -Infinity).toBe(maxAge);
        }
      }),
      { numRuns: 300 },
    );
  });
});
