import { describe, expect, it } from 'vitest';
import { SimpleSessionManager, Thread } from '../src/index.js';
import { gate, recordingLogger } from './helpers.js';

describe('no global lock', () => {
  it('a pending atomicUpdate on one session delays nothing on the pool or on other sessions', async () => {
    const manager = new SimpleSessionManager({ secretKey: 'no-global-lock-secret', logger: recordingLogger() });
    const a = await manager.createSession('a');
    const b = await manager.createSession('b');
    const held = gate();
    let updateFinished = false;
    const longUpdate = a
      .atomicUpdate(async () => {
        await held.promise;
      })
      .then(() => {
        updateFinished = true;
      });

    // While A's update is pending, everything else completes.
    const others = await Promise.all([
      manager.createSession('c', { initialPerspectives: ['technical'] }),
      manager.getSession('b'),
      manager.getStats(),
      b.addThread(new Thread({ id: 'b_x', name: 'x', systemPrompt: 'p', modelBackend: 'bedrock' })),
      b.recordAnalysis('p', { x: 'answer' }),
      b.atomicUpdate((state) => state.version),
      b.validateSecurity('tool'),
      b.exportState(),
      manager.removeSession('b'),
      manager.cleanupExpiredSessions(),
    ]);
    expect(updateFinished).toBe(false);
    expect(a.isLocked).toBe(true);
    expect(others[1]).toBe(b);
    expect(others[2]).toMatchObject({ active_sessions: 3 });
    expect(others[8]).toBe(true);

    held.open();
    await longUpdate;
    expect(a.version).toBe(1);
  });
});
