import { describe, expect, it, vi } from 'vitest';
import { SessionCleanupError, SessionError, SimpleSessionManager, Thread } from '../src/index.js';
import { gate, manualClock, recordingLogger } from './helpers.js';

const HOUR = 3_600_000;
const thread = (name: string) => new Thread({ id: name, name, systemPrompt: 'p', modelBackend: 'bedrock' });

describe('faults', () => {
  it('shutdown() while operations are in flight: every operation finishes or fails typed, nothing hangs', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'faults-secret', logger: recordingLogger() });
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => manager.createSession(`s${i}`)));
    const slow = gate();
    const inFlight: Promise<unknown>[] = [];
    for (const session of sessions) {
      inFlight.push(
        session.atomicUpdate(async (state) => {
          await slow.promise;
          state.topic = 'updated';
        }),
      );
      inFlight.push(session.addThread(thread('t')));
      inFlight.push(session.recordAnalysis('p', { t: 'x' }));
    }
    const shutdown = manager.shutdown();
    inFlight.push(manager.createSession('late'));
    slow.open();
    const outcomes = await Promise.allSettled([...inFlight, shutdown]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(SessionError);
    }
    // Cleanup waited for each session's pending operations, then cleared it.
    for (const session of sessions) {
      expect(session.topic).toBe('updated');
      expect(session.threadCount).toBe(0);
    }
    expect(await manager.getSession('s0')).toBeNull();
  });

  it('the background sweep racing getSession and removeSession loses and double-cleans nothing', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const clock = manualClock();
      const manager = new SimpleSessionManager({ secretKey: 'faults-secret', clock, cleanupIntervalSeconds: 1, maxSessions: 1000, logger: recordingLogger() });
      const cleanups = new Map<string, number>();
      for (let i = 0; i < 200; i++) {
        const session = await manager.createSession(`r${i}`);
        session.addCleanupCallback(() => cleanups.set(session.sessionId, (cleanups.get(session.sessionId) ?? 0) + 1));
        if (i % 2 === 0) clock.advance(1000);
      }
      await manager.startBackgroundCleanup();
      clock.advance(HOUR - 50_000); // about half of them are now expired
      const racing: Promise<unknown>[] = [];
      for (let i = 0; i < 200; i++) {
        racing.push(i % 3 === 0 ? manager.removeSession(`r${i}`) : manager.getSession(`r${i}`));
        if (i % 20 === 0) racing.push(vi.advanceTimersByTimeAsync(1000));
      }
      await Promise.all(racing);
      await vi.advanceTimersByTimeAsync(1000);
      await manager.stopBackgroundCleanup();

      const stats = await manager.getStats();
      const gone = [...cleanups.keys()];
      expect(gone.length + stats.active_sessions).toBe(200);
      expect([...cleanups.values()].every((count) => count === 1)).toBe(true);
      for (const id of gone) expect(await manager.getSession(id)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a clock that jumps backwards neither expires nor resurrects sessions wrongly', async () => {
    const clock = manualClock();
    const manager = new SimpleSessionManager({ secretKey: 'faults-secret', clock, logger: recordingLogger() });
    await manager.createSession('a');
    clock.advance(-10 * HOUR);
    await manager.createSession('b'); // created "before" a
    expect(await manager.cleanupExpiredSessions()).toBe(0);
    expect((await manager.getMostRecentSession())?.sessionId).toBe('a');
    clock.advance(10 * HOUR + HOUR + 1); // a is expired; b has long been
    expect(await manager.cleanupExpiredSessions()).toBe(2);
  });

  it('a throwing cleanup callback never stops the rest of cleanup nor removal', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'faults-secret', logger: recordingLogger() });
    const session = await manager.createSession('x', { initialPerspectives: ['technical'] });
    const after = vi.fn();
    session.addCleanupCallback(() => {
      throw new Error('first');
    });
    session.addCleanupCallback(after);
    await manager.removeSession('x');
    expect(after).toHaveBeenCalledOnce();
    expect(await manager.getSession('x')).toBeNull();
    expect((await manager.getStats()).total_threads).toBe(0);
    // shutdown aggregates; removal already happened, so this one is clean.
    await expect(manager.shutdown()).resolves.toBeUndefined();
    const other = new SimpleSessionManager({ secretKey: 'faults-secret', logger: recordingLogger() });
    (await other.createSession('y')).addCleanupCallback(() => Promise.reject(new Error('async')));
    await expect(other.shutdown()).rejects.toBeInstanceOf(SessionCleanupError);
  });
});
