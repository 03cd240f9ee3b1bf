/**
 * Write-through on core's in-memory store: the shared store contract (the
 * same suite store-redis runs), plus what only this store can show (an
 * outage at the flip of a switch, how many loads a process made).
 */
import { describe, expect, it } from 'vitest';
import { SimpleSessionManager, type SessionManagerOptions } from '../src/index.js';
import { peekSession } from '../src/interop.js';
import { defineStoreContract, ManualClock, MemorySessionStore } from '../src/testing/index.js';
import { recordingLogger } from './helpers.js';

defineStoreContract('MemorySessionStore', () => {
  const store = new MemorySessionStore();
  return { openStore: () => store, corrupt: (sessionId, raw) => store.corrupt(sessionId, raw) };
});

function oneProcess(options: SessionManagerOptions = {}) {
  const clock = new ManualClock();
  const store = new MemorySessionStore(() => clock.now());
  const manager = new SimpleSessionManager({
    secretKey: 'shared-secret',
    clock,
    logger: recordingLogger(),
    store,
    storeRetry: { baseDelayMs: 0, maxDelayMs: 1 },
    ...options,
  });
  return { store, clock, manager };
}
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('write-through on MemorySessionStore', () => {
  it('a store outage fails fast with a typed error and leaves the local copy untouched', async () => {
    const { manager, store } = oneProcess();
    const session = await manager.createSession('outage');
    store.down = true;
    const error = await session.recordAnalysis('lost?', { x: 'y' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    expect(session.version).toBe(0);
    expect(session.analysisCount).toBe(0);
    await expect(manager.createSession('while-down')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    store.down = false;
    await session.recordAnalysis('after', { x: 'y' });
    expect(session.version).toBe(1);
  });

  it('removeSession during an outage fails typed and changes nothing; it works once the store is back', async () => {
    const { manager, store } = oneProcess();
    const session = await manager.createSession('keep-me');
    const cleaned: string[] = [];
    session.addCleanupCallback(() => cleaned.push('ran'));
    store.down = true;
    await expect(manager.removeSession('keep-me')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    expect(cleaned).toEqual([]);
    expect(peekSession(manager, 'keep-me')).toBe(session);
    store.down = false;
    expect(await manager.removeSession('keep-me')).toBe(true);
    expect(cleaned).toEqual(['ran']);
  });

  it('does not reload its own writes when their invalidations arrive', async () => {
    const { manager, store } = oneProcess();
    const session = await manager.createSession('own-writes');
    const loadsBefore = store.loads;
    for (let i = 0; i < 20; i++) {
      await session.recordAnalysis(`p${i}`, { x: 'y' });
      await flush();
    }
    expect(store.loads).toBe(loadsBefore);
    expect(session.version).toBe(20);
  });
});
