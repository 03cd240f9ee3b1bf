import { hrtime } from 'node:process';
import { childScript, runChild } from '../child/spawn.js';
import type { ScenarioSide } from '../harness.js';
import type { SideName } from '../results.js';
import { defineScenarioWorkload } from './define.js';

/** A fresh `node` per sample; the module count is taken once per side in a separate run. */
async function coldImportSide(side: SideName): Promise<ScenarioSide> {
  const script = childScript('cold-import');
  const counted = await runChild<{ modules: number; esm: number; cjs: number }>(script, [side, '--count-modules']);
  const info = { 'modules loaded': counted.modules };
  return {
    async sample() {
      const start = hrtime.bigint();
      const { importMs } = await runChild<{ importMs: number }>(script, [side]);
      return { values: [importMs], ops: 1, elapsedNs: Number(hrtime.bigint() - start), info };
    },
  };
}

export const coldImportWorkload = defineScenarioWorkload({
  id: 'cold-import',
  title: 'fresh node importing the package root (ESM): time and modules loaded',
  unit: 'ms',
  notes: [
    "Time of `await import('<package>')` as the first import of a fresh process; the floor imports an empty module. Modules loaded are counted in a separate run with a loader hook (the hook itself slows imports).",
  ],
  budgetMs: { quick: 0, full: 0 },
  plan: (ctx) => ({ warmupSamples: 0, minRounds: ctx.quick ? 3 : 10, maxRounds: ctx.quick ? 3 : 10, reportsThroughput: false }),
  legacy: () => coldImportSide('legacy'),
  core: () => coldImportSide('core'),
  floor: () => coldImportSide('floor'),
});
