import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUILT_IN_PERSPECTIVES,
  generateSessionId,
  getSessionManager,
  initializeSessionManager,
  Session,
  SessionCapacityError,
  SessionCleanupError,
  SessionExistsError,
  SessionNotFoundError,
  SessionValidationError,
  shutdownSessionManager,
  SimpleSessionManager,
  type SessionManagerOptions,
} from '../src/index.js';
import { manualClock, recordingLogger } from './helpers.js';

const HOUR = 3_600_000;
const SECRET = 'manager-test-secret-0001';
const managerWith = (options: SessionManagerOptions = {}) => {
  const clock = manualClock();
  const manager = new SimpleSessionManager({ secretKey: SECRET, clock, logger: recordingLogger(), ...options });
  return { manager, clock };
};

describe('options', () => {
  it.each([
    [{ maxSessions: 0 }, 'maxSessions'],
    [{ maxSessions: 2.5 }, 'maxSessions'],
    [{ sessionTtlHours: -1 }, 'sessionTtlHours'],
    [{ sessionTtlHours: 0 }, 'sessionTtlHours'],
    [{ sessionTtlHours: Number.POSITIVE_INFINITY }, 'sessionTtlHours'],
    [{ cleanupIntervalSeconds: 0 }, 'cleanupIntervalSeconds'],
    [{ cleanupIntervalSeconds: 10 ** 9 }, 'cleanupIntervalSeconds'],
    [{ secretKeys: [] }, 'secretKeys'],
    [{ perspectives: { ok: 5 } }, 'perspectives.ok'],
    [{ maxSession: 10 }, 'maxSession'],
  ])('rejects %j naming %s', (options, field) => {
    expect(() => new SimpleSessionManager(options as SessionManagerOptions)).toThrow(SessionValidationError);
    expect(() => new SimpleSessionManager(options as SessionManagerOptions)).toThrow(field);
  });

  it('defaults to 50 sessions, 1 hour, 300 s', async () => {
    const stats = await new SimpleSessionManager({ secretKey: SECRET }).getStats();
    expect(stats).toMatchObject({ max_sessions: 50, session_ttl_hours: 1, cleanup_interval_seconds: 300 });
  });
});

describe('createSession', () => {
  it('creates a bound session at version 0 with its perspectives as threads', async () => {
    const { manager } = managerWith({ perspectives: { legal: 'You are a lawyer.' } });
    const session = await manager.createSession('s1', {
      topic: 'migrate?',
      initialPerspectives: ['technical', 'legal', 'astronomy'],
      modelBackend: 'ollama',
      modelName: 'llama3',
    });
    expect(session).toBeInstanceOf(Session);
    expect(session.version).toBe(0);
    const threads = await session.getAllThreads();
    expect([...threads.keys()]).toEqual(['technical', 'legal', 'astronomy']);
    expect(threads.get('technical')).toMatchObject({
      id: 's1_technical',
      systemPrompt: BUILT_IN_PERSPECTIVES.technical,
      modelBackend: 'ollama',
      modelName: 'llama3',
    });
    expect(threads.get('legal')?.systemPrompt).toBe('You are a lawyer.');
    expect(threads.get('astronomy')?.systemPrompt).toMatch(/^You are a astronomy expert\./);
    expect((await session.exportState()).client_binding?.signature_scheme).toBe('hmac-sha256');
    expect(session.topic).toBe('migrate?');
  });

  it('has no threads by default', async () => {
    const { manager } = managerWith();
    expect((await manager.createSession('s')).threadCount).toBe(0);
  });

  it('refuses a live duplicate id but reuses an expired one', async () => {
    const { manager, clock } = managerWith();
    await manager.createSession('dup');
    await expect(manager.createSession('dup')).rejects.toBeInstanceOf(SessionExistsError);
    clock.advance(HOUR + 1);
    await expect(manager.createSession('dup')).resolves.toBeInstanceOf(Session);
    expect(manager.size).toBe(1);
  });

  it('sweeps expired sessions when full, then throws SessionCapacityError', async () => {
    const { manager, clock } = managerWith({ maxSessions: 2 });
    await manager.createSession('a');
    clock.advance(HOUR / 2);
    await manager.createSession('b');
    const error = await manager.createSession('c').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionCapacityError);
    expect((error as Error).message).toMatch(/maxSessions/);

    clock.advance(HOUR / 2 + 1); // 'a' is now expired, 'b' is not
    const cleaned = vi.fn();
    (await manager.getSession('b'))?.addCleanupCallback(cleaned);
    await expect(manager.createSession('c')).resolves.toBeInstanceOf(Session);
    expect(await manager.getSession('a')).toBeNull();
    expect(await manager.getSession('b')).not.toBeNull();
    expect(cleaned).not.toHaveBeenCalled();
  });

  it('validates its arguments', async () => {
    const { manager } = managerWith();
    await expect(manager.createSession('bad id')).rejects.toBeInstanceOf(SessionValidationError);
    await expect(manager.createSession('ok', { initialPerspectives: [''] })).rejects.toThrow(/initialPerspectives\.0/);
    await expect(manager.createSession('ok', { modelBackend: 'gpt' as never })).rejects.toThrow(/modelBackend/);
    await expect(manager.createSession('ok', { topics: 'typo' } as never)).rejects.toThrow(/topics/);
    expect(manager.size).toBe(0);
  });
});

