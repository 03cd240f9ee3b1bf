/**
 * Two experiments, parallel runs, inspection (known and unknown), a scratch
 * calculation, stopping (twice), expiry.
 */
import { advanceMinutes } from '../support/clock.js';
import { Transcript } from '../support/transcript.js';
import { call, type Load } from './common.js';

export async function labConsoleScenario(load: Load): Promise<Transcript> {
  const log = new Transcript();
  const runtime = await load('src/runtime.ts');
  const commands = await load('src/commands.ts');
  const inspect = await load('src/inspect.ts');
  const scratch = await load('src/scratch.ts');

  await log.step('start alpha', () => call(commands, 'startExperiment', 'alpha', ['it folds', 'it does not fold']));
  // A minute apart, as experiments are started: sessions created in the same millisecond are a tie
  // that the old manager and core break differently (see the codemods README).
  advanceMinutes(1);
  await log.step('start beta', () => call(commands, 'startExperiment', 'beta', ['x']));
  await log.step('parallel runs', async () => {
    const runs = (await Promise.all([
      call(commands, 'recordRun', 'exp-alpha', 'run at 20C', { h0: 'folded', h1: '[NO_RESPONSE]' }),
      call(commands, 'recordRun', 'exp-alpha', 'run at 30C', { h0: 'folded', h1: 'unfolded' }),
    ])) as { run: number }[];
    return runs.map((run) => run.run).sort();
  });
  await log.step('inspect alpha', () => call(inspect, 'inspectExperiment', 'exp-alpha'));
  await log.step('inspect unknown', () => call(inspect, 'inspectExperiment', 'exp-none'));
  await log.step('stats', () => call(inspect, 'labStats'));
  await log.step('scratch', () => call(scratch, 'scratch', 'sum', (topic: string) => topic.length));
  await log.step('scratch again', () => call(scratch, 'scratch', 'product', (topic: string) => topic.length * 2));
  await log.step('stop beta', () => call(commands, 'stopExperiment', 'exp-beta'));
  await log.step('stop beta again', () => call(commands, 'stopExperiment', 'exp-beta'));
  advanceMinutes(10);
  await log.step('inspect alpha later', () => call(inspect, 'inspectExperiment', 'exp-alpha'));
  advanceMinutes(24);
  await log.step('stats after expiry', () => call(inspect, 'labStats'));
  await log.step('inspect alpha after expiry', () => call(inspect, 'inspectExperiment', 'exp-alpha'));
  await log.step('reset', () => call(runtime, 'resetLab'));
  return log;
}
