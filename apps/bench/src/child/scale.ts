/**
 * Child process (run with --expose-gc): how one side's pool behaves at one
 * size, for the scaling curves.
 *
 *   node --expose-gc dist/child/scale.js <core|lru-cache|express-session|floor> <sessions> <quick|full>
 *
 * Builds a pool of `sessions` idle sessions with bindings (in generations of
 * SWEEP_EXPIRED on a clock moved by hand, or on the real clock for pools that
 * read it) and measures, in this order:
 * - memory: heap after − heap before (full GCs around the build) ÷ sessions held;
 * - lookup: batches of lookups of ids drawn at random from the whole pool, ns each;
 * - sweep: one sweep that finds SWEEP_EXPIRED expired sessions, ms each.
 * Beside it (built before the memory measurement, so not counted) is a pool of
 * REFERENCE_SESSIONS, and every lookup batch and sweep alternates between the
 * two: their ratio is how much the figure grew, measured side by side in one
 * process, which a busy machine cannot fake the way it can two runs apart.
 */
import { hrtime } from 'node:process';
import { HOUR_MS, ManualClock, seededRandom } from '../fixtures.js';
import { RollingGenerations } from '../generations.js';
import { collectedHeap, openPool, runMain, type Pool } from './pools.js';
import { LOOKUP_BATCH, REFERENCE_SESSIONS, SWEEP_EXPIRED, type ScaleReport } from './scale-protocol.js';

const LOOKUP_IDS = 100_000;
const WARM = 1_000;

interface Plan {
  lookupBatches: number;
  sweeps: number;
  /** Sweeps stop early once at least 3 ran and this much time went (an O(n) sweep of a million sessions takes seconds). */
  sweepBudgetMs: number;
}

const PLANS: Record<string, Plan> = {
  quick: { lookupBatches: 15, sweeps: 5, sweepBudgetMs: 1_000 },
  full: { lookupBatches: 40, sweeps: 10, sweepBudgetMs: 3_000 },
};

const sinceMs = (start: bigint): number => Number(hrtime.bigint() - start) / 1e6;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** A pool, its clock and how to name its sessions. */
class Sized {
  readonly generations: RollingGenerations;
  #expired = 0;
  #ids: string[] = [];
  #cursor = 0;

  private constructor(
    readonly pool: Pool,
    readonly side: string,
    readonly sessions: number,
    readonly tag: string,
    generations: RollingGenerations,
  ) {
    this.generations = generations;
  }

  /** `sessions` stay live after every sweep: the generations span one TTL. */
  static async open(side: string, sessions: number, tag: string): Promise<Sized> {
    const generations = new RollingGenerations(Date.now(), HOUR_MS, sessions / SWEEP_EXPIRED);
    const pool = await openPool(side, sessions + 2 * SWEEP_EXPIRED, generations.clock);
    return new Sized(pool, side, sessions, tag, generations);
  }

