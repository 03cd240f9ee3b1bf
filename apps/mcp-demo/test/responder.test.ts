/** The default responder's abstention rule, and the responder seam over the wire (`--responder <module>`). */
import { fileURLToPath } from 'node:url';
import { BUILT_IN_PERSPECTIVES } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { echoResponder, mentionedPerspectives, NO_RESPONSE, type PerspectiveRequest } from '../src/responder.js';
import { type Analysis, ok, type RunningServer, type SessionDetails, startStdioServer, type StartedSession, toolError } from './support/client.js';

const INSPECTING_RESPONDER = fileURLToPath(new URL('./fixtures/inspecting-responder.mjs', import.meta.url));
const PERSPECTIVES = ['technical', 'business', 'user', 'risk'];

function request(perspective: string, prompt: string): PerspectiveRequest {
  return { sessionId: 's', topic: 't', perspective, systemPrompt: '', prompt, perspectives: PERSPECTIVES, history: [], signal: new AbortController().signal };
}

describe('mentionedPerspectives', () => {
  test.each([
    ['What breaks first?', []],
    ['@risk what breaks first?', ['risk']],
    ['@RISK, @User: thoughts?', ['user', 'risk']],
    ['ask @risk-team and @legal', []], // whole names only, and only the session's perspectives
    ['mail me at someone@risk.example', []],
    ['@risk_ @risk', ['risk']],
    ['(@technical) and @risk.', ['technical', 'risk']],
  ] as const)('%j -> %j', (prompt, expected) => {
    expect(mentionedPerspectives(prompt, PERSPECTIVES)).toEqual(expected);
  });
});

describe('echoResponder', () => {
  test('answers with the perspective and the prompt when the prompt mentions no one', async () => {
    for (const perspective of PERSPECTIVES) {
      expect(await echoResponder(request(perspective, 'Ship it?'))).toBe(`[${perspective}] Ship it?`);
    }
  });

  test('abstains with [NO_RESPONSE] when the prompt mentions other perspectives only', async () => {
    const answers = await Promise.all(PERSPECTIVES.map((p) => echoResponder(request(p, '@business @user is it worth it?'))));
    expect(answers).toEqual([NO_RESPONSE, '[business] @business @user is it worth it?', '[user] @business @user is it worth it?', NO_RESPONSE]);
  });

  test('is deterministic: the same request gives the same answer', async () => {
    const first = await echoResponder(request('risk', '@risk again'));
    expect(await echoResponder(request('risk', '@risk again'))).toBe(first);
  });
});

describe('a responder module given with --responder', () => {
  let server: RunningServer;
  let session: StartedSession;

  beforeAll(async () => {
    server = await startStdioServer({}, ['--responder', INSPECTING_RESPONDER]);
    session = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Seams', perspectives: ['technical', 'risk'] }));
  });

  afterAll(async () => {
    await server.close();
  });

  test('answers every perspective, and is given the thread’s prompt, the topic and the history', async () => {
    const { session_id } = session;
    const first = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt: 'first question' }));
    const second = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt: 'second question' }));
    const seen = JSON.parse(second.responses.risk as string) as Record<string, unknown>;
    expect(seen).toEqual({
      sessionId: session_id,
      topic: 'Seams',
      perspective: 'risk',
      systemPromptStart: BUILT_IN_PERSPECTIVES.risk?.slice(0, 40),
      perspectives: ['technical', 'risk'],
      history: ['user: first question', `assistant: ${(first.responses.risk as string).slice(0, 30)}`],
    });
  });

  test('a responder that throws fails the call with RESPONDER_FAILED, naming the perspective, and records nothing', async () => {
    const { session_id } = session;
    const before = ok<SessionDetails>(await server.call('get_session_info', { session_id }));
    expect(toolError(await server.call('analyze_from_perspectives', { session_id, prompt: 'please fail' }))).toBe(
      "RESPONDER_FAILED: The responder failed for perspective 'risk': model unavailable",
    );
    expect(toolError(await server.call('analyze_from_perspectives', { session_id, prompt: 'not a string' }))).toBe(
      "RESPONDER_FAILED: The responder returned number for perspective 'risk', expected a string",
    );
    const after = ok<SessionDetails>(await server.call('get_session_info', { session_id }));
    expect(after.analysis_count).toBe(before.analysis_count);
    expect(after.version).toBe(before.version);
    expect(after.perspectives.map((p) => p.message_count)).toEqual(before.perspectives.map((p) => p.message_count));
  });
});
