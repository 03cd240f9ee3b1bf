import { hrtime } from 'node:process';
import { childScript, runChild } from '../child/spawn.js';
import type { ScenarioSide } from '../harness.js';
import type { SideName } from '../results.js';
import { defineScenarioWorkload } from './define.js';
import type { WorkloadContext } from './types.js';

const SESSIONS = 50_000;
/** Quick mode: five children at once on a 2-core runner; the `scale` curves cover memory up to 100,000 there. */
const QUICK_SESSIONS = 20_000;

interface MemoryReport {
  bytesPerSession: number;
}

/** One fresh `node --expose-gc` per sample. */
function memorySide(side: SideName, ctx: WorkloadContext): ScenarioSide {
  const script = childScript('memory');
  const sessions = ctx.quick ? QUICK_SESSIONS : SESSIONS;
  return {
    async sample() {
      const start = hrtime.bigint();
      const report = await runChild<MemoryReport>(script, [side, String(sessions)], ['--expose-gc']);
      return { values: [report.bytesPerSession], ops: 1, elapsedNs: Number(hrtime.bigint() - start) };
    },
  };
}

export const memoryWorkload = defineScenarioWorkload({
  id: 'memory',
  title: `retained heap per idle session with a binding (${SESSIONS.toLocaleString('en-US')} sessions; ${QUICK_SESSIONS.toLocaleString('en-US')} in quick mode)`,
  unit: 'bytes',
  claim: { text: '2.5 KB → 1.8 KB', legacy: 2.5 * 1024, core: 1.8 * 1024 },
  notes: [
    `A fresh \`node --expose-gc\` per sample (the sides' children run at the same time: heap sizes do not depend on CPU): heap after − heap before (both after full GCs, the pool built in between) ÷ sessions.`,
    'legacy keeps session + SessionSecurity + binding + pool entry, with pbkdf2Iterations: 1 (the signature is the same size; 600,000 iterations × 50k sessions would take hours).',
    "Peers: lru-cache (max = the pool size, which it allocates up front) holding the session object and an async-mutex Mutex per session; express-session's MemoryStore holding each session as its JSON string. Floor: id, creation time, topic, entropy and signature strings in a Map.",
  ],
  budgetMs: { quick: 0, full: 0 },
  // Heap sizes do not depend on CPU contention, so the children run at once.
  plan: (ctx) => ({
    warmupSamples: 0,
    minRounds: ctx.quick ? 1 : 3,
    maxRounds: ctx.quick ? 1 : 3,
    reportsThroughput: false,
    parallelSides: true,
  }),
  legacy: (_system, ctx) => memorySide('legacy', ctx),
  core: (_system, ctx) => memorySide('core', ctx),
  'lru-cache': (_system, ctx) => memorySide('lru-cache', ctx),
  'express-session': (_system, ctx) => memorySide('express-session', ctx),
  floor: (ctx) => memorySide('floor', ctx),
});
