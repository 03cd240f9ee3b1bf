import { hrtime } from 'node:process';
import { HOUR_MS, ManualClock } from '../fixtures.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { addLegacyPoolSession, legacyManager } from '../sides/legacy.js';
import { defineScenarioWorkload } from './define.js';

const LIVE = 100_000;
const EXPIRED = 1_000;
/** Sessions are created in generations of EXPIRED; LIVE / EXPIRED generations span exactly one TTL. */
const GENERATIONS_LIVE = LIVE / EXPIRED;
const TTL_MS = HOUR_MS;
const GENERATION_STEP_MS = TTL_MS / GENERATIONS_LIVE;

/**
 * Core and the floor run on a manual clock that only moves forward: the pool
 * holds generations g..g+100, each 1/100 TTL apart. Moving the clock just past
 * generation g's TTL expires exactly those 1,000 sessions and leaves 100,000
 * live; after the timed sweep, generation g+101 is created (untimed) and the
 * next sample expires generation g+1.
 */
class RollingGenerations {
  readonly clock: ManualClock;
  #next = 0;
  readonly #start: number;

  constructor(start: number) {
    this.#start = start;
    this.clock = new ManualClock(start);
  }

  /** Sets the clock to the next generation's creation time and returns its number. */
  beginGeneration(): number {
    this.clock.set(this.#start + this.#next * GENERATION_STEP_MS);
    return this.#next++;
  }

  /** Moves the clock 1 ms past the TTL of the oldest generation still in the pool. */
  expireOldest(): void {
    const oldest = this.#next - GENERATIONS_LIVE - 1;
    this.clock.set(this.#start + oldest * GENERATION_STEP_MS + TTL_MS + 1);
  }
}

function timedSweep(sweep: () => Promise<number> | number): () => Promise<{ values: number[]; ops: number; elapsedNs: number }> {
  return async () => {
    const start = hrtime.bigint();
    const removed = await sweep();
    const elapsedNs = Number(hrtime.bigint() - start);
    if (removed !== EXPIRED) throw new Error(`a sweep removed ${removed} sessions, expected ${EXPIRED}`);
    return { values: [elapsedNs / 1e6], ops: 1, elapsedNs };
  };
}

export const sweepWorkload = defineScenarioWorkload({
  id: 'sweep',
  title: `one expiry sweep, ${LIVE.toLocaleString('en-US')} live + ${EXPIRED.toLocaleString('en-US')} expired`,
  unit: 'ms',
  notes: [
    `Each sample first adds ${EXPIRED.toLocaleString('en-US')} expired sessions (untimed), then times one cleanupExpiredSessions(); a sweep that removes any other number fails the workload.`,
    "core and the floor expire by a manual clock (core's injectable clock); legacy, which reads the real clock, gets sessions created two TTLs ago. Legacy's sessions are built (untimed) with bindings of the real shape but no KDF run.",
  ],
  budgetMs: { quick: 2_000, full: 6_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 3 : 5 }),
  async legacy(legacy) {
    const manager = legacyManager(legacy, LIVE + EXPIRED);
    let next = 0;
    for (let i = 0; i < LIVE; i++) await addLegacyPoolSession(legacy, manager, `sweep-legacy-${next++}`);
    const sweep = timedSweep(() => manager.cleanupExpiredSessions());
    return {
      async sample() {
        const expiredAt = new Date(Date.now() - 2 * TTL_MS);
        for (let i = 0; i < EXPIRED; i++) await addLegacyPoolSession(legacy, manager, `sweep-legacy-${next++}`, expiredAt);
        return sweep();
      },
    };
  },
  async core(core) {
    const generations = new RollingGenerations(Date.now());
    const manager = coreManager(core, LIVE + 2 * EXPIRED, generations.clock);
    const addGeneration = async (): Promise<void> => {
      const generation = generations.beginGeneration();
      for (let i = 0; i < EXPIRED; i++) await createCoreSession(manager, `sweep-core-${generation}-${i}`);
    };
    for (let g = 0; g <= GENERATIONS_LIVE; g++) await addGeneration();
    const sweep = timedSweep(() => manager.cleanupExpiredSessions());
    let first = true;
    return {
      async sample() {
        if (!first) await addGeneration();
        first = false;
        generations.expireOldest();
        return sweep();
      },
    };
  },
  floor() {
    const generations = new RollingGenerations(Date.now());
    // Insertion order is creation order, so the oldest sessions are at the front.
    const pool = new Map<string, FloorSession>();
    const addGeneration = (): void => {
      const generation = generations.beginGeneration();
      const createdAt = generations.clock.now();
      for (let i = 0; i < EXPIRED; i++) {
        const id = `sweep-floor-${generation}-${i}`;
        pool.set(id, floorSession(id, createdAt));
      }
    };
    for (let g = 0; g <= GENERATIONS_LIVE; g++) addGeneration();
    const sweep = timedSweep(() => {
      const now = generations.clock.now();
      let removed = 0;
      for (const [id, session] of pool) {
        if (now - session.createdAt <= TTL_MS) break;
        pool.delete(id);
        removed++;
      }
      return removed;
    });
    let first = true;
    return {
      async sample() {
        if (!first) addGeneration();
        first = false;
        generations.expireOldest();
        return sweep();
      },
    };
  },
});
