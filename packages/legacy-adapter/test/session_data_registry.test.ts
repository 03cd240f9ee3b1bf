/**
 * `getSessionData(id)`: the old registry first, then core's process-wide
 * pool, so old code and code already migrated to core share sessions. And
 * registry entries leave with their session.
 */
import { getSessionManager, initializeSessionManager, shutdownSessionManager } from '@sessionkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContextSwitcherSession, SessionData, SessionError, SessionManager, getSessionData, registerSessionData, toCoreSession } from '../src/index.js';
import { findInCorePool } from '../src/internal/core_pool.js';
import { HOUR_MS, T0, newId, thread, useFakeDate } from './support/fixtures.js';

beforeEach(useFakeDate);
afterEach(async () => {
  await shutdownSessionManager();
  vi.useRealTimers();
});

describe('getSessionData falls back to core’s process-wide pool', () => {
  it('finds a session created by core code, as a view of that very session', async () => {
    const sessionId = newId('core-made');
    const core = await getSessionManager().createSession(sessionId, { topic: 'Made by core', initialPerspectives: ['technical'] });
    const data = getSessionData(sessionId);
    expect(toCoreSession(data)).toBe(core);
    expect([data.topic, data.getThreadNames()]).toEqual(['Made by core', ['technical']]);

    data.addThread(thread('risk', sessionId));
    expect([...(await core.getAllThreads()).keys()]).toEqual(['technical', 'risk']);
    expect(getSessionData(sessionId)).toBe(data);
    expect((await getSessionManager().getStats()).total_threads).toBe(2);
  });

  it('follows core’s singleton when it is replaced, and prefers a registered SessionData', async () => {
    const sessionId = newId('replaced');
    await getSessionManager().createSession(sessionId);
    await initializeSessionManager({ maxSessions: 5 });
    expect(() => getSessionData(sessionId)).toThrow(SessionError);
    const fresh = await getSessionManager().createSession(sessionId);
    expect(toCoreSession(getSessionData(sessionId))).toBe(fresh);

    const registered = new SessionData(sessionId, new Date(T0.getTime() + 1));
    registerSessionData(registered);
    expect(getSessionData(sessionId)).toBe(registered);
  });

  it('does not find expired, removed or unknown sessions', async () => {
    const expiring = newId('expiring');
    const removed = newId('removed');
    await getSessionManager().createSession(expiring);
    await getSessionManager().createSession(removed);
    await getSessionManager().removeSession(removed);
    vi.setSystemTime(T0.getTime() + HOUR_MS + 1);
    for (const sessionId of [expiring, removed, newId('unknown'), 'not a session id!']) {
      expect(() => getSessionData(sessionId)).toThrow(sessionId);
    }
  });

  it('finds sessions of core’s process-wide pool by id', async () => {
    const sessionId = newId('pooled');
    const core = await getSessionManager().createSession(sessionId);
    expect(findInCorePool(sessionId)).toBe(core);
    expect(findInCorePool(newId('other'))).toBeUndefined();
  });
});

describe('the registry', () => {
  it('drops an entry when its session leaves the manager (the old registry kept it forever)', async () => {
    const manager = new SessionManager();
    const record = new ContextSwitcherSession(newId('pruned'), new Date());
    await manager.addSession(record);
    const data = new SessionData(record.sessionId, record.createdAt);
    registerSessionData(data);
    expect(getSessionData(record.sessionId)).toBe(data);
    await manager.removeSession(record.sessionId);
    expect(() => getSessionData(record.sessionId)).toThrow(SessionError);
  });

  it('keeps an entry whose session was never in a manager', () => {
    const data = new SessionData(newId('standalone'), new Date());
    registerSessionData(data);
    expect(getSessionData(data.sessionId)).toBe(data);
  });
});
