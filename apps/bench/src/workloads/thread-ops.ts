import { SYSTEM_PROMPT } from '../fixtures.js';
import { coreManager, coreThread, createCoreSession } from '../sides/core.js';
import { floorSession, floorThread } from '../sides/floor.js';
import { LruPeer } from '../sides/peers/lru.js';
import { defineBatchWorkload } from './define.js';

const NAME = 'perspective';

export const threadOpsWorkload = defineBatchWorkload({
  id: 'thread-ops',
  title: 'add + get + remove a thread under the session lock (per operation)',
  claim: { text: '3 ms → 1 ms', legacy: 3e6, core: 1e6 },
  notes: [
    "Times one add, one get and one remove and divides by 3; legacy takes the global lock manager's lock for each, as its handlers did.",
    "Peer: lru-cache + Mutex adds and removes under the session's mutex and reads without it. Floor: Map set/get/delete.",
  ],
  budgetMs: { quick: 1_500, full: 6_000 },
  legacy(legacy) {
    const sessionId = 'thread-ops-legacy';
    const data = new legacy.SessionData(sessionId, new Date());
    const locks = legacy.getSessionLockManager();
    return {
      opsPerCall: 3,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const thread = new legacy.Thread({
            id: `${sessionId}_${NAME}`,
            name: NAME,
            systemPrompt: SYSTEM_PROMPT,
            modelBackend: 'bedrock',
          });
          await locks.withLock(sessionId, () => data.addThread(thread));
          const found = await locks.withLock(sessionId, () => data.getThread(NAME));
          const removed = await locks.withLock(sessionId, () => data.removeThread(NAME));
          if (!found || !removed) throw new Error('legacy thread was not found or not removed');
        }
      },
    };
  },
  async core(core) {
    const sessionId = 'thread-ops-core';
    const session = await createCoreSession(coreManager(core, 10), sessionId);
    return {
      opsPerCall: 3,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const added = await session.addThread(coreThread(core, sessionId, NAME));
          const found = await session.getThread(NAME);
          const removed = await session.removeThread(NAME);
          if (!added || !found || !removed) throw new Error('core thread was not added, found or removed');
        }
      },
    };
  },
  'lru-cache'(peers) {
    const session = new LruPeer(peers, { max: 10 }).create('thread-ops-lru');
    return {
      opsPerCall: 3,
      async batch(n) {
        for (let i = 0; i < n; i++) {
          await session.update((data) => {
            data.threads[NAME] = floorThread(data.id, NAME);
          });
          const found = session.data.threads[NAME];
          const removed = await session.update((data) => delete data.threads[NAME]);
          if (!found || !removed) throw new Error('lru-cache thread was not found or not removed');
        }
      },
    };
  },
  floor() {
    const session = floorSession('thread-ops-floor');
    return {
      opsPerCall: 3,
      batch(n) {
        for (let i = 0; i < n; i++) {
          session.threads.set(NAME, floorThread(session.id, NAME));
          const found = session.threads.get(NAME);
          const removed = session.threads.delete(NAME);
          if (!found || !removed) throw new Error('floor thread was not found or not removed');
        }
      },
    };
  },
});
