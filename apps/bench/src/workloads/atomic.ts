import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession } from '../sides/floor.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { defineBatchWorkload } from './define.js';

export const atomicWorkload = defineBatchWorkload({
  id: 'atomic',
  title: 'versioned atomic update (expected version checked, then bumped)',
  notes: [
    'Every update passes the version it expects, the optimistic-locking path; a conflict would fail the workload.',
    "Peers: lru-cache + Mutex checks and bumps the version under the session's mutex; express-session gets the session, checks and bumps it, and sets it back (a check that cannot be atomic across requests). Floor: check and bump a number.",
  ],
  budgetMs: { quick: 1_500, full: 6_000 },
  legacy(legacy) {
    const concurrency = new legacy.SessionConcurrency('atomic-legacy');
    let touched = 0;
    const update = () => {
      touched++;
    };
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await concurrency.synchronizedUpdate(update, concurrency.version);
      },
      teardown() {
        if (touched === 0) throw new Error('legacy update function never ran');
      },
    };
  },
  async core(core) {
    const session = await createCoreSession(coreManager(core, 10), 'atomic-core');
    // Core bumps the version by exactly one per successful update (a documented guarantee), so the
    // expected version is known without reading it back.
    let version = 0;
    const update = () => {
      version++;
    };
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await session.atomicUpdate(update, version);
      },
    };
  },
  'lru-cache'(peers) {
    const session = new LruPeer(peers, { max: 10 }).create('atomic-lru');
    let expected = 0;
    const update = (data: { version: number }) => {
      if (data.version !== expected) throw new Error('lru-cache version conflict');
      expected++;
      data.version++;
    };
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await session.update(update);
      },
    };
  },
  async 'express-session'(peers) {
    const peer = new ExpressPeer(peers);
    await peer.create('atomic-express');
    let expected = 0;
    const update = (data: { version: number }) => {
      if (data.version !== expected) throw new Error('express-session version conflict');
      expected++;
      data.version++;
    };
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) await peer.update('atomic-express', update);
      },
    };
  },
  floor() {
    const session = floorSession('atomic-floor');
    let expected = 0;
    const update = () => {
      expected++;
    };
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          if (session.version !== expected) throw new Error('floor version conflict');
          update();
          session.version++;
        }
      },
    };
  },
});
