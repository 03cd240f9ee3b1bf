#!/usr/bin/env node
// Round trips of @sessionkit/store-redis against a local Redis, and throughput
// with two processes. Prints a Markdown table (and, with --json, the raw
// figures as one JSON line after it).
//
//   pnpm --filter @sessionkit/store-redis build
//   node packages/store-redis/bench/roundtrip.mjs [--samples 2000] [--seconds 3] [--json]
//
// Uses REDIS_URL when set (a unique key prefix per run, removed afterwards),
// else starts its own redis-server on a free loopback port, persistence off.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SimpleSessionManager } from '@sessionkit/core';
import { startRedisServer } from '@sessionkit/core/testing';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../dist/index.js';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '3' },
    inflight: { type: 'string', default: '16' },
    json: { type: 'boolean', default: false },
    // Only the side-by-side mutation comparison (for profiling: node --cpu-prof bench/roundtrip.mjs --only mutation).
    only: { type: 'string' },
    worker: { type: 'string' }, // internal: run as one of the two throughput processes
  },
});
const SAMPLES = Number(args.samples);
const SECONDS = Number(args.seconds);
const IN_FLIGHT = Number(args.inflight);
const WARMUP = Math.min(200, Math.ceil(SAMPLES / 10));

const print = (text) => process.stdout.write(`${text}\n`);

function managerOn(store, maxSessions = 1_000_000) {
  // Real clock, 1 h TTL, and a capacity so large the bench measures round trips, never refusals.
  return new SimpleSessionManager({ secretKey: 'bench-secret', store, maxSessions });
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1000; // µs
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

// ---------------------------------------------------------------------------
// Throughput worker: mutates for `seconds`, `inflight` operations at a time.

async function runWorker(config) {
  const store = new RedisSessionStore({ url: config.url, keyPrefix: config.keyPrefix });
  const manager = managerOn(store);
  const sessions = await Promise.all(config.sessionIds.map((id) => manager.requireSession(id)));
  process.send({ ready: true });
  await new Promise((resolve) => process.once('message', resolve)); // go
  const before = store.counters; // count only what the timed run does (not the initial loads)
  const deadline = performance.now() + config.seconds * 1000;
  let ops = 0;
  let failures = 0;
  const lane = async (laneIndex) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const session = sessions[(laneIndex + i * config.inflight) % sessions.length];
      try {
        if (config.mode === 'shared') {
          await session.atomicUpdate((state) => {
            state.topic = `${process.pid}:${i}`;
          });
        } else {
          await session.recordAnalysis(`p${i}`, { technical: 'answer' }, 0.01);
        }
        ops++;
      } catch {
        failures++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: config.inflight }, (_, i) => lane(i)));
  const elapsed = (performance.now() - started) / 1000;
  const after = store.counters;
  const counters = { conflicts: after.conflicts - before.conflicts, loads: after.loads - before.loads };
  process.send({ ops, failures, opsPerSecond: ops / elapsed, counters });
  await manager.shutdown();
  await store.close();
}

