/**
 * Fault injection against a real redis-server: freeze, kill -9 and restart,
 * a slow link, a busy server, a full server, a cut and a black-holed network.
 * Two managers write the same sessions throughout (test/support/fault-run.ts);
 * for each fault the suite records what the callers saw (error codes,
 * latencies) and what Redis held afterwards (every state restores, no
 * acknowledged write lost, nothing half-written or applied twice), and prints
 * the counts.
 *
 * `pnpm test` runs one injection of each, held ~1 s (~12 s in all). The
 * package's `test:stress` (part of the repository's `pnpm test:stress`) runs
 * SESSIONKIT_FAULT_ROUNDS injections of each (default there 3), each held
 * SESSIONKIT_FAULT_HOLD_MS (default there 1500); raise both for a longer hunt.
 */
import { Session, type SessionStateJSON } from '@sessionkit/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { RedisSessionStore } from '../src/index.js';
import { FaultRun, type Outcome, type Verification } from './support/fault-run.js';
import { describeWithOwnRedis, uniquePrefix } from './support/redis.js';
import { type RedisServer, startRedisServer } from '@sessionkit/core/testing';
import { TcpProxy } from './support/tcp-proxy.js';

const ROUNDS = Math.max(1, Number(process.env.SESSIONKIT_FAULT_ROUNDS ?? 1));
/** How long each fault lasts: long enough for many calls to meet it, several times the timeout. */
const HOLD_MS = Number(process.env.SESSIONKIT_FAULT_HOLD_MS ?? 1000);
const COMMAND_TIMEOUT_MS = 300;
/** Every acknowledged write is on disk before its reply: a kill -9 must lose none. */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always', '--enable-debug-command', 'yes'];

interface Lab {
  server: RedisServer;
  proxy: TcpProxy | undefined;
  /** A connection straight to Redis, for the fault's own commands. */
  admin: Redis;
}

interface Fault {
  name: string;
  viaProxy?: boolean;
  inject(lab: Lab, run: FaultRun): Promise<void>;
  heal(lab: Lab): Promise<void>;
  /** Checks made while the fault lasts. */
  meanwhile?(lab: Lab, run: FaultRun): Promise<void>;
  /** What the callers must have seen during the fault. */
  expectDuring(outcomes: Outcome[]): void;
}

interface Row {
  fault: string;
  injected: number;
  during: Record<string, number>;
  maxMsDuring: number;
  recoveryMs: number;
  calls: number;
  unbounded: number;
  after: Verification;
}

const rows: Row[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const count = (outcomes: Outcome[], result: string) => outcomes.filter((outcome) => outcome.result === result).length;
const tally = (outcomes: Outcome[]) => {
  const seen: Record<string, number> = {};
  for (const { result } of outcomes) seen[result] = (seen[result] ?? 0) + 1;
  return seen;
};

/** Each call during the fault either succeeded or failed with SESSION_STORE_UNAVAILABLE, and some failed. */
function someUnavailable(outcomes: Outcome[]): void {
  expect(outcomes.filter((o) => o.result !== 'ok' && o.result !== 'SESSION_STORE_UNAVAILABLE')).toEqual([]);
  expect(count(outcomes, 'SESSION_STORE_UNAVAILABLE')).toBeGreaterThan(0);
}

const faults: Fault[] = [
  {
    name: 'freeze: SIGSTOP, then SIGCONT',
    async inject({ server }) {
      server.pause();
    },
    async heal({ server }) {
      server.resume();
    },
    expectDuring: someUnavailable,
  },
  {
    name: 'kill -9, restart from its append-only file',
    async inject({ server }) {
      await server.stop(); // SIGKILL
    },
    async heal({ server }) {
      await server.start();
    },
    expectDuring: someUnavailable,
  },
  {
    name: 'slow link: every chunk delayed 40 ms each way',
    viaProxy: true,
    async inject({ proxy }) {
      (proxy as TcpProxy).delayMs = 40;
    },
    async heal({ proxy }) {
      (proxy as TcpProxy).delayMs = 0;
    },
    expectDuring(outcomes) {
      // Slower than the timeout never: every call succeeds, after at least the 80 ms round trip.
      expect(tally(outcomes)).toEqual({ ok: outcomes.length });
      expect(Math.min(...outcomes.map((o) => o.ms))).toBeGreaterThanOrEqual(75);
    },
  },
  {
    name: `busy server: DEBUG SLEEP longer than commandTimeoutMs`,
    async inject({ admin }) {
      void admin.debug('SLEEP', String(HOLD_MS / 1000)).catch(() => undefined); // blocks Redis; replies when done
    },
    async heal() {
      // It wakes up by itself.
    },
    expectDuring: someUnavailable,
  },
  {
    name: 'full: maxmemory reached, noeviction',
    async inject({ server, admin }, run) {
      await onOwnStore(server.url, run, (store) => store.create(spareState(), { expiresAtMs: Date.now() + 3_600_000, maxSessions: 1000 }));
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'maxmemory', '1');
    },
    async heal({ admin }) {
      await admin.config('SET', 'maxmemory', '0');
    },
    async meanwhile({ server }, run) {
      // Reads are still served, and removing a session (how a full Redis gets room again) still works.
      await expect(onOwnStore(server.url, run, (store) => loadAll(store, run))).resolves.toBe(run.sessionIds.length);
      await expect(onOwnStore(server.url, run, (store) => store.delete(SPARE))).resolves.toBe(true);
      // A refused write says so: unlike a timeout, it certainly did not happen.
      const refused = onOwnStore(server.url, run, (store) => store.create(spareState(), { expiresAtMs: Date.now() + 3_600_000, maxSessions: 1000 }));
      await expect(refused).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE', message: expect.stringContaining('nothing was written') });
    },
    expectDuring(outcomes) {
      // Refused whole and at once, not at the timeout.
      someUnavailable(outcomes);
      const refused = outcomes.filter((o) => o.result === 'SESSION_STORE_UNAVAILABLE');
      expect(Math.max(...refused.map((o) => o.ms))).toBeLessThan(COMMAND_TIMEOUT_MS);
    },
  },
  {
    name: 'network cut: every connection reset, new ones refused',
    viaProxy: true,
    async inject({ proxy }) {
      await (proxy as TcpProxy).cut();
    },
    async heal({ proxy }) {
      await (proxy as TcpProxy).restore();
    },
    expectDuring: someUnavailable,
  },
  {
    name: 'network black hole: connections open, nothing flows',
    viaProxy: true,
    async inject({ proxy }) {
      (proxy as TcpProxy).pause();
    },
    async heal({ proxy }) {
      (proxy as TcpProxy).resume();
    },
    expectDuring: someUnavailable,
  },
];

