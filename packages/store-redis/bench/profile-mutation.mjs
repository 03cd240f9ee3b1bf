#!/usr/bin/env node
// One kind of mutation in a loop, for a CPU profile of it alone:
//
//   pnpm --filter @sessionkit/store-redis build
//   REDIS_URL=redis://127.0.0.1:6379 node --cpu-prof --cpu-prof-dir=/tmp/prof \
//     packages/store-redis/bench/profile-mutation.mjs <mode> [count]
//
// Modes: `record` (session.recordAnalysis: core + store), `save` (store.save
// alone, subscribed as a manager's store is), `save-unsubscribed`, `cas` (a
// minimal compare-and-set script, pre-serialized state), `cas-stringify` (the
// same, serializing the state each time). Prints wall and CPU time per op.
// Uses its own key prefix on REDIS_URL and deletes it afterwards.
import { randomBytes } from 'node:crypto';
import { SimpleSessionManager } from '@sessionkit/core';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../dist/index.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const mode = process.argv[2] ?? 'record';
const N = Number(process.argv[3] ?? 20000);
const keyPrefix = `skprof:${randomBytes(4).toString('hex')}:`;
const POOL = 100;

const store = new RedisSessionStore({ url, keyPrefix });
const manager = new SimpleSessionManager({ secretKey: 'profile-secret', store, maxSessions: 1e6 });
const ids = Array.from({ length: POOL }, (_, i) => `p-${i}`);
const live = [];
for (const id of ids) live.push(await manager.createSession(id, { initialPerspectives: ['technical', 'risk'] }));
for (let i = 0; i < POOL * 5; i++) await live[i % POOL].recordAnalysis(`prompt ${i}`, { technical: 'a', risk: '[NO_RESPONSE]' }, 0.1);

// store.save works on copies under their own ids, so it never conflicts with the manager's sessions.
const direct = [];
for (const session of live) {
  const state = { ...(await session.exportState()), session_id: `d-${session.sessionId}` };
  await store.create(state, { expiresAtMs: Date.now() + 3_600_000, maxSessions: 1e6 });
  direct.push({ state, revision: 1 });
}
await manager.requireSession(ids[0]); // the manager's subscription is active: every save is heard, as in production
const quiet = new RedisSessionStore({ url, keyPrefix }); // no subscription on this one

const raw = new Redis(url);
const casSha = await raw.script(
  'LOAD',
  `local current = tonumber(redis.call('HGET', KEYS[1], 'rev')) or 0
if current ~= tonumber(ARGV[1]) then return {1, current} end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'rev', current + 1)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return {2, current + 1}`,
);
const payload = JSON.stringify(direct[0].state);
const casRevisions = ids.map(() => 0);

async function saveWith(target, k) {
  const entry = direct[k];
  const result = await target.save(entry.state, entry.revision);
  if (!result.ok) throw new Error('unexpected conflict');
  entry.revision = result.revision;
}

const modes = {
  record: (i, k) => live[k].recordAnalysis(`prompt ${i}`, { technical: 'a', risk: '[NO_RESPONSE]' }, 0.1),
  save: (_, k) => saveWith(store, k),
  'save-unsubscribed': (_, k) => saveWith(quiet, k),
  cas: async (_, k) => {
    casRevisions[k] = (await raw.evalsha(casSha, 1, `${keyPrefix}cas{${k}}`, casRevisions[k], payload, 'unheard', 'm'))[1];
  },
  'cas-stringify': async (_, k) => {
    const text = JSON.stringify(direct[k].state);
    casRevisions[k] = (await raw.evalsha(casSha, 1, `${keyPrefix}cas{${k}}`, casRevisions[k], text, 'unheard', 'm'))[1];
  },
};
const run = modes[mode];
if (run === undefined) throw new Error(`unknown mode ${mode}; one of ${Object.keys(modes).join(', ')}`);

const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < N; i++) await run(i, i % POOL);
const wall = ((performance.now() - started) * 1000) / N;
const cpu = process.cpuUsage(cpuBefore);
console.log(`${mode}: ${wall.toFixed(1)} µs/op wall, CPU ${(cpu.user / N).toFixed(1)} µs user + ${(cpu.system / N).toFixed(1)} µs system per op`);

await manager.shutdown();
await Promise.all([store.close(), quiet.close()]);
let cursor = '0';
do {
  const [next, keys] = await raw.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length > 0) await raw.del(...keys);
} while (cursor !== '0');
raw.disconnect();
