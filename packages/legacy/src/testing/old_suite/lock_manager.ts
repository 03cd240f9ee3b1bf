/**
 * The old suite's tests of the centralized lock manager, and of the session
 * record taking its lock from it instead of keeping one of its own.
 */
import { Mutex } from 'async-mutex';
import { describe, expect, vi } from 'vitest';
import { sessionId, settle, sleep, type SuiteContext } from './support.js';

export function describeLockManager({ impl, test, notPortable }: SuiteContext): void {
  describe('SessionLockManager', () => {
    test('getLock creates the session’s lock, an async-mutex Mutex, and returns the same one again', () => {
      const manager = new impl.SessionLockManager();
      const id = sessionId('test-session-1');
      const lock = manager.getLock(id);
      expect(lock).toBeInstanceOf(Mutex);
      expect(manager.getLock(id)).toBe(lock);
    });

    notPortable(
      'getLock returns None without a running event loop',
      'a JavaScript program always runs on its event loop, so there is no context in which a lock cannot be made',
    );

    test('acquireLock holds the lock until its release function is called', async () => {
      const manager = new impl.SessionLockManager();
      const id = sessionId('test-session-3');
      const release = await manager.acquireLock(id);
      expect(manager.getLock(id).isLocked()).toBe(true);
      release();
      expect(manager.getLock(id).isLocked()).toBe(false);
    });

    test('different sessions have independent locks', () => {
      const manager = new impl.SessionLockManager();
      const first = manager.getLock(sessionId('test-session-4'));
      const second = manager.getLock(sessionId('test-session-5'));
      expect(first).toBeInstanceOf(Mutex);
      expect(second).toBeInstanceOf(Mutex);
      expect(first).not.toBe(second);
    });

    test('concurrent critical sections on one session never interleave', async () => {
      const manager = new impl.SessionLockManager();
      const id = sessionId('test-session-6');
      let counter = 0;
      const increment = async (): Promise<void> => {
        const release = await manager.acquireLock(id);
        try {
          const read = counter;
          await sleep(10);
          counter = read + 1;
        } finally {
          release();
        }
      };
      await Promise.all(Array.from({ length: 10 }, increment));
      expect(counter).toBe(10);
    });

    test('removeLock makes the next getLock create a new lock', () => {
      const manager = new impl.SessionLockManager();
      const id = sessionId('test-session-7');
      const first = manager.getLock(id);
      manager.removeLock(id);
      const second = manager.getLock(id);
      expect(second).toBeInstanceOf(Mutex);
      expect(second).not.toBe(first);
    });

    test('clearAll forgets every lock', () => {
      const manager = new impl.SessionLockManager();
      const ids = Array.from({ length: 5 }, (_, index) => sessionId(`session-${index}`));
      const before = ids.map((id) => manager.getLock(id));
      manager.clearAll();
      ids.forEach((id, index) => {
        const lock = manager.getLock(id);
        expect(lock).toBeInstanceOf(Mutex);
        expect(lock).not.toBe(before[index]);
      });
    });

    test('getSessionLockManager returns one process-wide instance', () => {
      expect(impl.getSessionLockManager()).toBe(impl.getSessionLockManager());
    });

    notPortable(
      'the lock context works when getLock hands out no lock',
      'getLock hands out no lock only outside an event loop, which a JavaScript program never is',
    );
  });

  describe('the session record and the centralized lock manager', () => {
    test('a session record keeps no lock state of its own', async () => {
      const id = sessionId('test-123');
      const session = new impl.ContextSwitcherSession(id, new Date());
      for (const name of ['_lockInitialized', '_accessLock', '_initializationLock']) {
        expect(name in session).toBe(false);
      }
      // Its lock is the lock manager's: while that is held, recordAccess waits.
      const release = await impl.getSessionLockManager().acquireLock(id);
      const access = session.recordAccess('test_tool');
      await settle();
      expect(session.accessCount).toBe(0);
      release();
      await access;
      expect(session.accessCount).toBe(1);
    });

    test('recordAccess goes through the centralized lock manager', async () => {
      const id = sessionId('test-456');
      const session = new impl.ContextSwitcherSession(id, new Date());
      const acquire = vi.spyOn(impl.getSessionLockManager(), 'acquireLock');
      await session.recordAccess('test_tool');
      expect(session.accessCount).toBe(1);
      expect(session.version).toBe(1);
      expect(acquire).toHaveBeenCalledWith(id);
      expect(impl.getSessionLockManager().getLock(id)).toBeInstanceOf(Mutex);
    });

    test('100 concurrent recordAccess calls are all counted', async () => {
      const session = new impl.ContextSwitcherSession(sessionId('test-789'), new Date());
      await Promise.all(Array.from({ length: 100 }, (_, index) => session.recordAccess(`tool_${index}`)));
      expect(session.accessCount).toBe(100);
      expect(session.version).toBe(100);
    });

    test('two session records use independent locks', async () => {
      const first = new impl.ContextSwitcherSession(sessionId('session-1'), new Date());
      const second = new impl.ContextSwitcherSession(sessionId('session-2'), new Date());
      await first.recordAccess('tool1');
      await second.recordAccess('tool2');
      expect(first.accessCount).toBe(1);
      expect(second.accessCount).toBe(1);
      const lockManager = impl.getSessionLockManager();
      const firstLock = lockManager.getLock(first.sessionId);
      const secondLock = lockManager.getLock(second.sessionId);
      expect(firstLock).toBeInstanceOf(Mutex);
      expect(secondLock).toBeInstanceOf(Mutex);
      expect(firstLock).not.toBe(secondLock);
    });

    test('removing a used session’s lock makes the next getLock create a new one', async () => {
      const session = new impl.ContextSwitcherSession(sessionId('test-cleanup'), new Date());
      await session.recordAccess('test_tool');
      const lockManager = impl.getSessionLockManager();
      const lock = lockManager.getLock(session.sessionId);
      expect(lock).toBeInstanceOf(Mutex);
      lockManager.removeLock(session.sessionId);
      const next = lockManager.getLock(session.sessionId);
      expect(next).toBeInstanceOf(Mutex);
      expect(next).not.toBe(lock);
    });
  });
}
