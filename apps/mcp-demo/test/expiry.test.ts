/**
 * Expiry, through the wire, without sleeping: the server runs with
 * SESSIONKIT_TEST_CLOCK=manual, and the test moves the server's clock with
 * the test-only `test_advance_clock` tool instead of waiting for the TTL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ok, type RunningServer, type SessionList, startStdioServer, type StartedSession, toolError } from './support/client.js';

const TTL_HOURS = 0.5;
const TTL_SECONDS = TTL_HOURS * 3600;

let server: RunningServer;

beforeAll(async () => {
  server = await startStdioServer({ SESSIONKIT_TEST_CLOCK: 'manual', SESSIONKIT_TTL_HOURS: String(TTL_HOURS) });
});

afterAll(async () => {
  await server.close();
});

async function advance(seconds: number): Promise<void> {
  ok(await server.call('test_advance_clock', { seconds }));
}

describe('an expired session', () => {
  test('lives until its TTL has passed, then says SESSION_EXPIRED once and SESSION_NOT_FOUND to every session tool after', async () => {
    const started = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Short-lived', perspectives: ['risk'] }));
    expect(Date.parse(started.session_expires_at) - Date.parse(started.created_at)).toBe(TTL_SECONDS * 1000);
    const { session_id } = started;

    await advance(TTL_SECONDS - 5);
    ok(await server.call('analyze_from_perspectives', { session_id, prompt: 'Still there?' }));

    await advance(10);
    // The first call finds it expired (and removes it); from then on it is simply gone.
    expect(toolError(await server.call('get_session_info', { session_id }))).toMatch(
      new RegExp(`^SESSION_EXPIRED: session '${session_id}' has expired\\. To continue: start a new session with start_context_analysis`),
    );
    for (const [tool, args] of [
      ['analyze_from_perspectives', { session_id, prompt: 'Still there?' }],
      ['add_perspective', { session_id, perspective: 'user' }],
      ['remove_perspective', { session_id, perspective: 'risk' }],
      ['get_session_info', { session_id }],
      ['end_session', { session_id }],
    ] as const) {
      const message = toolError(await server.call(tool, args));
      expect(message, tool).toMatch(new RegExp(`^SESSION_NOT_FOUND: no session '${session_id}' \\(it never existed, was ended, or expired\\)`));
    }
  });

  test('leaves list_sessions, and its slot is free again; younger sessions live on', async () => {
    const old = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Old' }));
    await advance(TTL_SECONDS / 2);
    const young = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Young' }));
    await advance(TTL_SECONDS / 2 + 1);

    const list = ok<SessionList>(await server.call('list_sessions'));
    const ids = list.sessions.map((s) => s.session_id);
    expect(ids).toContain(young.session_id);
    expect(ids).not.toContain(old.session_id);
    expect(list.capacity.active_sessions).toBe(list.sessions.length);
    ok(await server.call('get_session_info', { session_id: young.session_id }));
  });
});

test('test_advance_clock exists only with SESSIONKIT_TEST_CLOCK=manual', async () => {
  const names = (await server.listTools()).map((tool) => tool.name);
  expect(names).toContain('test_advance_clock');
  expect(toolError(await server.call('test_advance_clock', { seconds: -1 }))).toMatch(/seconds/);
  // tools.test.ts checks that a server started without it lists the seven session tools only.
});
