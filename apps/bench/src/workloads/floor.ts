import { idSequence } from '../fixtures.js';
import { floorRecord, type FloorRecord } from '../sides/floor.js';
import { defineBatchWorkload } from './define.js';

/**
 * The floor on its own: set, get and delete of a session record in a bare
 * `Map`. Every other workload carries its own floor side; this row is the
 * machine's baseline (and a quick smoke test that needs neither package).
 */
export const floorWorkload = defineBatchWorkload({
  id: 'floor',
  title: 'bare Map: set + get + delete of a session record (per operation)',
  notes: [
    "Only a floor side: the cost of keeping a session record (id, time, topic, entropy and signature strings, no crypto run) in a pool with no lock and no checks: the machine's baseline.",
  ],
  budgetMs: { quick: 500, full: 2_000 },
  floor() {
    const nextId = idSequence('floor');
    const pool = new Map<string, FloorRecord>();
    return {
      opsPerCall: 3,
      batch(n) {
        for (let i = 0; i < n; i++) {
          const id = nextId();
          pool.set(id, floorRecord(id));
          if (pool.get(id) === undefined || !pool.delete(id)) throw new Error('floor map lost a session');
        }
      },
    };
  },
});