  #id(generation: number | 'live', index: number): string {
    return `${this.tag}-${generation}-${index}`;
  }

  /** Fills the pool: generations on the clock (the oldest expires first), or live sessions on the real clock. */
  async fill(): Promise<void> {
    if (this.pool.usesClock) {
      for (let g = 0; g < this.sessions / SWEEP_EXPIRED; g++) {
        const generation = this.generations.beginGeneration();
        for (let i = 0; i < SWEEP_EXPIRED; i++) await this.pool.add(this.#id(generation, i));
      }
    } else {
      for (let i = 0; i < this.sessions; i++) await this.pool.add(this.#id('live', i));
    }
    const random = seededRandom(0x5ca1e);
    this.#ids = Array.from({ length: Math.min(LOOKUP_IDS, this.sessions) }, () => {
      const index = Math.floor(random() * this.sessions);
      return this.pool.usesClock ? this.#id(Math.floor(index / SWEEP_EXPIRED), index % SWEEP_EXPIRED) : this.#id('live', index);
    });
  }

  /**
   * Untimed lookups of every sampled id: the first touch of a page after the
   * full GCs of the memory measurement costs a fault, which is not what a
   * lookup costs a running server.
   */
  async touchAll(): Promise<void> {
    for (const id of this.#ids) await this.pool.get(id);
  }

  /** One timed batch of lookups of ids drawn from the whole pool: ns per lookup. */
  async lookupBatch(): Promise<number> {
    const start = hrtime.bigint();
    for (let i = 0; i < LOOKUP_BATCH; i++) await this.pool.get(this.#ids[this.#cursor++ % this.#ids.length] as string);
    return Number(hrtime.bigint() - start) / LOOKUP_BATCH;
  }

  /** Expires SWEEP_EXPIRED sessions (untimed), then times one sweep: ms. */
  async sweep(): Promise<number> {
    if (this.pool.usesClock) {
      // The next generation arrives, and the oldest one expires.
      const generation = this.generations.beginGeneration();
      for (let i = 0; i < SWEEP_EXPIRED; i++) await this.pool.add(this.#id(generation, i));
      this.generations.expireOldest();
    } else {
      for (let i = 0; i < SWEEP_EXPIRED; i++) await this.pool.addExpired(`${this.tag}-expired-${this.#expired++}`);
    }
    const start = hrtime.bigint();
    const removed = await this.pool.sweep();
    const ms = sinceMs(start);
    if (removed !== SWEEP_EXPIRED) throw new Error(`a ${this.side} sweep removed ${removed} sessions, expected ${SWEEP_EXPIRED}`);
    return ms;
  }
}

async function main(): Promise<void> {
  const [side, sessionsArg, mode] = process.argv.slice(2);
  const sessions = Number(sessionsArg);
  const plan = PLANS[mode ?? ''];
  if (side === undefined) throw new Error('which side?');
  if (!Number.isInteger(sessions) || sessions < REFERENCE_SESSIONS || sessions % SWEEP_EXPIRED !== 0) {
    throw new Error(`bad session count: ${sessionsArg} (at least ${REFERENCE_SESSIONS}, a multiple of ${SWEEP_EXPIRED})`);
  }
  if (plan === undefined) throw new Error(`bad mode: ${mode} (quick or full)`);
  collectedHeap(); // fails at once without --expose-gc

  // A throwaway pool first, so code, lazy singletons and caches are not counted.
  const warm = await openPool(side, WARM, new ManualClock());
  for (let i = 0; i < WARM; i++) await warm.add(`warm-${i}`);
  await warm.get('warm-0');
  await warm.sweep();
  const reference = sessions === REFERENCE_SESSIONS ? null : await Sized.open(side, REFERENCE_SESSIONS, 'reference');
  await reference?.fill();

  const before = collectedHeap();
  const measured = await Sized.open(side, sessions, 'pool');
  const buildStart = hrtime.bigint();
  await measured.fill();
  const buildMs = sinceMs(buildStart);
  const after = collectedHeap();
  // The other pools stay reachable throughout, so their collection cannot shrink `after`.
  if ((await warm.held()) !== WARM) throw new Error(`the ${side} warm-up pool lost sessions`);
  const held = await measured.pool.held();
  if (held !== sessions) throw new Error(`the ${side} pool holds ${held} sessions, expected ${sessions}`);
  const bytesPerSession = (after - before) / held;

  // One untimed pass each warms the code paths and the pages (see touchAll).
  await measured.touchAll();
  await reference?.touchAll();
  const lookupNs: number[] = [];
  const referenceLookupNs: number[] = [];
  for (let b = 0; b < plan.lookupBatches; b++) {
    lookupNs.push(await measured.lookupBatch());
    if (reference) referenceLookupNs.push(await reference.lookupBatch());
  }
  const sweepMs: number[] = [];
  const referenceSweepMs: number[] = [];
  const sweepsStarted = hrtime.bigint();
  for (let s = 0; s < plan.sweeps; s++) {
    if (s >= 3 && sinceMs(sweepsStarted) > plan.sweepBudgetMs) break;
    sweepMs.push(await measured.sweep());
    if (reference) referenceSweepMs.push(await reference.sweep());
  }
  const report: ScaleReport = {
    side,
    sessions,
    buildMs,
    bytesPerSession,
    lookupNs,
    sweepMs,
    lookupGrowth: reference ? median(lookupNs) / median(referenceLookupNs) : 1,
    sweepGrowth: reference ? median(sweepMs) / median(referenceSweepMs) : 1,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await runMain(main);
