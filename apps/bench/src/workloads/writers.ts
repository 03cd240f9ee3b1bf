/**
 * Update under contention: W writers record analyses on ONE session at the
 * same time, for W from 1 to 64, and the session is read afterwards to count
 * what was lost. Core serialises them on the session's lock, lru-cache +
 * async-mutex on the session's mutex; express-session's MemoryStore does what
 * express-session does per request (get, change, set), so concurrent writers
 * overwrite each other. The figure is time per update at that many writers.
 */
import { hrtime } from 'node:process';
import type { ScenarioSample, ScenarioSide } from '../harness.js';
import { PROMPT, RESPONSES } from '../fixtures.js';
import { coreManager, createCoreSession } from '../sides/core.js';
import { ExpressPeer } from '../sides/peers/express.js';
import { LruPeer } from '../sides/peers/lru.js';
import { recordPeerAnalysis } from '../sides/peers/record.js';
import { floorSession } from '../sides/floor.js';
import { defineScenarioCurve } from './define.js';

/** Updates per sample, split evenly over the writers. */
const UPDATES = 128;
const FULL_WRITERS = [1, 2, 4, 8, 16, 32, 64];
const QUICK_WRITERS = [1, 4, 16, 64];

/**
 * One sample: a fresh session (untimed), `writers` lanes each making its share
 * of the updates one after another, all lanes at once; then (untimed) how
 * many updates the session holds.
 */
async function sample(writers: number, fresh: () => Promise<{ update(): Promise<unknown>; held(): Promise<number> | number }>): Promise<ScenarioSample> {
  const target = await fresh();
  const each = UPDATES / writers;
  const start = hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < each; i++) await target.update();
    }),
  );
  const elapsedNs = Number(hrtime.bigint() - start);
  const held = await target.held();
  return { values: [elapsedNs / UPDATES], ops: UPDATES, elapsedNs, lostUpdates: { lost: UPDATES - held, of: UPDATES } };
}

function side(writers: number, fresh: () => Promise<{ update(): Promise<unknown>; held(): Promise<number> | number }>): ScenarioSide {
  return { sample: () => sample(writers, fresh) };
}

export const writersWorkload = defineScenarioCurve({
  id: 'writers',
  title: 'concurrent writers recording analyses on one session (lost updates counted)',
  unit: 'ns/op',
  notes: [
    `Each sample: a fresh session, then W writers at once making ${UPDATES} recordAnalysis-style updates between them (${UPDATES}/W each, one after another); time per update, and the updates missing from the session afterwards.`,
    "core: session.recordAnalysis (the session's own lock). lru-cache + async-mutex: the same record appended under the session's Mutex. express-session MemoryStore: get, append, set, as a request handler does; writers that interleave overwrite each other (last write wins). Floor: push the record (nothing interleaves a synchronous push).",
    `The row shows 16 writers; the curve runs W = ${FULL_WRITERS.join(', ')} (quick: ${QUICK_WRITERS.join(', ')}).`,
  ],
  budgetMs: { quick: 2_000, full: 7_000 },
  curve: { id: 'writers', title: 'time per update with W writers on one session', param: 'writers' },
  xs: (ctx) => (ctx.quick ? QUICK_WRITERS : FULL_WRITERS),
  representative: 16,
  plan: (ctx) => ({ warmupSamples: 2, minRounds: ctx.quick ? 3 : 5 }),
  factories: (writers) => ({
    core(core) {
      const manager = coreManager(core, 10);
      let generation = 0;
      return side(writers, async () => {
        const id = `writers-core-${generation++}`;
        await manager.removeSession(`writers-core-${generation - 2}`);
        const session = await createCoreSession(manager, id);
        return { update: () => session.recordAnalysis(PROMPT, { ...RESPONSES }, 1.25), held: () => session.analysisCount };
      });
    },
    'lru-cache'(peers) {
      const peer = new LruPeer(peers, { max: 10 });
      let generation = 0;
      return side(writers, async () => {
        const session = peer.create(`writers-lru-${generation++}`);
        return {
          update: () => session.update((data) => recordPeerAnalysis(data, PROMPT, RESPONSES, Date.now())),
          held: () => session.data.analyses.length,
        };
      });
    },
    'express-session'(peers) {
      let generation = 0;
      return side(writers, async () => {
        const peer = new ExpressPeer(peers); // a fresh store per sample: the last one's sessions go
        const id = `writers-express-${generation++}`;
        await peer.create(id);
        return {
          update: () => peer.update(id, (data) => recordPeerAnalysis(data, PROMPT, RESPONSES, Date.now())),
          held: async () => (await peer.get(id))?.analyses.length ?? 0,
        };
      });
    },
    floor() {
      let generation = 0;
      return side(writers, async () => {
        const session = floorSession(`writers-floor-${generation++}`);
        return {
          update: async () => {
            session.analyses.push({ prompt: PROMPT, timestamp: Date.now(), responses: { ...RESPONSES } });
            session.version++;
          },
          held: () => session.analyses.length,
        };
      });
    },
  }),
});
