import { hrtime } from 'node:process';
import { childScript, runChild } from '../child/spawn.js';
import type { ScenarioSide } from '../harness.js';
import type { SideName } from '../results.js';
import { defineScenarioWorkload } from './define.js';

const SESSIONS = 50_000;

interface MemoryReport {
  bytesPerSession: number;
}

/** One fresh `node --expose-gc` per sample. */
function memorySide(side: SideName): ScenarioSide {
  const script = childScript('memory');
  return {
    async sample() {
      const start = hrtime.bigint();
      const report = await runChild<MemoryReport>(script, [side, String(SESSIONS)], ['--expose-gc']);
      return { values: [report.bytesPerSession], ops: 1, elapsedNs: Number(hrtime.bigint() - start) };
    },
  };
}

export const memoryWorkload = defineScenarioWorkload({
  id: 'memory',
  title: `retained heap per idle session with a binding (${SESSIONS.toLocaleString('en-US')} sessions)`,
  unit: 'bytes',
  claim: { text: '2.5 KB → 1.8 KB', legacy: 2.5 * 1024, core: 1.8 * 1024 },
  notes: [
    `A fresh \`node --expose-gc\` per sample (the three sides' children run at the same time: heap sizes do not depend on CPU): heap after − heap before (both after full GCs) ÷ ${SESSIONS.toLocaleString('en-US')}.`,
    'legacy keeps session + SessionSecurity + binding + pool entry, with pbkdf2Iterations: 1 (the signature is the same size; 600,000 iterations × 50k sessions would take hours).',
  ],
  budgetMs: { quick: 0, full: 0 },
  // Heap sizes do not depend on CPU contention, so the three children run at once.
  plan: (ctx) => ({
    warmupSamples: 0,
    minRounds: ctx.quick ? 1 : 3,
    maxRounds: ctx.quick ? 1 : 3,
    reportsThroughput: false,
    parallelSides: true,
  }),
  legacy: () => memorySide('legacy'),
  core: () => memorySide('core'),
  floor: () => memorySide('floor'),
});
