import { describe, expect, it } from 'vitest';
import {
  Session,
  SessionCapacityError,
  SessionConcurrencyError,
  SessionExistsError,
  SessionExpiredError,
  SessionValidationError,
  SimpleSessionManager,
  Thread,
} from '../src/index.js';
import { peekSession, readLiveState, withLiveState } from '../src/interop.js';
import { ManualClock } from '../src/testing/index.js';
import { gate, readVector, recordingLogger, VECTOR_SECRET } from './helpers.js';

// The vectors were exported on 2026-11-27: a clock at that time keeps them live under the default 1-hour TTL.
const atVectorTime = () => new ManualClock(Date.parse('2026-11-27T08:00:00.000Z'));
const newManager = (maxSessions = 50) => new SimpleSessionManager({ secretKey: VECTOR_SECRET, maxSessions, logger: recordingLogger(), clock: atVectorTime() });

describe('addSession / restoreSession', () => {
  it('adds a session built elsewhere, with the pool rules', async () => {
    const manager = newManager(1);
    const session = new Session('built-elsewhere', { secretKey: 'its-own-key', topic: 't' });
    expect(await manager.addSession(session)).toBe(session);
    expect(await manager.getSession('built-elsewhere')).toBe(session);
    await expect(manager.addSession(session)).rejects.toThrow(/already in a pool/);
    await expect(manager.addSession(new Session('built-elsewhere', { secretKey: 'k' }))).rejects.toBeInstanceOf(SessionExistsError);
    await expect(manager.addSession(new Session('second', { secretKey: 'k' }))).rejects.toBeInstanceOf(SessionCapacityError);
    await expect(manager.addSession({} as Session)).rejects.toBeInstanceOf(SessionValidationError);
    // It keeps its own key: it still validates.
    await expect(session.validateSecurity()).resolves.toBe(true);
  });

  it('restores exported state into the pool with the manager keys, counting its threads and analyses', async () => {
    const manager = newManager();
    const session = await manager.restoreSession(readVector('state-with-binding'));
    expect(session.version).toBe(6);
    await expect(session.validateSecurity()).resolves.toBe(true);
    expect(await manager.getStats()).toMatchObject({ active_sessions: 1, total_threads: 2, total_analyses: 2 });
    await expect(manager.restoreSession({ session_id: 'x' })).rejects.toThrow(/created_at/);
  });

  it('refuses to restore a state that is already past the TTL', async () => {
    const manager = new SimpleSessionManager({ secretKey: VECTOR_SECRET, logger: recordingLogger() }); // the real clock: days later
    await expect(manager.restoreSession(readVector('state-with-binding'))).rejects.toBeInstanceOf(SessionExpiredError);
    expect(manager.size).toBe(0);
  });
});

describe('peekSession', () => {
  it('finds a live session synchronously and changes nothing', async () => {
    let now = Date.parse('2026-11-27T08:00:00Z');
    const manager = new SimpleSessionManager({ secretKey: 'k', clock: { now: () => now }, logger: recordingLogger() });
    const session = await manager.createSession('peek');
    expect(peekSession(manager, 'peek')).toBe(session);
    expect(peekSession(manager, 'absent')).toBeNull();
    expect(peekSession(manager, 42 as never)).toBeNull();
    now += 3_600_001;
    expect(peekSession(manager, 'peek')).toBeNull();
    expect(manager.size).toBe(1); // expired, but peeking removed nothing
  });
});

describe('withLiveState', () => {
  it('runs synchronously on the live state without a version bump, keeping pool totals right', async () => {
    const manager = newManager();
    const session = await manager.createSession('live');
    const added = withLiveState(session, (state) => {
      state.threads.set('x', new Thread({ id: 'x', name: 'x', systemPrompt: 'p', modelBackend: 'bedrock' }));
      return state.threads.size;
    });
    expect(added).toBe(1);
    expect(session.version).toBe(0);
    expect((await manager.getStats()).total_threads).toBe(1);
    expect((await session.getSessionInfo()).metrics.thread_count).toBe(1);
  });

  it('refuses while an operation holds the lock, and refuses async functions', async () => {
    const session = new Session('busy', { secretKey: 'k' });
    const hold = gate();
    const pending = session.atomicUpdate(() => hold.promise);
    expect(() => withLiveState(session, () => 1)).toThrow(SessionConcurrencyError);
    hold.open();
    await pending;
    expect(() => withLiveState(session, async () => 1)).toThrow(/synchronous/);
  });
});

describe('readLiveState', () => {
  it('reads the live state synchronously, even while an operation holds the lock', async () => {
    const session = new Session('reader', { secretKey: 'k' });
    const hold = gate();
    const pending = session.atomicUpdate(async (state) => {
      state.topic = 'in progress';
      await hold.promise;
    });
    expect(readLiveState(session, (state) => state.topic)).toBe('in progress');
    expect(() => readLiveState(session, 42 as never)).toThrow(SessionValidationError);
    hold.open();
    await pending;
  });
});
