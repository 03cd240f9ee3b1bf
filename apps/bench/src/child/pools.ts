/**
 * The pools the child processes build (memory per session, and the scaling
 * curves): one per side, behind one interface, each holding idle sessions
 * with a signed binding the way that side holds them. Sides that take a clock
 * expire by the one given (core's `clock`, lru-cache's `perf`, the floor's
 * own); legacy and express-session read the real clock, so their expired
 * sessions are created in the past instead.
 */
import { HOUR_MS, SECRET_KEY, TOPIC, type ManualClock } from '../fixtures.js';
import { floorRecord, type FloorRecord } from '../sides/floor.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { loadPeers, type PeerModules } from '../systems.js';

export type PoolSide = 'legacy' | 'core' | 'lru-cache' | 'express-session' | 'floor';

export const POOL_SIDES: readonly PoolSide[] = ['legacy', 'core', 'lru-cache', 'express-session', 'floor'];

export interface Pool {
  /** Whether the pool expires by the clock it was given (else: `addExpired`). */
  readonly usesClock: boolean;
  /** A live session created now (by the pool's clock). */
  add(id: string): Promise<void> | void;
  /** Real-clock pools: a session that is already expired. */
  addExpired(id: string): Promise<void> | void;
  /** A lookup; throws when the session is not there. */
  get(id: string): Promise<void> | void;
  /** Drops the expired sessions; returns how many. */
  sweep(): Promise<number> | number;
  /** Sessions held (read last, which keeps the pool reachable until then). */
  held(): Promise<number> | number;
}

const TTL_MS = HOUR_MS;

async function corePool(capacity: number, clock: ManualClock): Promise<Pool> {
  const core = await import('@sessionkit/core');
  const manager = new core.SimpleSessionManager({ maxSessions: capacity, sessionTtlHours: 1, secretKey: SECRET_KEY, clock });
  return {
    usesClock: true,
    async add(id) {
      await manager.createSession(id, { topic: TOPIC });
    },
    addExpired() {
      throw new Error('core expires by its clock');
    },
    async get(id) {
      if ((await manager.getSession(id)) === null) throw new Error(`core lookup of ${id} missed`);
    },
    sweep: () => manager.cleanupExpiredSessions(),
    held: () => manager.size,
  };
}

async function legacyPool(capacity: number): Promise<Pool> {
  const legacy = await import('@sessionkit/legacy');
  // Signature size does not depend on the iteration count; 600,000 iterations
  // per session would take hours for 50k sessions.
  legacy.setConfig({ pbkdf2Iterations: 1 });
  const manager = new legacy.SessionManager({ maxSessions: capacity, sessionTtlHours: 1 });
  // The old handlers kept a SessionSecurity beside each session.
  const securities: unknown[] = [];
  const add = async (id: string, createdAt: Date): Promise<void> => {
    const session = new legacy.ContextSwitcherSession(id, createdAt, { topic: TOPIC });
    const security = new legacy.SessionSecurity(id);
    session.clientBinding = security.createClientBinding(SECRET_KEY);
    securities.push(security);
    if (!(await manager.addSession(session))) throw new Error('legacy pool refused a session');
  };
  return {
    usesClock: false,
    add: (id) => add(id, new Date()),
    addExpired: (id) => add(id, new Date(Date.now() - 2 * TTL_MS)),
    async get(id) {
      if ((await manager.getSession(id)) === null) throw new Error(`legacy lookup of ${id} missed`);
    },
    sweep: () => manager.cleanupExpiredSessions(),
    held: async () => Math.min((await manager.getStats()).active_sessions, securities.length),
  };
}

function lruPool(peers: PeerModules, capacity: number, clock: ManualClock): Pool {
  const peer = new LruPeer(peers, { max: capacity, ttlMs: TTL_MS, clock });
  return {
    usesClock: true,
    add(id) {
      peer.create(id);
    },
    addExpired() {
      throw new Error('lru-cache expires by its clock');
    },
    get(id) {
      if (peer.get(id) === undefined) throw new Error(`lru-cache lookup of ${id} missed`);
    },
    sweep: () => peer.sweep(),
    held: () => peer.size,
  };
}

function expressPool(peers: PeerModules): Pool {
  const peer = new ExpressPeer(peers, TTL_MS);
  return {
    usesClock: false,
    async add(id) {
      await peer.create(id);
    },
    async addExpired(id) {
      await peer.create(id, Date.now() - 2 * TTL_MS, true);
    },
    async get(id) {
      if ((await peer.get(id)) === undefined) throw new Error(`express-session lookup of ${id} missed`);
    },
    sweep: () => peer.sweep(),
    held: () => peer.size,
  };
}

/** The least an idle session must hold, in an insertion-ordered Map (oldest first, so a sweep stops at the first live one). */
function floorPool(clock: ManualClock): Pool {
  const pool = new Map<string, FloorRecord>();
  return {
    usesClock: true,
    add(id) {
      pool.set(id, floorRecord(id, clock.now()));
    },
    addExpired() {
      throw new Error('the floor expires by its clock');
    },
    get(id) {
      const record = pool.get(id);
      if (record === undefined || clock.now() - record.createdAt > TTL_MS) throw new Error(`floor lookup of ${id} missed`);
    },
    sweep() {
      const now = clock.now();
      let removed = 0;
      for (const [id, record] of pool) {
        if (now - record.createdAt <= TTL_MS) break;
        pool.delete(id);
        removed++;
      }
      return removed;
    },
    held: () => pool.size,
  };
}

/** A pool for `side` with room for `capacity` sessions (lru-cache allocates it up front, as its `max` asks). */
export async function openPool(side: string, capacity: number, clock: ManualClock): Promise<Pool> {
  switch (side) {
    case 'core':
      return corePool(capacity, clock);
    case 'legacy':
      return legacyPool(capacity);
    case 'floor':
      return floorPool(clock);
    case 'lru-cache':
    case 'express-session': {
      const peers = await loadPeers();
      if (!peers.ok) throw new Error(peers.reason);
      return side === 'lru-cache' ? lruPool(peers.module, capacity, clock) : expressPool(peers.module);
    }
    default:
      throw new Error(`unknown side: ${side}`);
  }
}

/** Full garbage collections until the heap settles; returns the heap in use. */
export function collectedHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('this child needs node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Runs a child's main and turns a failure into one line on stderr and exit code 1. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
