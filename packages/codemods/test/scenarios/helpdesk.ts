/**
 * The help desk's day: open tickets, add perspectives from parallel agents,
 * analyse, retire a perspective, hit the capacity limit and a bad request,
 * let everything expire, read the stats.
 */
import { advanceMinutes } from '../support/clock.js';
import { Transcript } from '../support/transcript.js';
import { call, type Load } from './common.js';

export async function helpdeskScenario(load: Load): Promise<Transcript> {
  const log = new Transcript();
  const bootstrap = await load('src/bootstrap.ts');
  const handlers = await load('src/handlers.ts');
  const updates = await load('src/update-service.ts');
  const analysis = await load('src/analysis-tool.ts');

  await log.step('start', async () => {
    await call(bootstrap, 'startDesk', { maxSessions: 3, ttlHours: 1, sweepMinutes: 5 });
    return 'started';
  });
  const a = (await log.step('open A', () => call(handlers, 'openTicket', 'printer on fire'))) as { sessionId: string };
  const b = (await log.step('open B', () => call(handlers, 'openTicket', 'login loop', ['support']))) as { sessionId: string };
  await log.step('show A', () => call(handlers, 'showTicket', a.sessionId));

  await log.step('parallel perspectives', async () => {
    const added = await Promise.all([
      call(updates, 'addPerspective', a.sessionId, 'security', 'Answer as the security team would.'),
      call(updates, 'addPerspective', a.sessionId, 'billing', 'Answer as the billing team would.'),
    ]);
    return added.length;
  });
  await log.step('replace a perspective', () => call(updates, 'addPerspective', a.sessionId, 'billing', 'Answer as finance would.'));
  await log.step('parallel notes', async () => {
    const lengths = (await Promise.all(['one', 'two', 'three'].map((note) => call(updates, 'appendNote', a.sessionId, 'support', note)))) as number[];
    return [...lengths].sort((x, y) => x - y);
  });
  await log.step('show A again', () => call(handlers, 'showTicket', a.sessionId));

  const ask = async (perspective: string, systemPrompt: string, prompt: string): Promise<string> =>
    perspective === 'engineering' ? '[NO_RESPONSE]' : `${perspective} on "${prompt}" (${systemPrompt.length})`;
  await log.step('analyse A', () => call(analysis, 'analyzeTicket', a.sessionId, 'Why is it burning?', ask));
  await log.step('analyse A twice in parallel', () =>
    Promise.all([call(analysis, 'analyzeTicket', a.sessionId, 'Who pays?', ask), call(analysis, 'analyzeTicket', a.sessionId, 'Is it safe?', ask)]),
  );
  await log.step('analyse unknown', () => call(analysis, 'analyzeTicket', 'no-such-ticket', 'Hello?', ask));
  await log.step('retire billing', () => call(updates, 'retirePerspective', a.sessionId, 'billing'));
  await log.step('retire billing again', () => call(updates, 'retirePerspective', a.sessionId, 'billing'));
  await log.step('note on a missing perspective', () => call(updates, 'appendNote', a.sessionId, 'legal', 'hello'));

  await log.step('open C', () => call(handlers, 'openTicket', 'slow wifi', ['support', 'network']));
  await log.step('open D over capacity', () => call(handlers, 'openTicket', 'coffee machine'));
  await log.step('status', () => call(handlers, 'deskStatus'));

  advanceMinutes(30);
  await log.step('close B', () => call(handlers, 'closeTicket', b.sessionId));
  await log.step('status after close', () => call(handlers, 'deskStatus'));
  advanceMinutes(31);
  await log.step('status after expiry', () => call(handlers, 'deskStatus'));
  await log.step('show A after expiry', () => call(handlers, 'showTicket', a.sessionId));
  await log.step('close A after expiry', () => call(handlers, 'closeTicket', a.sessionId));
  await log.step('stop', async () => {
    await call(bootstrap, 'stopDesk');
    return 'stopped';
  });
  return log;
}