describe('lookups and removal', () => {
  it('getSession returns null for unknown ids, requireSession throws SessionNotFoundError', async () => {
    const { manager } = managerWith();
    expect(await manager.getSession('nobody')).toBeNull();
    await expect(manager.requireSession('nobody')).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(manager.getSession('' as string)).rejects.toBeInstanceOf(SessionValidationError);
  });

  it('removes an expired session on lookup, running its cleanup', async () => {
    const { manager, clock } = managerWith({ sessionTtlHours: 2 });
    const session = await manager.createSession('old');
    const cleaned = vi.fn();
    session.addCleanupCallback(cleaned);
    clock.advance(2 * HOUR);
    expect(await manager.getSession('old')).toBe(session); // exactly the TTL: not yet expired
    clock.advance(1);
    expect(await manager.getSession('old')).toBeNull();
    expect(cleaned).toHaveBeenCalledOnce();
    expect(manager.size).toBe(0);
  });

  it('removeSession cleans up, and a failing cleanup never keeps a session in the pool', async () => {
    const { manager } = managerWith();
    const session = await manager.createSession('x');
    session.addCleanupCallback(() => {
      throw new Error('cleanup failed');
    });
    expect(await manager.removeSession('x')).toBe(true);
    expect(await manager.getSession('x')).toBeNull();
    expect(await manager.removeSession('x')).toBe(false);
  });

  it('getMostRecentSession follows creation time, including after removing the newest', async () => {
    const { manager, clock } = managerWith();
    expect(await manager.getMostRecentSession()).toBeNull();
    await manager.createSession('first');
    clock.advance(1000);
    await manager.createSession('second');
    clock.advance(1000);
    await manager.createSession('third');
    expect((await manager.getMostRecentSession())?.sessionId).toBe('third');
    await manager.removeSession('third');
    expect((await manager.getMostRecentSession())?.sessionId).toBe('second');
  });

  it('listActiveSessions sweeps first and returns info per live session', async () => {
    const { manager, clock } = managerWith();
    await manager.createSession('old');
    clock.advance(HOUR);
    await manager.createSession('new', { initialPerspectives: ['risk'] });
    clock.advance(1);
    const list = await manager.listActiveSessions();
    expect(Object.keys(list)).toEqual(['new']);
    expect(list.new).toMatchObject({ session_id: 'new', thread_count: 1, thread_names: ['risk'] });
  });
});

