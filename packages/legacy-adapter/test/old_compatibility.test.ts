/**
 * Old behaviours callers rely on, each a break the old system's own test
 * suite found: locks are async-mutex Mutexes that behave like the old ones,
 * the adapter's critical sections go through the lock manager (and fail
 * with it), and the access bookkeeping old code assigned can be assigned.
 */
import { E_CANCELED, Mutex } from 'async-mutex';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextSwitcherSession, SessionConcurrency, SessionError, SessionLockManager, getSessionLockManager } from '../src/index.js';
import { newId, settle, useFakeDate } from './support/fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the locks are async-mutex Mutexes, and behave like the old ones', () => {
  it('getLock hands out a Mutex (old code typed with Mutex compiles: this line is checked by tsc)', () => {
    const lock: Mutex = new SessionLockManager().getLock(newId('mutex'));
    expect(lock).toBeInstanceOf(Mutex);
  });

  it('is free the moment it is released, though the section is still committing', async () => {
    const lockManager = new SessionLockManager();
    const sessionId = newId('free-at-release');
    const lock = lockManager.getLock(sessionId);
    const release = await lock.acquire();
    expect(lock.isLocked()).toBe(true);
    release();
    expect(lock.isLocked()).toBe(false);
    // And the next holder still waits for the commit, not for the release alone.
    const again = await lockManager.acquireLock(sessionId);
    expect(lock.isLocked()).toBe(true);
    again();
    expect(lock.isLocked()).toBe(false);
  });

  it('stays locked after a release while another caller waits (the lock passes to it)', async () => {
    const lock = new SessionLockManager().getLock(newId('hand-over'));
    const release = await lock.acquire();
    const next = lock.acquire();
    release();
    expect(lock.isLocked()).toBe(true);
    (await next)();
    expect(lock.isLocked()).toBe(false);
  });

  it('release() on the lock releases what acquire() took, as Mutex#release does; on a free lock it does nothing', async () => {
    const lock = new SessionLockManager().getLock(newId('release-method'));
    expect(() => lock.release()).not.toThrow();
    await lock.acquire();
    lock.release();
    expect(lock.isLocked()).toBe(false);
    const second = await lock.acquire(); // free again: taken at once
    second();
  });

  it('cancel() rejects the waiters with E_CANCELED; the holder keeps the lock; a later acquire works', async () => {
    const lock = new SessionLockManager().getLock(newId('cancel'));
    const release = await lock.acquire();
    const waiting = [lock.acquire(), lock.runExclusive(() => 'never')];
    const concurrency = new SessionConcurrency(lock.sessionId);
    const update = concurrency.synchronizedUpdate(() => {});
    lock.cancel();
    for (const waiter of [...waiting, update]) await expect(waiter).rejects.toBe(E_CANCELED);
    expect(lock.isLocked()).toBe(true);
    release();
    expect(lock.isLocked()).toBe(false);
    expect(concurrency.version).toBe(0);
    await expect(lock.runExclusive(() => 'after')).resolves.toBe('after');
  });

  it('waitForUnlock resolves once the holder releases, without taking the lock', async () => {
    const lock = new SessionLockManager().getLock(newId('wait'));
    await expect(lock.waitForUnlock()).resolves.toBeUndefined();
    const release = await lock.acquire();
    let unlocked = false;
    const waiting = lock.waitForUnlock().then(() => (unlocked = true));
    await settle();
    expect(unlocked).toBe(false);
    release();
    await waiting;
    expect(unlocked).toBe(true);
    expect(lock.isLocked()).toBe(false);
  });
});

describe('the adapter’s critical sections take their lock through the lock manager', () => {
  it('a lock-manager failure rejects synchronizedUpdate, and the update never runs', async () => {
    const concurrency = new SessionConcurrency(newId('sync-failure'));
    const failure = new Error('Lock acquisition failed');
    vi.spyOn(getSessionLockManager(), 'acquireLock').mockRejectedValueOnce(failure);
    let ran = false;
    await expect(
      concurrency.synchronizedUpdate(() => {
        ran = true;
      }),
    ).rejects.toBe(failure);
    expect(ran).toBe(false);
    expect(concurrency.version).toBe(0);
  });

  it('a lock-manager failure rejects the record’s recordAccess, counting nothing', async () => {
    const record = new ContextSwitcherSession(newId('record-failure'), new Date());
    const failure = new Error('Lock acquisition failed');
    vi.spyOn(getSessionLockManager(), 'acquireLock').mockRejectedValueOnce(failure);
    await expect(record.recordAccess('tool')).rejects.toBe(failure);
    expect(record.accessCount).toBe(0);
    expect(record.version).toBe(0);
  });

  it('a lock manager replaced by the caller is used, and the section is still one change', async () => {
    const concurrency = new SessionConcurrency(newId('replaced'));
    const released: string[] = [];
    vi.spyOn(getSessionLockManager(), 'acquireLock').mockImplementation((sessionId) =>
      Promise.resolve(() => {
        released.push(sessionId);
      }),
    );
    await concurrency.synchronizedUpdate(() => {});
    await concurrency.recordAccess();
    expect(released).toEqual([concurrency.sessionId, concurrency.sessionId]);
    expect(concurrency.version).toBe(2);
    expect(concurrency.accessCount).toBe(1);
  });

  it('a version conflict says what it expected and what it got, as the old one did, and changes nothing', async () => {
    const concurrency = new SessionConcurrency(newId('conflict'));
    await concurrency.synchronizedUpdate(() => {});
    await expect(concurrency.synchronizedUpdate(() => {}, 0)).rejects.toThrow(/^Version conflict: expected 0, got 1/);
    await expect(concurrency.synchronizedUpdate(() => {}, Number.NaN)).rejects.toThrow(/expected NaN, got 1/);
    expect(concurrency.version).toBe(1);
  });
});

describe('the access bookkeeping old code assigned', () => {
  it('version, accessCount and lastAccessed can be assigned on SessionConcurrency and on the record, without a version bump', () => {
    useFakeDate();
    const sessionId = newId('assign');
    const record = new ContextSwitcherSession(sessionId, new Date());
    const concurrency = new SessionConcurrency(sessionId);
    concurrency.version = 15;
    concurrency.accessCount = 10;
    concurrency.lastAccessed = new Date('2023-06-15T12:30:45Z');
    expect(concurrency.getAccessStats()).toEqual({
      session_id: sessionId,
      access_count: 10,
      last_accessed: '2023-06-15T12:30:45+00:00',
      version: 15,
    });
    // One session behind both: the record shows the same, and assigning on it works too.
    expect([record.version, record.accessCount]).toEqual([15, 10]);
    record.version = 0;
    record.accessCount = 200;
    record.lastAccessed = new Date('2024-01-01T00:00:00Z');
    expect([concurrency.version, concurrency.accessCount, concurrency.lastAccessed.toISOString()]).toEqual([0, 200, '2024-01-01T00:00:00.000Z']);
  });

  it('a bad value throws SessionError naming the field and changes nothing', () => {
    const concurrency = new SessionConcurrency(newId('assign-bad'));
    for (const [assign, field] of [
      [() => (concurrency.version = -1), 'version'],
      [() => (concurrency.accessCount = 1.5), 'accessCount'],
      [() => (concurrency.lastAccessed = new Date(Number.NaN)), 'lastAccessed'],
    ] as const) {
      expect(assign).toThrow(SessionError);
      expect(assign).toThrow(field);
    }
    expect([concurrency.version, concurrency.accessCount]).toEqual([0, 0]);
  });
});
