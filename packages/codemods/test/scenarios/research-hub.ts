/**
 * A research day: notebooks opened on the shared pool, questions asked
 * (some in parallel), a review, the audit page, a pinned notebook whose
 * release fails, expiry through the sweep.
 */
import { advanceMinutes } from '../support/clock.js';
import { Transcript } from '../support/transcript.js';
import { call, type Load } from './common.js';

export async function researchHubScenario(load: Load): Promise<Transcript> {
  const log = new Transcript();
  const { createHub } = await load('src/app.ts');
  const released: string[] = [];
  const hub = call({ createHub }, 'createHub', 'hub-secret', (id: string) => released.push(id)) as Record<string, unknown>;
  const notebooks = hub['notebooks'];
  const answer = async (perspective: string, prompt: string): Promise<string> =>
    perspective === 'ethics' ? '[NO_RESPONSE]' : `${perspective}: ${prompt.length}`;

  const a = (await log.step('open A', () =>
    call(notebooks, 'open', 'protein folding', { methods: 'Judge the method.', ethics: 'Judge the ethics.' }),
  )) as string;
  advanceMinutes(1);
  const b = (await log.step('open B (pinned)', () => call(notebooks, 'open', 'dark matter', { stats: 'Check the statistics.' }, true))) as string;
  advanceMinutes(1);
  await log.step('open C', () => call(notebooks, 'open', 'soil carbon', { field: 'Field work.', lab: 'Lab work.', models: 'Models.' }));
  await log.step('open D over capacity', () => call(notebooks, 'open', 'bees', { bees: 'Bees.' }));

  await log.step('ask A', () => call(notebooks, 'ask', a, 'Is it novel?', answer));
  await log.step('ask A twice in parallel', () =>
    Promise.all([call(notebooks, 'ask', a, 'Is it sound?', answer), call(notebooks, 'ask', a, 'Is it cheap?', answer)]),
  );
  await log.step('summary A', () => call(notebooks, 'summary', a));
  await log.step('summary of a closed notebook', () => call(notebooks, 'summary', 'nb-gone'));
  await log.step('review A', () => call(hub['reviews'], 'review', a, 'kim'));
  await log.step('review unknown', () => call(hub['reviews'], 'review', 'nb-gone', 'kim'));
  await log.step('audit', () => call(hub, 'audit'));
  await log.step('load', () => call(hub['pool'], 'load'));
  await log.step('accepts its pool', () => call(notebooks, 'accepts', hub['pool']));
  await log.step('accepts something else', () => call(notebooks, 'accepts', { getSession: () => null }));

  await log.step('close B', () => call(notebooks, 'close', b));
  log.note('released after close', [...released]);
  advanceMinutes(121);
  await log.step('sweep', () => call(hub, 'sweep'));
  log.note('released after sweep', [...released]);
  await log.step('audit after expiry', () => call(hub, 'audit'));
  await log.step('shutdown', async () => {
    await call(hub, 'shutdown');
    return 'down';
  });
  return log;
}