describe('expiry sweep', () => {
  it('removes exactly the expired sessions, restored old ones included', async () => {
    const { manager, clock } = managerWith();
    for (let i = 0; i < 10; i++) {
      await manager.createSession(`s${i}`);
      clock.advance(10 * 60_000);
    }
    // now = start + 100 min: sessions created at 0..30 min are older than an hour
    expect(await manager.cleanupExpiredSessions()).toBe(4);
    expect(manager.size).toBe(6);
    expect(await manager.getSession('s3')).toBeNull();
    expect(await manager.getSession('s4')).not.toBeNull();
    expect(await manager.cleanupExpiredSessions()).toBe(0);
  });

  it('runs on a timer that is unref()ed, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { manager, clock } = managerWith({ cleanupIntervalSeconds: 60 });
      const unref = vi.spyOn(globalThis, 'setInterval');
      await manager.startBackgroundCleanup();
      await manager.startBackgroundCleanup(); // idempotent
      expect(unref).toHaveBeenCalledTimes(1);
      const timer = unref.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      expect((await manager.getStats()).cleanup_task_running).toBe(true);

      await manager.createSession('soon-expired');
      clock.advance(HOUR + 1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(manager.size).toBe(0);

      await manager.stopBackgroundCleanup();
      await manager.stopBackgroundCleanup();
      expect((await manager.getStats()).cleanup_task_running).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('getStats', () => {
  it('reports running totals and ages', async () => {
    const { manager, clock } = managerWith({ maxSessions: 8 });
    const a = await manager.createSession('a', { initialPerspectives: ['technical', 'risk'] });
    clock.advance(30_000);
    const b = await manager.createSession('b', { initialPerspectives: ['user'] });
    await a.recordAnalysis('p', { technical: 'x' });
    await b.recordAnalysis('p', { user: 'x' });
    await b.atomicUpdate((state) => {
      state.threads.delete('user');
    });
    clock.advance(10_000);
    expect(await manager.getStats()).toEqual({
      active_sessions: 2,
      max_sessions: 8,
      capacity_used_percent: 25,
      session_ttl_hours: 1,
      cleanup_interval_seconds: 300,
      total_threads: 2,
      total_analyses: 2,
      oldest_session_age_seconds: 40,
      newest_session_age_seconds: 10,
      cleanup_task_running: false,
    });
    await manager.removeSession('a');
    expect(await manager.getStats()).toMatchObject({ active_sessions: 1, total_threads: 0, total_analyses: 1 });
  });

  it('never reports a negative age when the clock jumps backwards', async () => {
    const { manager, clock } = managerWith();
    await manager.createSession('a');
    clock.advance(-60_000);
    const stats = await manager.getStats();
    expect(stats.oldest_session_age_seconds).toBe(0);
    expect(await manager.getSession('a')).not.toBeNull();
  });
});

describe('withSession', () => {
  it('always removes the session, also when fn throws', async () => {
    const { manager } = managerWith();
    expect(await manager.withSession('tmp', { topic: 't' }, (session) => session.topic)).toBe('t');
    expect(manager.size).toBe(0);
    await expect(manager.withSession('tmp', {}, () => Promise.reject(new Error('inner')))).rejects.toThrow('inner');
    expect(manager.size).toBe(0);
  });
});

describe('shutdown', () => {
  it('removes everything, then throws one SessionCleanupError with every error', async () => {
    const { manager } = managerWith();
    for (const id of ['a', 'b', 'c']) await manager.createSession(id);
    (await manager.getSession('a'))?.addCleanupCallback(() => {
      throw new Error('a failed');
    });
    (await manager.getSession('c'))?.addCleanupCallback(async () => {
      throw new Error('c failed');
    });
    const error = await manager.shutdown().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionCleanupError);
    expect((error as SessionCleanupError).errors.map((e) => (e as Error).message).sort()).toEqual(['a failed', 'c failed']);
    expect(manager.size).toBe(0);
    await expect(manager.shutdown()).resolves.toBeUndefined();
  });
});

describe('module-level helpers', () => {
  afterEach(async () => {
    await shutdownSessionManager();
  });

  it('generateSessionId gives 256 random bits as base64url', () => {
    const ids = new Set(Array.from({ length: 1000 }, generateSessionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from([...ids][0] as string, 'base64url')).toHaveLength(32);
  });

  it('getSessionManager is a lazy singleton; initializeSessionManager replaces it and starts cleanup', async () => {
    const first = getSessionManager();
    expect(getSessionManager()).toBe(first);
    await first.createSession('kept-until-replaced');
    const logger = recordingLogger();
    (await first.getSession('kept-until-replaced'))?.addCleanupCallback(() => {
      throw new Error('old cleanup');
    });

    const second = await initializeSessionManager({ secretKey: SECRET, logger });
    expect(getSessionManager()).toBe(second);
    expect(first.size).toBe(0);
    expect(logger.lines.some((line) => line.level === 'error' && /previous session manager/.test(line.message))).toBe(true);
    expect((await second.getStats()).cleanup_task_running).toBe(true);

    await shutdownSessionManager();
    expect(getSessionManager()).not.toBe(second);
  });
});
