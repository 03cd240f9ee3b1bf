import { idSequence } from '../fixtures.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { createLegacySession, legacyManager, useLegacyIterations } from '../sides/legacy.js';
import { defineBatchWorkload } from './define.js';
import type { KdfVariantOptions, Workload } from './types.js';

/** Pools are replaced (untimed) once this many sessions were created, so memory stays flat. */
const POOL_RESET_AT = 20_000;
const POOL_CAPACITY = POOL_RESET_AT + 1_000_000;

/** `create` and `create-eq` differ only in legacy's KDF cost. */
export function makeCreateWorkload(options: KdfVariantOptions): Workload {
  return defineBatchWorkload({
    id: options.id,
    title: options.title,
    ...(options.claim ? { claim: options.claim } : {}),
    notes: options.notes,
    budgetMs: options.budgetMs,
    legacy(legacy) {
      const restore =
        options.legacyIterations === undefined ? () => {} : useLegacyIterations(legacy, options.legacyIterations);
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
    floor() {
      const nextId = idSequence(`${options.id}-floor`);
      let pool = new Map<string, FloorSession>();
      return {
        batch(n) {
          for (let i = 0; i < n; i++) {
            const id = nextId();
            pool.set(id, floorSession(id));
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
  notes: ['legacy signs its binding with PBKDF2-HMAC-SHA256 at 600,000 iterations (its real cost); core signs with HMAC-SHA256.'],
  budgetMs: { quick: 3_000, full: 12_000 },
});