async function throughput(url, keyPrefix, mode) {
  const setupStore = new RedisSessionStore({ url, keyPrefix });
  const setup = managerOn(setupStore);
  const perProcess = mode === 'shared' ? 1 : IN_FLIGHT * 4;
  const idsFor = (p) => (mode === 'shared' ? ['shared-hot'] : Array.from({ length: perProcess }, (_, i) => `tp-${mode}-${p}-${i}`));
  for (const id of new Set([...idsFor(0), ...idsFor(1)])) await setup.createSession(id, { initialPerspectives: ['technical'] });
  await setup.shutdown();
  await setupStore.close();

  const script = fileURLToPath(import.meta.url);
  const children = [0, 1].map((p) =>
    fork(script, ['--worker', JSON.stringify({ url, keyPrefix, sessionIds: idsFor(p), seconds: SECONDS, inflight: IN_FLIGHT, mode })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  // Listen for the exits at once: a worker exits right after it reports, possibly before a later listener.
  const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  const next = (child) => new Promise((resolve) => child.once('message', resolve));
  await Promise.all(children.map(next)); // both ready
  const results = children.map(next);
  for (const child of children) child.send('go');
  const [a, b] = await Promise.all(results);
  await Promise.all(exited);
  return {
    opsPerSecond: a.opsPerSecond + b.opsPerSecond,
    failures: a.failures + b.failures,
    conflicts: a.counters.conflicts + b.counters.conflicts,
    reloads: a.counters.loads + b.counters.loads,
  };
}

// ---------------------------------------------------------------------------
// One mutation, side by side: what the store costs beside the round trip it
// cannot avoid. Each round runs every side once, in rotating order, on its own
// connection, so noise from other work on the machine hits them alike.

/** The least a compare-and-set mutation can do: read rev, compare, write the state and rev, publish. */
const MINIMAL_CAS = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rev')) or 0
if current ~= tonumber(ARGV[1]) then return {1, current} end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'rev', current + 1)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return {2, current + 1}
`;

async function mutationSideBySide(url, keyPrefix) {
  const store = new RedisSessionStore({ url, keyPrefix });
  const manager = managerOn(store);
  const raw = new Redis(url);
  const channel = `${keyPrefix}bench-cas`;
  const noopSha = await raw.script('LOAD', 'return 1');
  const casSha = await raw.script('LOAD', MINIMAL_CAS);
  await raw.set(`${keyPrefix}plain`, 'x'.repeat(64));

  // The same shape of session as the mutation row above: two perspectives, at most ~11 analyses.
  const POOL = 100;
  const ids = Array.from({ length: POOL }, (_, i) => `mut-${i}`);
  const live = [];
  for (const id of ids) live.push(await manager.createSession(id, { initialPerspectives: ['technical', 'risk'] }));
  // store.save alone, without core, on copies of the same sessions under a second prefix (so the two never conflict).
  const directStore = new RedisSessionStore({ url, keyPrefix: `${keyPrefix}direct:` });
  const directStates = [];
  for (const session of live) {
    const state = { ...(await session.exportState()), session_id: `d-${session.sessionId}` };
    await directStore.create(state, { expiresAtMs: Date.now() + 3_600_000, maxSessions: 1_000_000 });
    directStates.push({ state, revision: 1 });
  }
  const casKeys = ids.map((id) => `${keyPrefix}cas{${id}}`);
  const casRevs = ids.map(() => 0);
  const casPayloads = [];

  const sides = {
    'raw GET': async () => {
      await raw.get(`${keyPrefix}plain`);
    },
    'raw EVALSHA (no-op script)': async () => {
      await raw.evalsha(noopSha, 0);
    },
    'minimal CAS script (same bytes as the store writes)': async (i) => {
      const slot = i % POOL;
      const reply = await raw.evalsha(casSha, 1, casKeys[slot], casRevs[slot], casPayloads[slot], channel, `{"sessionId":"${ids[slot]}","kind":"changed"}`);
      casRevs[slot] = reply[1];
    },
    'minimal CAS script + JSON.stringify of the state (what any store must add)': async (i) => {
      const slot = i % POOL;
      const text = JSON.stringify(directStates[slot].state);
      const reply = await raw.evalsha(casSha, 1, casKeys[slot], casRevs[slot], text, channel, `{"sessionId":"${ids[slot]}","kind":"changed"}`);
      casRevs[slot] = reply[1];
    },
    'store.save alone (the store: serialize, script, reply)': async (i) => {
      const slot = i % POOL;
      const entry = directStates[slot];
      const result = await directStore.save(entry.state, entry.revision);
      if (!result.ok) throw new Error('unexpected conflict in the bench');
      entry.revision = result.revision;
    },
    'store mutation (session.recordAnalysis: core + store)': async (i) => {
      await live[i % POOL].recordAnalysis(`prompt ${i}`, { technical: 'a', risk: '[NO_RESPONSE]' }, 0.1);
    },
  };
  const names = Object.keys(sides);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const rounds = WARMUP + SAMPLES;
  for (let i = 0; i < rounds; i++) {
    // Keep every side writing what the store writes for this session now.
    const slot = i % POOL;
    if (slot === 0) {
      if (i > 0 && i % (POOL * 10) === 0) {
        // Keep states small: start the recorded sessions over (untimed).
        for (const [k, id] of ids.entries()) {
          await manager.removeSession(id);
          live[k] = await manager.createSession(id, { initialPerspectives: ['technical', 'risk'] });
        }
      }
    }
    const size = JSON.stringify(await live[slot].exportState()).length;
    casPayloads[slot] = 'x'.repeat(size);
    const { created_at } = directStates[slot].state; // a session's creation time never changes (the store refuses that)
    directStates[slot].state = { ...(await live[slot].exportState()), session_id: `d-${ids[slot]}`, created_at };
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const us = await timed(() => sides[name](i));
      if (i >= WARMUP) samples[name].push(us);
      // Untimed: what a side leaves for the event loop (its invalidation arriving, delivered after the save) must
      // not land in the next side's time.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await manager.shutdown();
  await Promise.all([store.close(), directStore.close()]);
  raw.disconnect();
  return names.map((name) => ({ workload: name, ...percentiles(samples[name]) }));
}

async function removeKeys(url, keyPrefix) {
  const client = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  const info = await client.info('server');
  client.disconnect();
  return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
}

async function main() {
  const own = process.env.REDIS_URL ? undefined : await startRedisServer(); // a private one, persistence off
  const url = process.env.REDIS_URL ?? own.url;
  const keyPrefix = `skbench:${randomBytes(4).toString('hex')}:`;
  const rows = [];
  let side = [];
  let meta;
  try {
    side = await mutationSideBySide(url, keyPrefix);
    if (args.only === 'mutation') return printSideBySide(side, url);
    // Single process: one manager creates and mutates; a second one (empty cache) loads.
    const writerStore = new RedisSessionStore({ url, keyPrefix });
    const readerStore = new RedisSessionStore({ url, keyPrefix });
    const writer = managerOn(writerStore);
    const reader = managerOn(readerStore);
    const ids = Array.from({ length: WARMUP + SAMPLES }, (_, i) => `rt-${i}`);

    const createSamples = [];
    for (const [i, id] of ids.entries()) {
      const us = await timed(() => writer.createSession(id, { initialPerspectives: ['technical', 'risk'] }));
      if (i >= WARMUP) createSamples.push(us);
    }
    const getSamples = [];
    for (const [i, id] of ids.entries()) {
      const us = await timed(() => reader.getSession(id));
      if (i >= WARMUP) getSamples.push(us);
    }
    // Mutations spread over 200 sessions, so each state stays small (≤ ~11 analyses).
    const live = await Promise.all(ids.slice(0, 200).map((id) => writer.requireSession(id)));
    const mutationSamples = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const session = live[i % live.length];
      const us = await timed(() => session.recordAnalysis(`prompt ${i}`, { technical: 'a', risk: '[NO_RESPONSE]' }, 0.1));
      if (i >= WARMUP) mutationSamples.push(us);
    }
    await Promise.all([writer.shutdown(), reader.shutdown()]);
    await Promise.all([writerStore.close(), readerStore.close()]);

    rows.push({ workload: 'create (createSession: reserve + create scripts)', ...percentiles(createSamples) });
    rows.push({ workload: 'get, cold (getSession in another manager: load + restore)', ...percentiles(getSamples) });
    rows.push({ workload: 'mutation (recordAnalysis: compare-and-set save)', ...percentiles(mutationSamples) });

    const distinct = await throughput(url, keyPrefix, 'distinct');
    rows.push({
      workload: `throughput, 2 processes × ${IN_FLIGHT} in flight, recordAnalysis on distinct sessions`,
      opsPerSecond: distinct.opsPerSecond,
      note: `${distinct.conflicts} conflicts, ${distinct.reloads} reloads, ${distinct.failures} failures`,
    });
    const shared = await throughput(url, keyPrefix, 'shared');
    rows.push({
      workload: `throughput, 2 processes × ${IN_FLIGHT} in flight, atomicUpdate on ONE shared session`,
      opsPerSecond: shared.opsPerSecond,
      note: `${shared.conflicts} conflicts retried, ${shared.reloads} reloads, ${shared.failures} failures`,
    });
  } finally {
    const version = await removeKeys(url, keyPrefix);
    await own?.dispose();
    meta = { redis: version, node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  }

  const fmt = (us) => (us === undefined ? '' : us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${Math.round(us)} µs`);
  print(
    `Redis ${meta.redis} on loopback, Node ${meta.node}, ${meta.cpus} × ${meta.cpu}; ${SAMPLES} samples after ${WARMUP} warm-up, throughput over ${SECONDS} s`,
  );
  print('');
  print('| workload | p50 | p99 | ops/s | notes |');
  print('|---|---:|---:|---:|---|');
  for (const row of rows) {
    print(
      `| ${row.workload} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.opsPerSecond === undefined ? '' : Math.round(row.opsPerSecond).toLocaleString('en-US')} | ${row.note ?? ''} |`,
    );
  }
  print('');
  printSideBySide(side);
  if (args.json) print(JSON.stringify({ meta, rows, side }));
}

function printSideBySide(side) {
  const fmt = (us) => `${Math.round(us)} µs`;
  const cas = side.find((row) => row.workload.startsWith('minimal CAS script (same'));
  print(`One mutation, side by side (${SAMPLES} rounds, every side once per round, rotating order):`);
  print('');
  print('| side | p50 | p99 | p50 / minimal CAS |');
  print('|---|---:|---:|---:|');
  for (const row of side) print(`| ${row.workload} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${(row.p50 / cas.p50).toFixed(2)}× |`);
}

if (args.worker !== undefined) await runWorker(JSON.parse(args.worker));
else await main();
