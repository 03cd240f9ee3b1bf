/**
 * The old lock manager on the sessions' own locks: old lock blocks and core
 * operations on a session exclude each other, and the manager keeps nothing
 * that grows with the ids it has seen.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Thread as CoreThread } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import { ContextSwitcherSession, SessionLockManager, createSessionConcurrency, getSessionLockManager, toCoreSession } from '../src/index.js';
import { directorySize } from '../src/internal/directory.js';
import { lockedIdCount } from '../src/internal/id_locks.js';
import { gate, newId, settle } from './support/fixtures.js';

describe('locks are the sessions’ own', () => {
  it('a core operation waits for an old lock block on its session, and an old block for a core operation', async () => {
    const record = new ContextSwitcherSession(newId('mutual'), new Date());
    const core = toCoreSession(record);
    if (core === null) throw new Error('a record is a view of a core session');
    const steps: string[] = [];

    const release = await getSessionLockManager().acquireLock(record.sessionId);
    const coreAdd = core.addThread(new CoreThread({ id: 't', name: 'technical', systemPrompt: 'p', modelBackend: 'bedrock' }));
    void coreAdd.then(() => steps.push('core addThread'));
    await settle();
    expect(steps).toEqual([]);
    release();
    await coreAdd;
    expect(steps).toEqual(['core addThread']);

    const hold = gate();
    const coreUpdate = core.atomicUpdate(async () => {
      await hold.promise;
      steps.push('core update');
    });
    const oldBlock = getSessionLockManager()
      .withLock(record.sessionId, () => steps.push('old block'))
      .then(() => undefined);
    await settle();
    expect(steps).toEqual(['core addThread']);
    hold.open();
    await Promise.all([coreUpdate, oldBlock]);
    expect(steps).toEqual(['core addThread', 'core update', 'old block']);
  });

  it('removeLock hands out a new lock object, but never a second lock for a held session', async () => {
    const lockManager = new SessionLockManager();
    const sessionId = newId('remove-held');
    const first = lockManager.getLock(sessionId);
    const release = await first.acquire();
    lockManager.removeLock(sessionId);
    const second = lockManager.getLock(sessionId);
    expect(second).not.toBe(first);

    let acquired = false;
    const waiting = second.acquire().then((releaseSecond) => {
      acquired = true;
      releaseSecond();
    });
    await settle();
    expect(acquired).toBe(false); // the old manager would have handed out a fresh, free mutex here
    release();
    await waiting;
    expect(acquired).toBe(true);
  });
});

describe('mutual exclusion is per id, whatever happens to the session behind it', () => {
  it('a second block waits when the first one creates the session its id names', async () => {
    const sessionId = newId('created-inside');
    const steps: string[] = [];
    const hold = gate();
    const first = getSessionLockManager().withLock(sessionId, async () => {
      steps.push('A start');
      new ContextSwitcherSession(sessionId, new Date()); // now the session behind the id
      await hold.promise;
      steps.push('A end');
    });
    await settle();
    const second = getSessionLockManager().withLock(sessionId, () => steps.push('B runs'));
    const update = createSessionConcurrency(sessionId).synchronizedUpdate(() => {
      steps.push('update runs');
    });
    await settle();
    expect(steps).toEqual(['A start']); // @sessionkit/legacy waits here too
    hold.open();
    await Promise.all([first, second, update]);
    expect(steps).toEqual(['A start', 'A end', 'B runs', 'update runs']);
  });

  it('the next block holds the new session’s own lock, so core operations on it still wait', async () => {
    const sessionId = newId('handed-on');
    let record: ContextSwitcherSession | undefined;
    await getSessionLockManager().withLock(sessionId, () => {
      record = new ContextSwitcherSession(sessionId, new Date());
    });
    const core = toCoreSession(record);
    if (core === null) throw new Error('a record is a view of a core session');
    const release = await getSessionLockManager().acquireLock(sessionId);
    expect(core.isLocked).toBe(true);
    let added = false;
    const coreAdd = core.addThread(new CoreThread({ id: 't', name: 'technical', systemPrompt: 'p', modelBackend: 'bedrock' })).then(() => {
      added = true;
    });
    await settle();
    expect(added).toBe(false);
    release();
    await coreAdd;
    expect(added).toBe(true);
  });
});

describe('nothing grows with the ids seen', () => {
  it('lockCount counts only ids locked or waited on right now', async () => {
    const lockManager = new SessionLockManager();
    const ids = Array.from({ length: 500 }, () => newId('count'));
    const releases = await Promise.all(ids.map((id) => lockManager.acquireLock(id)));
    const waiter = lockManager.withLock(ids[0] ?? '', () => 'done');
    expect(lockManager.lockCount).toBe(500);
    for (const release of releases) release();
    await expect(waiter).resolves.toBe('done');
    await settle();
    expect(lockManager.lockCount).toBe(0);
    expect(lockedIdCount()).toBe(0); // an id's queue goes with its last holder or waiter
  });

  it('keeps no session alive: locks of ids nobody holds any more are collected', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const before = directorySize();
    const lockManager = new SessionLockManager();
    for (let index = 0; index < 2_000; index += 1) {
      const id = newId('collect');
      await lockManager.withLock(id, () => undefined);
    }
    expect(directorySize()).toBeGreaterThanOrEqual(before + 2_000);
    // WeakRefs are kept until the end of the current job, and finalizers run in later tasks: give them turns.
    for (let round = 0; round < 20 && directorySize() > before + 100; round += 1) {
      await settle();
      gc();
    }
    expect(directorySize()).toBeLessThan(before + 100);
  });
});
