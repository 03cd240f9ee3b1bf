/**
 * The old suite's tests of `SessionConcurrency`. The old tests swapped in a
 * stand-in lock manager to see which locks were taken; here the real
 * process-wide lock manager is watched (`vi.spyOn` calls through), and made to
 * fail only where a test is about that failure.
 */
import { describe, expect, vi } from 'vitest';
import { advance, captureDebug, sessionId, sleep, utc, type SuiteContext } from './support.js';

export function describeConcurrency({ impl, test }: SuiteContext): void {
  const watchAcquire = () => vi.spyOn(impl.getSessionLockManager(), 'acquireLock');

  describe('SessionConcurrency', () => {
    test('starts with no accesses, version 0 and a last-access time', () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      expect(concurrency.sessionId).toBe(id);
      expect(concurrency.accessCount).toBe(0);
      expect(concurrency.version).toBe(0);
      expect(concurrency.lastAccessed).toBeInstanceOf(Date);
      expect(concurrency.lastAccessed.getTime()).toBe(Date.now());
    });

    test('takes its lock from the process-wide lock manager', async () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      const acquire = watchAcquire();
      await concurrency.recordAccess();
      expect(acquire).toHaveBeenCalledOnce();
      expect(acquire).toHaveBeenCalledWith(id);
    });

    test('recordAccess counts the access, bumps the version and stamps the time, under the session’s lock', async () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      const acquire = watchAcquire();
      const before = { count: concurrency.accessCount, version: concurrency.version, time: concurrency.lastAccessed };
      advance(1);
      await concurrency.recordAccess();
      expect(concurrency.accessCount).toBe(before.count + 1);
      expect(concurrency.version).toBe(before.version + 1);
      expect(concurrency.lastAccessed.getTime()).toBeGreaterThan(before.time.getTime());
      expect(acquire).toHaveBeenCalledOnce();
      expect(acquire).toHaveBeenCalledWith(id);
    });

    test('recordAccess with a tool name logs it', async () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      const lines = captureDebug(impl);
      await concurrency.recordAccess('test_tool');
      expect(lines.filter((line) => line.includes('accessed tool'))).toEqual([`Session ${id} accessed tool: test_tool`]);
    });

    test('concurrent recordAccess calls each take the lock and are all counted', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('test-session-123'));
      const acquire = watchAcquire();
      await Promise.all(Array.from({ length: 5 }, (_, index) => concurrency.recordAccess(`tool_${index}`)));
      expect(concurrency.accessCount).toBe(5);
      expect(concurrency.version).toBe(5);
      expect(acquire).toHaveBeenCalledTimes(5);
    });

    test('checkVersionConflict is true exactly when the version differs', () => {
      const concurrency = new impl.SessionConcurrency(sessionId('test-session-123'));
      expect(concurrency.checkVersionConflict(0)).toBe(false);
      concurrency.version = 5;
      expect(concurrency.checkVersionConflict(5)).toBe(false);
      expect(concurrency.checkVersionConflict(4)).toBe(true);
      expect(concurrency.checkVersionConflict(6)).toBe(true);
    });

    test('getAccessStats reports id, count, version and the last access in Python isoformat', () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      concurrency.accessCount = 10;
      concurrency.version = 15;
      concurrency.lastAccessed = utc(2023, 6, 15, 12, 30, 45);
      const stats = concurrency.getAccessStats();
      expect(stats.session_id).toBe(id);
      expect(stats.access_count).toBe(10);
      expect(stats.version).toBe(15);
      expect(stats.last_accessed).toBe('2023-06-15T12:30:45+00:00');
    });

    test('synchronizedUpdate runs a synchronous function under the lock and bumps version and time', async () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      const acquire = watchAcquire();
      const value = { counter: 0 };
      const before = { version: concurrency.version, time: concurrency.lastAccessed };
      advance(1);
      await concurrency.synchronizedUpdate(() => {
        value.counter += 1;
      });
      expect(value.counter).toBe(1);
      expect(concurrency.version).toBe(before.version + 1);
      expect(concurrency.lastAccessed.getTime()).toBeGreaterThan(before.time.getTime());
      expect(acquire).toHaveBeenCalledOnce();
      expect(acquire).toHaveBeenCalledWith(id);
    });

    test('synchronizedUpdate awaits an asynchronous function', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('test-session-123'));
      const value = { counter: 0 };
      await concurrency.synchronizedUpdate(async () => {
        value.counter += 1;
        await sleep(10);
      });
      expect(value.counter).toBe(1);
      expect(concurrency.version).toBe(1);
    });

    test('synchronizedUpdate with the current expected version succeeds', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('test-session-123'));
      concurrency.version = 5;
      await concurrency.synchronizedUpdate(() => {}, 5);
      expect(concurrency.version).toBe(6);
    });

    test('synchronizedUpdate with a stale expected version rejects and changes nothing', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('test-session-123'));
      concurrency.version = 5;
      const attempt = concurrency.synchronizedUpdate(() => {}, 3);
      // The old code raised ValueError; the port raises its own ConcurrencyError, with the same message.
      await expect(attempt).rejects.toBeInstanceOf(impl.ConcurrencyError);
      await expect(attempt).rejects.toThrow(/Version conflict: expected 3, got 5/);
      expect(concurrency.version).toBe(5);
    });

    test('cleanup removes the session’s lock from the lock manager and logs it', () => {
      const id = sessionId('test-session-123');
      const concurrency = new impl.SessionConcurrency(id);
      const remove = vi.spyOn(impl.getSessionLockManager(), 'removeLock');
      const lines = captureDebug(impl);
      concurrency.cleanup();
      expect(remove).toHaveBeenCalledOnce();
      expect(remove).toHaveBeenCalledWith(id);
      expect(lines.filter((line) => line.includes('Cleaned up'))).toEqual([`Cleaned up concurrency resources for session ${id}`]);
    });
  });

  describe('SessionConcurrency under concurrent use', () => {
    test('accesses and updates run concurrently, each under the lock; only accesses are counted', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('integration-test'));
      const acquire = watchAcquire();
      const counters = { sync: 0, async: 0 };
      await Promise.all([
        ...Array.from({ length: 3 }, (_, index) => concurrency.recordAccess(`tool_${index}`)),
        concurrency.synchronizedUpdate(() => {
          counters.sync += 1;
        }),
        concurrency.synchronizedUpdate(async () => {
          counters.async += 1;
        }),
      ]);
      expect(concurrency.accessCount).toBe(3);
      expect(concurrency.version).toBe(5);
      expect(counters).toEqual({ sync: 1, async: 1 });
      expect(acquire).toHaveBeenCalledTimes(5);
    });

    test('createSessionConcurrency makes a fresh SessionConcurrency', () => {
      const id = sessionId('factory-test-session');
      const concurrency = impl.createSessionConcurrency(id);
      expect(concurrency).toBeInstanceOf(impl.SessionConcurrency);
      expect(concurrency.sessionId).toBe(id);
      expect(concurrency.accessCount).toBe(0);
      expect(concurrency.version).toBe(0);
    });

    test('a lock-manager failure propagates out of recordAccess', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('error-test'));
      watchAcquire().mockRejectedValueOnce(new Error('Lock acquisition failed'));
      await expect(concurrency.recordAccess()).rejects.toThrow('Lock acquisition failed');
      expect(concurrency.accessCount).toBe(0);
    });

    test('an update function’s error propagates and the version stays', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('error-test'));
      await expect(
        concurrency.synchronizedUpdate(() => {
          throw new Error('Update function failed');
        }),
      ).rejects.toThrow('Update function failed');
      expect(concurrency.version).toBe(0);
    });

    test('the version stays consistent under many concurrent accesses', async () => {
      const concurrency = new impl.SessionConcurrency(sessionId('thread-safety-test'));
      await Promise.all(Array.from({ length: 20 }, (_, index) => concurrency.recordAccess(`concurrent_tool_${index}`)));
      expect(concurrency.version).toBe(20);
      expect(concurrency.accessCount).toBe(20);
    });
  });
}