/** Runs `work` on a store of its own on the run's keys (straight to Redis), closed afterwards. */
async function onOwnStore<T>(url: string, run: FaultRun, work: (store: RedisSessionStore) => Promise<T>): Promise<T> {
  const store = new RedisSessionStore({ url, keyPrefix: run.keyPrefix, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Loads every session of the run (the store checks each hash); resolves with how many it found. */
async function loadAll(store: RedisSessionStore, run: FaultRun): Promise<number> {
  let loaded = 0;
  for (const sessionId of run.sessionIds) if ((await store.load(sessionId)) !== null) loaded++;
  return loaded;
}

const SPARE = 'spare';
const spareTemplate = await new Session(SPARE, { secretKey: 'fault-secret' }).exportState();
function spareState(): SessionStateJSON {
  return { ...spareTemplate, created_at: new Date().toISOString() };
}

describeWithOwnRedis('RedisSessionStore under injected faults', () => {
  it.each(faults)('$name', { timeout: 20_000 + ROUNDS * (HOLD_MS + 5_000) }, async (fault) => {
    const server = await startRedisServer({ args: DURABLE });
    cleanups.push(() => server.dispose());
    const proxy = fault.viaProxy ? await TcpProxy.start(server.port) : undefined;
    if (proxy !== undefined) cleanups.push(() => proxy.close());
    const admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
    admin.on('error', () => undefined);
    cleanups.push(async () => admin.disconnect());
    const lab: Lab = { server, proxy, admin };

    const run = await FaultRun.start({
      storeUrl: proxy?.url ?? server.url,
      redisUrl: server.url,
      keyPrefix: uniquePrefix(),
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    });
    cleanups.push(() => run.close());
    run.startWriters();
    await run.succeeded(30);

    const during: Outcome[] = [];
    let recoveryMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const injectingAt = performance.now();
      await fault.inject(lab, run);
      const injectedAt = performance.now(); // calls that start from here on meet the fault
      await fault.meanwhile?.(lab, run);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, HOLD_MS - (performance.now() - injectingAt))));
      await fault.heal(lab);
      const healedAt = performance.now();
      during.push(...run.between(injectedAt, healedAt));
      await run.succeeded(30); // it recovers by itself
      const firstOk = run.outcomes.find((o) => o.result === 'ok' && o.startedAt >= healedAt);
      recoveryMs = Math.max(recoveryMs, (firstOk?.startedAt ?? healedAt) + (firstOk?.ms ?? 0) - healedAt);
    }
    await run.stopWriters();
    const after = await run.verify();
    const unbounded = run.unboundedWaits();
    rows.push({
      fault: fault.name,
      injected: ROUNDS,
      during: tally(during),
      maxMsDuring: Math.max(...during.map((o) => o.ms)),
      recoveryMs,
      calls: run.outcomes.length,
      unbounded: unbounded.length,
      after,
    });

    fault.expectDuring(during);
    expect(unbounded).toEqual([]);
    expect(after.problems).toEqual([]);
    expect(after.restored).toBe(after.sessions);
    expect(after.lost).toBe(0);
    expect(after.acknowledged).toBeGreaterThanOrEqual(30 * (ROUNDS + 1)); // the warm-up, and the recovery after each round
  });

  afterAll(() => {
    if (rows.length === 0) return;
    const lines = [
      '',
      '[store-redis faults] per fault: what the callers saw while it lasted, and what Redis held afterwards',
      '| fault | injected | calls during it | slowest call during it | recovered within | Redis after |',
      '|---|---:|---|---:|---:|---|',
      ...rows.map(
        (row) =>
          `| ${row.fault} | ${row.injected} | ${Object.entries(row.during)
            .map(([result, n]) => `${n} ${result}`)
            .join(
              ', ',
            )} | ${Math.round(row.maxMsDuring)} ms | ${Math.round(row.recoveryMs)} ms | ${row.after.restored}/${row.after.sessions} states restore, ${row.after.acknowledged} acknowledged writes, ${row.after.lost} lost, ${row.after.appliedUnacknowledged} timed-out writes applied (whole), ${row.after.problems.length} problems |`,
      ),
      `[store-redis faults] faults injected: ${rows.reduce((n, row) => n + row.injected, 0)}, operations: ${rows.reduce((n, row) => n + row.calls, 0)}, ` +
        `lost updates: ${rows.reduce((n, row) => n + row.after.lost, 0)}, unbounded waits: ${rows.reduce((n, row) => n + row.unbounded, 0)}`,
      '',
    ];
    console.log(lines.join('\n'));
  });
});
