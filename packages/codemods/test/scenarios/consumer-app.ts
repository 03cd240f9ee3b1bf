/**
 * The legacy application's MCP tools (packages/legacy's sample app): start,
 * perspectives added (one of them twice), removed, analyses (two in
 * parallel), info, the session list with its stats, bad requests, the pool
 * limit, expiry.
 */
import { advanceMinutes } from '../support/clock.js';
import { Transcript } from '../support/transcript.js';
import { call, type Load } from './common.js';

export async function consumerAppScenario(load: Load): Promise<Transcript> {
  const log = new Transcript();
  const tools = await load('tools/session_tools.ts');
  const responder = async (name: string, _systemPrompt: string, prompt: string): Promise<string> =>
    name === 'risk' ? '[NO_RESPONSE]' : `${name} thinks about ${prompt.length} characters`;

  await log.step('configure', () => call(tools, 'configureSessionTools', { responder, maxSessions: 2, sessionTtlHours: 1, cleanupIntervalMinutes: 5 }));
  const started = (await log.step('start', () => call(tools, 'startContextAnalysis', { topic: 'pricing page' }))) as { session_id: string };
  const id = started.session_id;
  await log.step('start with perspectives', () => call(tools, 'startContextAnalysis', { topic: 'onboarding', initial_perspectives: ['technical', 'legal'] }));
  await log.step('start over capacity', () => call(tools, 'startContextAnalysis', { topic: 'third' }));
  await log.step('add perspective', () => call(tools, 'addPerspective', { session_id: id, name: 'design', description: 'visual design' }));
  await log.step('add the same perspective again', () =>
    call(tools, 'addPerspective', { session_id: id, name: 'design', description: 'visual design', custom_prompt: 'You are a designer.' }),
  );
  await log.step('remove perspective', () => call(tools, 'removePerspective', { session_id: id, name: 'business' }));
  await log.step('remove it again', () => call(tools, 'removePerspective', { session_id: id, name: 'business' }));
  await log.step('analyse', () => call(tools, 'analyzeFromPerspectives', { session_id: id, prompt: 'Should the price go up?' }));
  await log.step('analyse twice in parallel', () =>
    Promise.all([
      call(tools, 'analyzeFromPerspectives', { session_id: id, prompt: 'Monthly or yearly?' }),
      call(tools, 'analyzeFromPerspectives', { session_id: id, prompt: 'Free tier?' }),
    ]),
  );
  await log.step('info', () => call(tools, 'getSessionInfo', { session_id: id }));
  await log.step('list', () => call(tools, 'listSessions'));
  await log.step('bad request', () => call(tools, 'addPerspective', { session_id: id, name: '9lives', description: 'x' }));
  await log.step('unknown session', () => call(tools, 'getSessionInfo', { session_id: 'no-such-session' }));
  advanceMinutes(61);
  await log.step('info after expiry', () => call(tools, 'getSessionInfo', { session_id: id }));
  await log.step('list after expiry', () => call(tools, 'listSessions'));
  await log.step('shutdown', () => call(tools, 'shutdownSessionTools'));
  return log;
}
