/**
 * 50 analyze_from_perspectives calls on one session, all in flight at once
 * over one stdio connection: none may fail or be lost. Run with the default
 * responder (instant) and with one that takes milliseconds, as a model would,
 * so that the analyses really overlap inside the server.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Analysis, ok, type RunningServer, type SessionDetails, startStdioServer, type StartedSession } from './support/client.js';

const BURST = 50;
const SLOW_RESPONDER = fileURLToPath(new URL('./fixtures/slow-responder.mjs', import.meta.url));

describe.each([
  { responder: 'the default echo responder', args: [] as string[] },
  { responder: 'a slow responder', args: ['--responder', SLOW_RESPONDER] },
])('with $responder', ({ responder, args }) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startStdioServer({}, args);
  });

  afterAll(async () => {
    await server.close();
  });

  test(`a concurrent burst of ${BURST} analyses on one session ends with exactly ${BURST} analyses`, async () => {
    const started = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Burst', template: 'balanced' }));
    const { session_id, perspectives } = started;
    const prompts = Array.from({ length: BURST }, (_, i) => `burst prompt #${i}`);

    const results = await Promise.all(prompts.map((prompt) => server.call('analyze_from_perspectives', { session_id, prompt })));

    const analyses = results.map((result) => ok<Analysis>(result)); // every call succeeded
    analyses.forEach((analysis, i) => {
      expect(analysis.prompt).toBe(prompts[i]);
      expect(Object.keys(analysis.responses)).toEqual(perspectives);
      for (const name of perspectives) expect(analysis.responses[name]?.startsWith(`[${name}] ${prompts[i]}`)).toBe(true);
    });
    let overlap = '';
    if (args.length > 0) {
      const inFlight = analyses.flatMap((a) => Object.values(a.responses).map((text) => Number(/in flight: (\d+)/.exec(text)?.[1])));
      expect(Math.max(...inFlight), 'analyses in flight at once').toBeGreaterThan(1);
      overlap = ` (up to ${Math.max(...inFlight)} analyses in flight at once)`;
    }
    // Each call was its own atomic step: numbers 1..50 and versions 1..50, each exactly once.
    const oneToBurst = Array.from({ length: BURST }, (_, i) => i + 1);
    expect(analyses.map((a) => a.analysis_number).sort((a, b) => a - b)).toEqual(oneToBurst);
    expect(analyses.map((a) => a.version).sort((a, b) => a - b)).toEqual(oneToBurst);

    const info = ok<SessionDetails>(await server.call('get_session_info', { session_id }));
    expect(info.analysis_count).toBe(BURST);
    expect(info.metrics.analysis_count).toBe(BURST);
    expect(info.version).toBe(BURST);
    // Every thread holds every exchange: a prompt and an answer per analysis.
    expect(info.perspectives.map((p) => p.message_count)).toEqual(perspectives.map(() => 2 * BURST));
    expect(info.security?.validation_failures).toBe(0);
    console.log(
      `burst with ${responder}${overlap}: ${analyses.length}/${BURST} calls succeeded; the session ends with ${info.analysis_count} analyses, version ${info.version}`,
    );
  });
});
