import { describe, expect, it } from 'vitest';
import type { LegacyContractSubject } from './subject.js';
import { advanceTime, epochOf, gate, settle, uniqueSessionId } from './support.js';

export function describeConcurrency(impl: LegacyContractSubject): void {
  describe('SessionConcurrency', () => {
    it('starts at access count 0 and version 0; the factory builds the same', () => {
      const sessionId = uniqueSessionId('concurrency');
      for (const concurrency of [new impl.SessionConcurrency(sessionId), impl.createSessionConcurrency(sessionId)]) {
        expect(concurrency).toMatchObject({ sessionId, accessCount: 0, version: 0 });
        expect(concurrency.lastAccessed.getTime()).toBe(Date.now());
      }
    });

    it('recordAccess bumps access count and version, with or without a tool name', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      advanceTime(1000);
      await concurrency.recordAccess('test_tool');
      await concurrency.recordAccess();
      expect(concurrency).toMatchObject({ accessCount: 2, version: 2 });
      expect(concurrency.lastAccessed.getTime()).toBe(Date.now());
    });

    it('checkVersionConflict is true exactly when the version differs', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      expect(concurrency.checkVersionConflict(0)).toBe(false);
      await concurrency.synchronizedUpdate(() => {});
      expect(concurrency.checkVersionConflict(1)).toBe(false);
      expect(concurrency.checkVersionConflict(0)).toBe(true);
      expect(concurrency.checkVersionConflict(2)).toBe(true);
    });

    it('reports access stats', async () => {
      const sessionId = uniqueSessionId('concurrency');
      const concurrency = new impl.SessionConcurrency(sessionId);
      await concurrency.recordAccess('a');
      const stats = concurrency.getAccessStats();
      expect(stats).toEqual({ session_id: sessionId, access_count: 1, last_accessed: expect.any(String), version: 1 });
      expect(epochOf(stats.last_accessed)).toBe(Date.now());
    });

    it('synchronizedUpdate runs sync and async functions and bumps the version once each', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      const calls: string[] = [];
      await concurrency.synchronizedUpdate(() => {
        calls.push('sync');
      });
      await concurrency.synchronizedUpdate(async () => {
        await Promise.resolve();
        calls.push('async');
      }, 1);
      expect(calls).toEqual(['sync', 'async']);
      expect(concurrency.version).toBe(2);
      expect(concurrency.accessCount).toBe(0);
    });

    it('a stale expected version throws ConcurrencyError before the update runs', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      await concurrency.synchronizedUpdate(() => {});
      await concurrency.synchronizedUpdate(() => {});
      let ran = false;
      const attempt = concurrency.synchronizedUpdate(() => {
        ran = true;
      }, 0);
      await expect(attempt).rejects.toBeInstanceOf(impl.ConcurrencyError);
      await expect(attempt).rejects.toBeInstanceOf(impl.SessionError);
      await expect(attempt).rejects.toThrow(/expected 0.*2|2.*expected 0/i);
      expect(ran).toBe(false);
      expect(concurrency.version).toBe(2);
    });

    it('a throwing update propagates, leaves the version and releases the lock', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      const failure = new Error('Update function failed');
      await expect(
        concurrency.synchronizedUpdate(() => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(concurrency.version).toBe(0);
      await concurrency.synchronizedUpdate(() => {});
      expect(concurrency.version).toBe(1);
    });

    it('serializes concurrent updates: no read-modify-write is lost', async () => {
      const concurrency = new impl.SessionConcurrency(uniqueSessionId('concurrency'));
      let counter = 0;
      await Promise.all(
        Array.from({ length: 20 }, () =>
          concurrency.synchronizedUpdate(async () => {
            const read = counter;
            await settle();
            counter = read + 1;
          }),
        ),
      );
      expect(counter).toBe(20);
      expect(concurrency.version).toBe(20);
    });

    it('shares the session lock of the global lock manager', async () => {
      const sessionId = uniqueSessionId('concurrency');
      const concurrency = new impl.SessionConcurrency(sessionId);
      const release = await impl.getSessionLockManager().acquireLock(sessionId);
      let updated = false;
      const update = concurrency.synchronizedUpdate(() => {
        updated = true;
      });
      await settle();
      expect(updated).toBe(false);
      release();
      await update;
      expect(updated).toBe(true);
    });

    it('cleanup drops the session lock from the global lock manager', () => {
      const sessionId = uniqueSessionId('concurrency');
      const lockManager = impl.getSessionLockManager();
      const before = lockManager.getLock(sessionId);
      impl.createSessionConcurrency(sessionId).cleanup();
      expect(lockManager.getLock(sessionId)).not.toBe(before);
    });
  });

  describe('SessionLockManager', () => {
    it('getSessionLockManager always returns the one global instance', () => {
      expect(impl.getSessionLockManager()).toBe(impl.getSessionLockManager());
      expect(impl.getSessionLockManager()).toBeInstanceOf(impl.SessionLockManager);
    });

    it('hands out one lock per session id', () => {
      const lockManager = new impl.SessionLockManager();
      const first = uniqueSessionId('lock');
      expect(lockManager.getLock(first)).toBe(lockManager.getLock(first));
      expect(lockManager.getLock(first)).not.toBe(lockManager.getLock(uniqueSessionId('lock')));
      expect(lockManager.getLock(first)).not.toBe(impl.getSessionLockManager().getLock(first));
    });

    it('two overlapping withLock calls on one id never interleave', async () => {
      const lockManager = new impl.SessionLockManager();
      const sessionId = uniqueSessionId('lock');
      const steps: string[] = [];
      const hold = gate();
      const first = lockManager.withLock(sessionId, async () => {
        steps.push('first:start');
        await hold.promise;
        steps.push('first:end');
      });
      const second = lockManager.withLock(sessionId, () => {
        steps.push('second:start');
        steps.push('second:end');
      });
      await settle();
      expect(steps).toEqual(['first:start']);
      hold.open();
      await Promise.all([first, second]);
      expect(steps).toEqual(['first:start', 'first:end', 'second:start', 'second:end']);
    });

    it('withLock on two ids runs them side by side', async () => {
      const lockManager = new impl.SessionLockManager();
      const steps: string[] = [];
      const hold = gate();
      const first = lockManager.withLock(uniqueSessionId('lock'), async () => {
        steps.push('a:start');
        await hold.promise;
        steps.push('a:end');
      });
      const second = lockManager.withLock(uniqueSessionId('lock'), () => {
        steps.push('b:done');
      });
      await second;
      expect(steps).toEqual(['a:start', 'b:done']);
      hold.open();
      await first;
      expect(steps).toEqual(['a:start', 'b:done', 'a:end']);
    });

    it('withLock returns the value of its function, or rejects with its error and frees the lock', async () => {
      const lockManager = new impl.SessionLockManager();
      const sessionId = uniqueSessionId('lock');
      await expect(lockManager.withLock(sessionId, () => 42)).resolves.toBe(42);
      await expect(lockManager.withLock(sessionId, async () => 'async')).resolves.toBe('async');
      const failure = new Error('inside the lock');
      await expect(
        lockManager.withLock(sessionId, () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      await expect(lockManager.withLock(sessionId, () => 'free again')).resolves.toBe('free again');
    });

    it('acquireLock resolves to a release function; the next acquirer waits for it', async () => {
      const lockManager = new impl.SessionLockManager();
      const sessionId = uniqueSessionId('lock');
      const release = await lockManager.acquireLock(sessionId);
      let acquiredSecond = false;
      const second = lockManager.acquireLock(sessionId).then((releaseSecond) => {
        acquiredSecond = true;
        return releaseSecond;
      });
      await settle();
      expect(acquiredSecond).toBe(false);
      release();
      const releaseSecond = await second;
      expect(acquiredSecond).toBe(true);
      releaseSecond();
    });

    it('removeLock and clearAll make the next getLock create a fresh lock', () => {
      const lockManager = new impl.SessionLockManager();
      const [a, b] = [uniqueSessionId('lock'), uniqueSessionId('lock')];
      const lockA = lockManager.getLock(a);
      const lockB = lockManager.getLock(b);
      lockManager.removeLock(a);
      expect(lockManager.getLock(a)).not.toBe(lockA);
      expect(lockManager.getLock(b)).toBe(lockB);
      lockManager.clearAll();
      expect(lockManager.getLock(b)).not.toBe(lockB);
      expect(() => lockManager.removeLock(uniqueSessionId('never-seen'))).not.toThrow();
    });
  });
}
