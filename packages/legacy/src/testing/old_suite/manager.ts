/**
 * The old suite's race-condition tests of `SessionManager` and the session
 * record. "No longer in the manager's sessions" is read from `getStats()`,
 * which counts the pool without sweeping it (the old tests read the pool's dict).
 */
import { describe, expect } from 'vitest';
import type { ContextSwitcherSessionLike, SessionManagerLike } from '../contract/subject.js';
import { HOUR_MS, sessionId, sleep, type SuiteContext } from './support.js';

export function describeManager({ impl, test }: SuiteContext): void {
  const newManager = (): SessionManagerLike => new impl.SessionManager({ maxSessions: 10, sessionTtlHours: 1 });
  const session = (oldId: string, topic: string, ageMs = 0): ContextSwitcherSessionLike =>
    new impl.ContextSwitcherSession(sessionId(oldId), new Date(Date.now() - ageMs), { topic });
  const fresh = () => session('test-session-123', 'Test Session');
  const expired = () => session('expired-session-123', 'Expired Session', 2 * HOUR_MS);
  const held = async (manager: SessionManagerLike): Promise<number> => (await manager.getStats()).active_sessions;

  describe('SessionManager basics', () => {
    test('a session added can be got back', async () => {
      const manager = newManager();
      const subject = fresh();
      expect(await manager.addSession(subject)).toBe(true);
      const found = await manager.getSession(subject.sessionId);
      expect(found).not.toBeNull();
      expect(found?.sessionId).toBe(subject.sessionId);
    });

    test('getting an expired session gives nothing and removes it', async () => {
      const manager = newManager();
      const subject = expired();
      await manager.addSession(subject);
      expect(await manager.getSession(subject.sessionId)).toBeNull();
      expect(await held(manager)).toBe(0);
    });

    test('concurrent recordAccess calls on a record are all counted', async () => {
      const subject = session('test-session', 'Concurrent Test');
      const before = subject.accessCount;
      await Promise.all(Array.from({ length: 5 }, (_, index) => subject.recordAccess(`tool_${index}`)));
      expect(subject.accessCount).toBe(before + 5);
    });

    test('getSessionAtomic returns the session with its version', async () => {
      const manager = newManager();
      const subject = session('atomic-test', 'Atomic Test');
      await manager.addSession(subject);
      const [found, version] = await manager.getSessionAtomic(subject.sessionId);
      expect(found?.sessionId).toBe(subject.sessionId);
      expect(version).toBe(subject.version);
    });

    test('validateSessionVersion is true only for the current version', async () => {
      const manager = newManager();
      const subject = session('version-test', 'Version Test');
      await manager.addSession(subject);
      const current = subject.version;
      expect(await manager.validateSessionVersion(subject.sessionId, current)).toBe(true);
      expect(await manager.validateSessionVersion(subject.sessionId, current + 999)).toBe(false);
    });
  });

  describe('SessionManager race conditions', () => {
    test('concurrent gets of one session all find it', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const results = await Promise.all(Array.from({ length: 10 }, () => manager.getSession(subject.sessionId)));
      expect(results.every((result) => result?.sessionId === subject.sessionId)).toBe(true);
    });

    test('concurrent gets of an expired session all find nothing, and it is removed', async () => {
      const manager = newManager();
      const subject = expired();
      await manager.addSession(subject);
      const results = await Promise.all(Array.from({ length: 10 }, () => manager.getSession(subject.sessionId)));
      expect(results.every((result) => result === null)).toBe(true);
      expect(await held(manager)).toBe(0);
    });

    test('of concurrent removals of one session exactly one succeeds', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const results = await Promise.all(Array.from({ length: 5 }, () => manager.removeSession(subject.sessionId)));
      expect(results.filter((removed) => removed)).toHaveLength(1);
      expect(results.filter((removed) => !removed)).toHaveLength(4);
    });

    test('recordAccess bumps the version of a pooled session', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const before = subject.version;
      await subject.recordAccess('test_tool');
      expect(subject.version).toBe(before + 1);
    });

    test('concurrent recordAccess calls on a pooled session are all counted', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const before = subject.accessCount;
      await Promise.all(Array.from({ length: 20 }, () => subject.recordAccess('test_tool')));
      expect(subject.accessCount).toBe(before + 20);
    });

    test('getSessionAtomic gives the version for optimistic locking', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const [found, version] = await manager.getSessionAtomic(subject.sessionId);
      expect(found?.sessionId).toBe(subject.sessionId);
      expect(version).toBe(subject.version);
    });

    test('getSessionAtomic of an expired session gives [null, -1] and removes it', async () => {
      const manager = newManager();
      const subject = expired();
      await manager.addSession(subject);
      expect(await manager.getSessionAtomic(subject.sessionId)).toEqual([null, -1]);
      expect(await held(manager)).toBe(0);
    });

    test('validateSessionVersion of a pooled session', async () => {
      const manager = newManager();
      const subject = fresh();
      await manager.addSession(subject);
      const current = subject.version;
      expect(await manager.validateSessionVersion(subject.sessionId, current)).toBe(true);
      expect(await manager.validateSessionVersion(subject.sessionId, current + 999)).toBe(false);
    });

    test('an expiry sweep running beside a get keeps the live session and drops the expired one', async () => {
      const manager = newManager();
      const regular = session('regular-session', 'Regular Session');
      const old = session('expired-session', 'Expired Session', 2 * HOUR_MS);
      await manager.addSession(regular);
      await manager.addSession(old);
      const [found] = await Promise.all([manager.getSession(regular.sessionId), manager.cleanupExpiredSessions()]);
      expect(found?.sessionId).toBe(regular.sessionId);
      expect(await held(manager)).toBe(1);
      expect(await manager.getSession(old.sessionId)).toBeNull();
    });

    test('removing a session releases its resources once', async () => {
      const released: string[] = [];
      class Tracking extends impl.SessionManager {
        protected async _cleanupSessionResources(id: string): Promise<void> {
          released.push(id);
        }
      }
      const manager = new Tracking({ maxSessions: 10, sessionTtlHours: 1 });
      const subject = fresh();
      await manager.addSession(subject);
      await manager.removeSession(subject.sessionId);
      expect(released).toEqual([subject.sessionId]);
    });

    test('a failing resource release does not keep the session', async () => {
      class Failing extends impl.SessionManager {
        protected async _cleanupSessionResources(): Promise<void> {
          throw new Error('Cleanup failed');
        }
      }
      const manager = new Failing({ maxSessions: 10, sessionTtlHours: 1 });
      const subject = fresh();
      await manager.addSession(subject);
      expect(await manager.removeSession(subject.sessionId)).toBe(true);
      expect(await held(manager)).toBe(0);
    });

    test('adds racing an expiry sweep leave exactly the live sessions', async () => {
      const manager = newManager();
      const sessions = Array.from({ length: 10 }, (_, index) => session(`session-${index}`, `Session ${index}`, index % 2 === 0 ? 0 : 2 * HOUR_MS));
      const live = new Set(sessions.filter((_, index) => index % 2 === 0).map((each) => each.sessionId));
      const addAll = async (): Promise<void> => {
        for (const each of sessions) await manager.addSession(each);
      };
      const sweep = async (): Promise<void> => {
        await sleep(10);
        await manager.cleanupExpiredSessions();
      };
      await Promise.all([addAll(), sweep()]);
      const remaining = await manager.listActiveSessions();
      expect(new Set(Object.keys(remaining))).toEqual(live);
    });
  });
}
