import { hrtime } from 'node:process';
import { HOUR_MS } from '../fixtures.js';
import { RollingGenerations } from '../generations.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { floorSession, type FloorSession } from '../sides/floor.js';
import { addLegacyPoolSession, legacyManager } from '../sides/legacy.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { defineScenarioWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

const LIVE = 100_000;
/** Quick mode sweeps a smaller pool (five sides' worth of set-up); the `scale` curves cover sweeps up to 100,000 there. */
const QUICK_LIVE = 20_000;
const EXPIRED = 1_000;
const TTL_MS = HOUR_MS;

const liveOf = (ctx: WorkloadContext): number => (ctx.quick ? QUICK_LIVE : LIVE);
/** Sessions are created in generations of EXPIRED; live / EXPIRED generations span exactly one TTL. */
const generationsOf = (ctx: WorkloadContext): number => liveOf(ctx) / EXPIRED;

function timedSweep(sweep: () => Promise<number> | number): () => Promise<{ values: number[]; ops: number; elapsedNs: number }> {
  return async () => {
    const start = hrtime.bigint();
    const removed = await sweep();
    const elapsedNs = Number(hrtime.bigint() - start);
    if (removed !== EXPIRED) throw new Error(`a sweep removed ${removed} sessions, expected ${EXPIRED}`);
    return { values: [elapsedNs / 1e6], ops: 1, elapsedNs };
  };
}

/** A side on the manual clock: builds the pool in generations, then each sample expires the oldest and sweeps. */
async function rollingSide(
  addSession: (id: string, generations: RollingGenerations) => unknown,
  prefix: string,
  sweep: () => Promise<number> | number,
  generations: RollingGenerations,
) {
  const addGeneration = async (): Promise<void> => {
    const generation = generations.beginGeneration();
    for (let i = 0; i < EXPIRED; i++) await addSession(`${prefix}-${generation}-${i}`, generations);
  };
  for (let g = 0; g <= generations.live; g++) await addGeneration();
  const timed = timedSweep(sweep);
  let first = true;
  return {
    async sample() {
      if (!first) await addGeneration();
      first = false;
      generations.expireOldest();
      return timed();
    },
  };
}

export const sweepWorkload = defineScenarioWorkload({
  id: 'sweep',
  title: `one expiry sweep, ${LIVE.toLocaleString('en-US')} live (${QUICK_LIVE.toLocaleString('en-US')} in quick mode) + ${EXPIRED.toLocaleString('en-US')} expired`,
  unit: 'ms',
  notes: [
    `Each sample first adds ${EXPIRED.toLocaleString('en-US')} expired sessions (untimed), then times one sweep; a sweep that removes any other number fails the workload.`,
    "core, lru-cache and the floor expire by a manual clock (core's injectable clock, lru-cache's perf option); legacy and express-session, which read the real clock, get sessions created (or cookies expired) in the past. Legacy's sessions are built (untimed) with bindings of the real shape but no KDF run.",
    "Sweeps: core's cleanupExpiredSessions (an age index), legacy's cleanupExpiredSessions (a scan), lru-cache's purgeStale (a scan), express-session MemoryStore's all() (parses every session; the only call that drops expired sessions nobody reads). Floor: delete from the front of an insertion-ordered Map.",
  ],
  budgetMs: { quick: 2_000, full: 6_000 },
  plan: (ctx) => ({ warmupSamples: 1, minRounds: ctx.quick ? 3 : 5 }),
  async legacy(legacy, ctx) {
    const manager = legacyManager(legacy, liveOf(ctx) + EXPIRED);
    let next = 0;
    for (let i = 0; i < liveOf(ctx); i++) await addLegacyPoolSession(legacy, manager, `sweep-legacy-${next++}`);
    const sweep = timedSweep(() => manager.cleanupExpiredSessions());
    return {
      async sample() {
        const expiredAt = new Date(Date.now() - 2 * TTL_MS);
        for (let i = 0; i < EXPIRED; i++) await addLegacyPoolSession(legacy, manager, `sweep-legacy-${next++}`, expiredAt);
        return sweep();
      },
    };
  },
  async core(core, ctx) {
    const generations = new RollingGenerations(Date.now(), TTL_MS, generationsOf(ctx));
    const manager = coreManager(core, liveOf(ctx) + 2 * EXPIRED, generations.clock);
    return rollingSide(
      (id) => createCoreSession(manager, id),
      'sweep-core',
      () => manager.cleanupExpiredSessions(),
      generations,
    );
  },
  async 'lru-cache'(peers, ctx) {
    const generations = new RollingGenerations(Date.now(), TTL_MS, generationsOf(ctx));
    const peer = new LruPeer(peers, { max: liveOf(ctx) + 2 * EXPIRED, ttlMs: TTL_MS, clock: generations.clock });
    return rollingSide(
      (id) => peer.create(id),
      'sweep-lru',
      () => peer.sweep(),
      generations,
    );
  },
  async 'express-session'(peers, ctx) {
    const peer = new ExpressPeer(peers, TTL_MS);
    let next = 0;
    for (let i = 0; i < liveOf(ctx); i++) await peer.create(`sweep-express-${next++}`);
    const sweep = timedSweep(() => peer.sweep());
    return {
      async sample() {
        for (let i = 0; i < EXPIRED; i++) await peer.create(`sweep-express-${next++}`, Date.now(), true);
        return sweep();
      },
    };
  },
  async floor(ctx) {
    const generations = new RollingGenerations(Date.now(), TTL_MS, generationsOf(ctx));
    // Insertion order is creation order, so the oldest sessions are at the front.
    const pool = new Map<string, FloorSession>();
    const sweep = () => {
      const now = generations.clock.now();
      let removed = 0;
      for (const [id, session] of pool) {
        if (now - session.createdAt <= TTL_MS) break;
        pool.delete(id);
        removed++;
      }
      return removed;
    };
    return rollingSide((id, gens) => pool.set(id, floorSession(id, gens.clock.now())), 'sweep-floor', sweep, generations);
  },
});
