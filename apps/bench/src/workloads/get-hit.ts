import { HOUR_MS, shuffledIndices } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { addLegacyPoolSession, legacyManager } from '../sides/legacy.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { defineBatchWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

const POOL_SIZE = 100_000;
/** Quick mode builds smaller pools (six sides' worth of set-up); the `scale` curves cover lookups up to 100,000 there. */
const QUICK_POOL_SIZE = 20_000;

/** Every side looks ids up in the same seeded random order. */
function lookupOrder(prefix: string, ctx: WorkloadContext): { ids: string[]; order: Uint32Array; size: number } {
  const size = ctx.quick ? QUICK_POOL_SIZE : POOL_SIZE;
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  return { ids, order: shuffledIndices(size, 0x9e7), size };
}

export const getHitWorkload = defineBatchWorkload({
  id: 'get-hit',
  title: `pool lookup that hits, ${POOL_SIZE.toLocaleString('en-US')} sessions in the pool (${QUICK_POOL_SIZE.toLocaleString('en-US')} in quick mode)`,
  notes: [
    `Each side's pool holds ${POOL_SIZE.toLocaleString('en-US')} sessions with bindings (${QUICK_POOL_SIZE.toLocaleString('en-US')} in quick mode); ids are looked up in a seeded random order.`,
    "legacy's pool is built (untimed) with bindings of the real shape but no KDF run: lookups never read the signature; core's through createSession.",
    "Floor: Map.get plus the expiry check a lookup must make (now − created > TTL); floor:await is the same inside an async function, awaited (what a Promise-returning lookup cannot avoid). Peers: lru-cache's get (its TTL check included, default settings) and express-session's MemoryStore.get (it parses the stored JSON and checks the cookie's expiry on every read).",
  ],
  budgetMs: { quick: 1_500, full: 5_000 },
  async legacy(legacy, ctx) {
    const { ids, order, size } = lookupOrder('get-hit-legacy', ctx);
    const manager = legacyManager(legacy, size);
    for (const id of ids) await addLegacyPoolSession(legacy, manager, id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session = await manager.getSession(ids[order[cursor++ % size] as number] as string);
          if (session === null) throw new Error('legacy lookup missed');
        }
      },
    };
  },
  async core(core, ctx) {
    const { ids, order, size } = lookupOrder('get-hit-core', ctx);
    const manager = coreManager(core, size);
    for (const id of ids) await createCoreSession(manager, id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session: CoreSession | null = await manager.getSession(ids[order[cursor++ % size] as number] as string);
          if (session === null) throw new Error('core lookup missed');
        }
      },
    };
  },
  'lru-cache'(peers, ctx) {
    const { ids, order, size } = lookupOrder('get-hit-lru', ctx);
    const peer = new LruPeer(peers, { max: size });
    for (const id of ids) peer.create(id);
    let cursor = 0;
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          if (peer.get(ids[order[cursor++ % size] as number] as string) === undefined) throw new Error('lru-cache lookup missed');
        }
      },
    };
  },
  async 'express-session'(peers, ctx) {
    const { ids, order, size } = lookupOrder('get-hit-express', ctx);
    const peer = new ExpressPeer(peers);
    for (const id of ids) await peer.create(id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          if ((await peer.get(ids[order[cursor++ % size] as number] as string)) === undefined) throw new Error('express-session lookup missed');
        }
      },
    };
  },
  floor(ctx) {
    const { ids, order, size } = lookupOrder('get-hit-floor', ctx);
    const pool = new Map<string, FloorSession>();
    for (const id of ids) pool.set(id, floorSession(id));
    let cursor = 0;
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          const session = pool.get(ids[order[cursor++ % size] as number] as string);
          if (session === undefined || Date.now() - session.createdAt > HOUR_MS) throw new Error('floor lookup missed');
        }
      },
    };
  },
  floors: {
    'floor:await'(ctx) {
      const { ids, order, size } = lookupOrder('get-hit-floor-await', ctx);
      const pool = new Map<string, FloorSession>();
      for (const id of ids) pool.set(id, floorSession(id));
      const lookup = async (id: string): Promise<FloorSession | null> => {
        const session = pool.get(id);
        return session === undefined || Date.now() - session.createdAt > HOUR_MS ? null : session;
      };
      let cursor = 0;
      return {
        async batch(n) {
          for (let i = 0; i < n; i++) {
            if ((await lookup(ids[order[cursor++ % size] as number] as string)) === null) throw new Error('floor lookup missed');
          }
        },
      };
    },
  },
});
