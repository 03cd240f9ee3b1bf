import { shuffledIndices } from '../fixtures.js';
import { coreManager, createCoreSession, type CoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { addLegacyPoolSession, legacyManager } from '../sides/legacy.js';
import { defineBatchWorkload } from './define.js';

const POOL_SIZE = 100_000;

/** Every side looks ids up in the same seeded random order. */
function lookupOrder(prefix: string): { ids: string[]; order: Uint32Array } {
  const ids = Array.from({ length: POOL_SIZE }, (_, i) => `${prefix}-${i}`);
  return { ids, order: shuffledIndices(POOL_SIZE, 0x9e7) };
}

export const getHitWorkload = defineBatchWorkload({
  id: 'get-hit',
  title: `pool lookup that hits, ${POOL_SIZE.toLocaleString('en-US')} sessions in the pool`,
  notes: [
    `Each side's pool holds ${POOL_SIZE.toLocaleString('en-US')} sessions with bindings; ids are looked up in a seeded random order.`,
    "legacy's pool is built (untimed) with bindings of the real shape but no KDF run: lookups never read the signature; core's through createSession.",
  ],
  budgetMs: { quick: 1_500, full: 5_000 },
  async legacy(legacy) {
    const { ids, order } = lookupOrder('get-hit-legacy');
    const manager = legacyManager(legacy, POOL_SIZE);
    for (const id of ids) await addLegacyPoolSession(legacy, manager, id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session = await manager.getSession(ids[order[cursor++ % POOL_SIZE] as number] as string);
          if (session === null) throw new Error('legacy lookup missed');
        }
      },
    };
  },
  async core(core) {
    const { ids, order } = lookupOrder('get-hit-core');
    const manager = coreManager(core, POOL_SIZE);
    for (const id of ids) await createCoreSession(manager, id);
    let cursor = 0;
    return {
      async batch(n) {
        for (let i = 0; i < n; i++) {
          const session: CoreSession | null = await manager.getSession(ids[order[cursor++ % POOL_SIZE] as number] as string);
          if (session === null) throw new Error('core lookup missed');
        }
      },
    };
  },
  floor() {
    const { ids, order } = lookupOrder('get-hit-floor');
    const pool = new Map<string, FloorSession>();
    for (const id of ids) pool.set(id, floorSession(id));
    let cursor = 0;
    return {
      batch(n) {
        for (let i = 0; i < n; i++) {
          if (pool.get(ids[order[cursor++ % POOL_SIZE] as number] as string) === undefined) {
            throw new Error('floor lookup missed');
          }
        }
      },
    };
  },
});
