import { describe, expect, it } from 'vitest';
import type { ContextSwitcherSessionLike, LegacyContractSubject, SessionManagerLike } from './subject.js';
import { HOUR_MS, MINUTE_MS, advanceTime, epochOf, uniqueSessionId } from './support.js';

export function describeManager(impl: LegacyContractSubject): void {
  const newSession = (topic: string | null = null): ContextSwitcherSessionLike =>
    new impl.ContextSwitcherSession(uniqueSessionId('manager'), new Date(), { topic });

  /** A manager with `count` fresh sessions in it. */
  const managerWith = async (
    count: number,
    options: { maxSessions?: number; sessionTtlHours?: number } = {},
  ): Promise<{ manager: SessionManagerLike; sessions: ContextSwitcherSessionLike[] }> => {
    const manager = new impl.SessionManager({ maxSessions: 10, sessionTtlHours: 1, ...options });
    const sessions: ContextSwitcherSessionLike[] = [];
    for (let index = 0; index < count; index += 1) {
      const session = newSession(`topic ${index}`);
      expect(await manager.addSession(session)).toBe(true);
      sessions.push(session);
    }
    return { manager, sessions };
  };

  describe('SessionManager', () => {
    it('stores sessions and gives back the same object; unknown ids give null', async () => {
      const { manager, sessions } = await managerWith(2);
      const [first] = sessions;
      expect(await manager.getSession(first?.sessionId ?? '')).toBe(first);
      expect(await manager.getSession(uniqueSessionId('unknown'))).toBeNull();
    });

    it('addSession returns false at capacity and leaves the pool as it was', async () => {
      const { manager, sessions } = await managerWith(2, { maxSessions: 2 });
      const extra = newSession();
      expect(await manager.addSession(extra)).toBe(false);
      expect(await manager.getSession(extra.sessionId)).toBeNull();
      expect(Object.keys(await manager.listActiveSessions()).sort()).toEqual(sessions.map((session) => session.sessionId).sort());
    });

    it('addSession at capacity first drops expired sessions to make room', async () => {
      const { manager, sessions } = await managerWith(2, { maxSessions: 2, sessionTtlHours: 1 });
      advanceTime(HOUR_MS + 1);
      const fresh = newSession();
      expect(await manager.addSession(fresh)).toBe(true);
      expect(Object.keys(await manager.listActiveSessions())).toEqual([fresh.sessionId]);
      for (const expired of sessions) expect(await manager.getSession(expired.sessionId)).toBeNull();
    });

    it('expires sessions by creation time: access does not extend their life', async () => {
      const { manager, sessions } = await managerWith(1, { sessionTtlHours: 1 });
      const [session] = sessions as [ContextSwitcherSessionLike];
      advanceTime(59 * MINUTE_MS);
      await session.recordAccess('still_here');
      expect(manager._isExpired(session)).toBe(false);
      expect(await manager.getSession(session.sessionId)).toBe(session);
      advanceTime(MINUTE_MS + 1);
      expect(manager._isExpired(session)).toBe(true);
      expect(await manager.getSession(session.sessionId)).toBeNull();
      expect((await manager.getStats()).active_sessions).toBe(0);
    });

    it('_isExpired judges any session against the TTL, stored or not', () => {
      const manager = new impl.SessionManager({ sessionTtlHours: 2 });
      const young = new impl.ContextSwitcherSession(uniqueSessionId('manager'), new Date(Date.now() - HOUR_MS));
      const old = new impl.ContextSwitcherSession(uniqueSessionId('manager'), new Date(Date.now() - 3 * HOUR_MS));
      expect(manager._isExpired(young)).toBe(false);
      expect(manager._isExpired(old)).toBe(true);
    });

    it('getSessionAtomic returns the session with its current version, or [null, -1]', async () => {
      const { manager, sessions } = await managerWith(1);
      const [session] = sessions as [ContextSwitcherSessionLike];
      const [found, version] = await manager.getSessionAtomic(session.sessionId);
      expect(found).toBe(session);
      expect(version).toBe(session.version);
      await session.recordAccess('tool');
      expect((await manager.getSessionAtomic(session.sessionId))[1]).toBe(version + 1);

      expect(await manager.getSessionAtomic(uniqueSessionId('unknown'))).toEqual([null, -1]);
      advanceTime(HOUR_MS + 1);
      expect(await manager.getSessionAtomic(session.sessionId)).toEqual([null, -1]);
    });

    it('validateSessionVersion is true only for a live session at that version', async () => {
      const { manager, sessions } = await managerWith(1);
      const [session] = sessions as [ContextSwitcherSessionLike];
      const [, version] = await manager.getSessionAtomic(session.sessionId);
      expect(await manager.validateSessionVersion(session.sessionId, version)).toBe(true);
      await session.recordAccess('tool');
      expect(await manager.validateSessionVersion(session.sessionId, version)).toBe(false);
      expect(await manager.validateSessionVersion(session.sessionId, version + 1)).toBe(true);
      expect(await manager.validateSessionVersion(uniqueSessionId('unknown'), 0)).toBe(false);
      advanceTime(HOUR_MS + 1);
      expect(await manager.validateSessionVersion(session.sessionId, version + 1)).toBe(false);
    });

    it('removeSession is true once, then false', async () => {
      const { manager, sessions } = await managerWith(1);
      const [session] = sessions as [ContextSwitcherSessionLike];
      expect(await manager.removeSession(session.sessionId)).toBe(true);
      expect(await manager.removeSession(session.sessionId)).toBe(false);
      expect(await manager.getSession(session.sessionId)).toBeNull();
    });

    it('listActiveSessions returns a copy keyed by id, without expired sessions', async () => {
      const { manager, sessions } = await managerWith(1);
      advanceTime(30 * MINUTE_MS);
      const young = newSession();
      await manager.addSession(young);
      advanceTime(31 * MINUTE_MS);
      const active = await manager.listActiveSessions();
      expect(Object.keys(active)).toEqual([young.sessionId]);
      expect(active[young.sessionId]).toBe(young);
      delete active[young.sessionId];
      expect(await manager.getSession(young.sessionId)).toBe(young);
      expect(await manager.getSession(sessions[0]?.sessionId ?? '')).toBeNull();
    });

    it('cleanupExpiredSessions removes expired sessions and says how many', async () => {
      const { manager } = await managerWith(3);
      advanceTime(30 * MINUTE_MS);
      const young = newSession();
      await manager.addSession(young);
      expect(await manager.cleanupExpiredSessions()).toBe(0);
      advanceTime(31 * MINUTE_MS);
      expect(await manager.cleanupExpiredSessions()).toBe(3);
      expect(Object.keys(await manager.listActiveSessions())).toEqual([young.sessionId]);
    });

    it('getStats reports counts, limits, oldest and newest creation time and capacity used', async () => {
      const manager = new impl.SessionManager({ maxSessions: 8, sessionTtlHours: 2 });
      expect(await manager.getStats()).toEqual({
        active_sessions: 0,
        max_sessions: 8,
        session_ttl_hours: 2,
        oldest_session: null,
        newest_session: null,
        capacity_used: '0.0%',
      });
      const oldest = newSession();
      await manager.addSession(oldest);
      advanceTime(MINUTE_MS);
      const newest = newSession();
      await manager.addSession(newest);
      const stats = await manager.getStats();
      expect(stats).toMatchObject({ active_sessions: 2, max_sessions: 8, session_ttl_hours: 2, capacity_used: '25.0%' });
      expect(epochOf(stats.oldest_session ?? '')).toBe(oldest.createdAt.getTime());
      expect(epochOf(stats.newest_session ?? '')).toBe(newest.createdAt.getTime());
    });

    it('takes its defaults from the configuration', async () => {
      const config = impl.getConfig();
      const stats = await new impl.SessionManager().getStats();
      expect(stats.max_sessions).toBe(config.maxActiveSessions);
      expect(stats.session_ttl_hours).toBe(config.defaultTtlHours);
    });

    it('getMostRecentSession returns the newest session, or null when empty', async () => {
      const manager = new impl.SessionManager({ maxSessions: 5 });
      expect(await manager.getMostRecentSession()).toBeNull();
      const older = newSession();
      await manager.addSession(older);
      advanceTime(1000);
      const newer = newSession();
      await manager.addSession(newer);
      expect(await manager.getMostRecentSession()).toBe(newer);
      await manager.removeSession(newer.sessionId);
      expect(await manager.getMostRecentSession()).toBe(older);
    });

    it('sessionContext opens a session for the callback and always removes it', async () => {
      const manager = new impl.SessionManager({ maxSessions: 5 });
      const sessionId = uniqueSessionId('context');
      const result = await manager.sessionContext(sessionId, 'Temporary', async (session) => {
        expect(session.sessionId).toBe(sessionId);
        expect(session.topic).toBe('Temporary');
        expect(await manager.getSession(sessionId)).toBe(session);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await manager.getSession(sessionId)).toBeNull();

      const failure = new Error('callback failed');
      await expect(
        manager.sessionContext(sessionId, null, () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await manager.getSession(sessionId)).toBeNull();
    });

    it('sessionContext rejects with SessionError when the pool is full', async () => {
      const { manager } = await managerWith(1, { maxSessions: 1 });
      let ran = false;
      await expect(
        manager.sessionContext(uniqueSessionId('context'), null, () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(impl.SessionError);
      expect(ran).toBe(false);
    });

    it('starts and stops its cleanup task idempotently', async () => {
      const manager = new impl.SessionManager({ cleanupIntervalMinutes: 1 });
      for (const step of ['start', 'start', 'stop', 'stop', 'start', 'stop'] as const) {
        await expect(step === 'start' ? manager.startCleanupTask() : manager.stopCleanupTask()).resolves.toBeUndefined();
      }
    });
  });
}
