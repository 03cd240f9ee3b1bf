import type { BatchSide } from '../harness.js';
import { idSequence, TOPIC } from '../fixtures.js';
import { newBinding, type Binding } from '../sides/binding.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { createLegacySession, legacyManager, useLegacyIterations } from '../sides/legacy.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import type { PeerModules } from '../systems.js';
import { defineBatchWorkload, type SideFactories } from './define.js';
import type { KdfVariantOptions, Workload } from './types.js';

/** Pools are replaced (untimed) once this many sessions were created, so memory stays flat. */
const POOL_RESET_AT = 20_000;
const POOL_CAPACITY = POOL_RESET_AT + 1_000_000;
/** lru-cache allocates its `max` up front: room for a pool that reaches POOL_RESET_AT plus a batch. */
const LRU_MAX = 2 * POOL_RESET_AT;

/** The fair floor's session: what a new session must hold, with a freshly signed binding. */
interface CreatedRecord {
  id: string;
  createdAt: number;
  topic: string;
  binding: Binding;
}

/** The peers' create: lru-cache + a Mutex per session, and express-session's MemoryStore, each with an HMAC binding. */
function peerSides(id: string): Pick<SideFactories<BatchSide>, 'lru-cache' | 'express-session'> {
  return {
    'lru-cache'(peers: PeerModules) {
      const nextId = idSequence(`${id}-lru`);
      let peer = new LruPeer(peers, { max: LRU_MAX });
      return {
        batch(n) {
          for (let i = 0; i < n; i++) peer.create(nextId());
        },
        afterBatch() {
          if (peer.size >= POOL_RESET_AT) peer = new LruPeer(peers, { max: LRU_MAX });
        },
      };
    },
    'express-session'(peers: PeerModules) {
      const nextId = idSequence(`${id}-express`);
      let peer = new ExpressPeer(peers);
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await peer.create(nextId());
        },
        afterBatch() {
          if (peer.size >= POOL_RESET_AT) peer = new ExpressPeer(peers);
        },
      };
    },
  };
}

/** `create` and `create-eq` differ only in legacy's KDF cost (and `create` alone has the peers). */
export function makeCreateWorkload(options: KdfVariantOptions): Workload {
  return defineBatchWorkload({
    id: options.id,
    title: options.title,
    ...(options.claim ? { claim: options.claim } : {}),
    notes: options.notes,
    budgetMs: options.budgetMs,
    legacy(legacy) {
      const restore = options.legacyIterations === undefined ? () => {} : useLegacyIterations(legacy, options.legacyIterations);
      const nextId = idSequence(`${options.id}-legacy`);
      let manager = legacyManager(legacy, POOL_CAPACITY);
      let created = 0;
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await createLegacySession(legacy, manager, nextId());
          created += n;
        },
        afterBatch() {
          if (created >= POOL_RESET_AT) {
            manager = legacyManager(legacy, POOL_CAPACITY);
            created = 0;
          }
        },
        teardown: restore,
      };
    },
    core(core) {
      const nextId = idSequence(`${options.id}-core`);
      let manager = coreManager(core, POOL_CAPACITY);
      let created = 0;
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) await createCoreSession(manager, nextId());
          created += n;
        },
        afterBatch() {
          if (created >= POOL_RESET_AT) {
            manager = coreManager(core, POOL_CAPACITY);
            created = 0;
          }
        },
      };
    },
    ...(options.withPeers ? peerSides(options.id) : {}),
    floor() {
      // randomBytes for the entropy, one createHmac to sign, one Map.set.
      const nextId = idSequence(`${options.id}-floor`);
      let pool = new Map<string, CreatedRecord>();
      return {
        batch(n) {
          for (let i = 0; i < n; i++) {
            const id = nextId();
            const createdAt = Date.now();
            pool.set(id, { id, createdAt, topic: TOPIC, binding: newBinding(id, createdAt) });
          }
        },
        afterBatch() {
          if (pool.size >= POOL_RESET_AT) pool = new Map();
        },
      };
    },
  });
}

export const createWorkload = makeCreateWorkload({
  id: 'create',
  title: 'create a session with a client binding, add it to the pool',
  claim: { text: '15 ms → 8 ms', legacy: 15e6, core: 8e6 },
  withPeers: true,
  notes: [
    'legacy signs its binding with PBKDF2-HMAC-SHA256 at 600,000 iterations (its real cost); core signs with HMAC-SHA256.',
    "Peers: lru-cache (ttl, max) with an async-mutex Mutex per session, and express-session's MemoryStore.set, each signing an HMAC binding like the floor. Floor: randomBytes(32) for the entropy, one createHmac('sha256') signature, one Map.set.",
  ],
  budgetMs: { quick: 2_000, full: 12_000 },
});
