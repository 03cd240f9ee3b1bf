import type { StoreInvalidation } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import { HeldInvalidations } from '../src/held-invalidations.js';

const changed = (sessionId: string, revision: number): StoreInvalidation => ({ sessionId, kind: 'changed', revision });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('HeldInvalidations', () => {
  it('lets events through while no save of that session is in flight', () => {
    const held = new HeldInvalidations(() => undefined);
    held.saveStarted('other');
    expect(held.hold(changed('s', 2))).toBe(false);
  });

  it('holds "changed" events during a save and delivers them, in order, after the save and its caller', async () => {
    const delivered: StoreInvalidation[] = [];
    const held = new HeldInvalidations((event) => delivered.push(event));
    held.saveStarted('s');
    expect(held.hold(changed('s', 2))).toBe(true);
    expect(held.hold(changed('s', 3))).toBe(true);
    held.saveEnded('s');
    let callerResumed = false;
    await Promise.resolve().then(() => {
      callerResumed = true; // the save's caller, resuming in a microtask
      expect(delivered).toEqual([]);
    });
    await nextTurn();
    expect(callerResumed).toBe(true);
    expect(delivered).toEqual([changed('s', 2), changed('s', 3)]);
  });

  it('never holds a removal', () => {
    const held = new HeldInvalidations(() => undefined);
    held.saveStarted('s');
    expect(held.hold({ sessionId: 's', kind: 'removed' })).toBe(false);
  });

  it('waits for the last of several concurrent saves of one session', async () => {
    const delivered: StoreInvalidation[] = [];
    const held = new HeldInvalidations((event) => delivered.push(event));
    held.saveStarted('s');
    held.saveStarted('s');
    held.hold(changed('s', 5));
    held.saveEnded('s');
    await nextTurn();
    expect(delivered).toEqual([]);
    held.saveEnded('s');
    await nextTurn();
    expect(delivered).toEqual([changed('s', 5)]);
    expect(held.hold(changed('s', 6))).toBe(false);
  });
});
