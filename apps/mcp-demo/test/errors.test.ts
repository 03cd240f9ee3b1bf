/**
 * Bad calls get clear tool errors (`isError: true`, a stable code first), and
 * the server keeps serving after every one of them. Arguments that fail a
 * tool's own schema are refused by the SDK, in its wording, naming the field.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSessionId } from '@sessionkit/core';
import { errorCode, ok, type RunningServer, type SessionList, startStdioServer, type StartedSession, toolError } from './support/client.js';

let server: RunningServer;
let sessionId: string;

beforeAll(async () => {
  server = await startStdioServer();
  sessionId = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Errors', perspectives: ['technical', 'risk'] })).session_id;
});

afterAll(async () => {
  // However many bad calls came before, the server still answers and logged no internal error.
  ok(await server.call('list_sessions'));
  expect(server.stderr()).not.toMatch(/INTERNAL_ERROR|failed unexpectedly|Uncaught|TypeError/);
  await server.close();
});

describe('invalid arguments are refused by the zod input schemas, naming the field', () => {
  test.each([
    ['start_context_analysis', {}, /Input validation error: Invalid arguments for tool start_context_analysis.*topic/s],
    ['start_context_analysis', { topic: '   ' }, /topic/],
    ['start_context_analysis', { topic: 'x', perspectives: ['technical'], template: 'balanced' }, /either perspectives or template, not both/],
    ['start_context_analysis', { topic: 'x', template: 'waterfall' }, /template/],
    ['start_context_analysis', { topic: 'x', perspectives: [] }, /perspectives/],
    ['start_context_analysis', { topic: 'x', perspectives: ['Tech Lead'] }, /expected a perspective name/],
    ['start_context_analysis', { topic: 'x', perspectives: ['risk', 'risk'] }, /distinct perspective names/],
    ['start_context_analysis', { topic: 'x', perspective: ['risk'] }, /Unrecognized key.*perspective/s],
    ['start_context_analysis', { topic: 42 }, /topic/],
    ['add_perspective', { perspective: 'risk' }, /session_id/],
    ['add_perspective', { session_id: '../../etc/passwd', perspective: 'risk' }, /^INVALID_ARGUMENT: session_id: expected a session handle/],
    ['remove_perspective', { session_id: 'abc' }, /perspective/],
    ['analyze_from_perspectives', { session_id: 'abc' }, /prompt/],
    ['analyze_from_perspectives', { session_id: 'abc', prompt: '' }, /prompt/],
    ['get_session_info', {}, /session_id/],
    ['end_session', { session_id: '' }, /^INVALID_ARGUMENT: session_id: expected a session handle/],
    ['get_session_info', { session_id: 42 }, /session_id/],
    ['list_sessions', { all: true }, /Unrecognized key/],
  ] as const)('%s %j', async (tool, args, message) => {
    expect(toolError(await server.call(tool, args))).toMatch(message);
  });

  test('an unknown tool is a JSON-RPC error from the SDK (not a tool of ours), and the server keeps serving', async () => {
    await expect(server.call('delete_everything')).rejects.toThrow(/Tool delete_everything not found/);
    ok(await server.call('list_sessions'));
  });
});

describe('an unknown session id is SESSION_NOT_FOUND on every session tool', () => {
  const unknown = generateSessionId();
  test.each([
    ['add_perspective', { session_id: unknown, perspective: 'risk' }],
    ['remove_perspective', { session_id: unknown, perspective: 'risk' }],
    ['analyze_from_perspectives', { session_id: unknown, prompt: 'Anyone?' }],
    ['get_session_info', { session_id: unknown }],
    ['end_session', { session_id: unknown }],
  ] as const)('%s', async (tool, args) => {
    const result = await server.call(tool, args);
    expect(errorCode(result)).toBe('SESSION_NOT_FOUND');
    const message = toolError(result);
    expect(message).toMatch(new RegExp(`^SESSION_NOT_FOUND: no session '${unknown}'`));
    expect(message).toContain('start a new session with start_context_analysis');
  });
});

describe('refusals that depend on the session', () => {
  test('adding a perspective twice is PERSPECTIVE_EXISTS, and changes nothing', async () => {
    const message = toolError(await server.call('add_perspective', { session_id: sessionId, perspective: 'risk' }));
    expect(message).toBe(`PERSPECTIVE_EXISTS: Session ${sessionId} already has a perspective 'risk'`);
    const info = ok<{ version: number; perspectives: { name: string }[] }>(await server.call('get_session_info', { session_id: sessionId }));
    expect(info.perspectives.map((p) => p.name)).toEqual(['technical', 'risk']);
    expect(info.version).toBe(0);
  });

  test('removing a perspective the session does not have is PERSPECTIVE_NOT_FOUND', async () => {
    const message = toolError(await server.call('remove_perspective', { session_id: sessionId, perspective: 'legal' }));
    expect(message).toBe(`PERSPECTIVE_NOT_FOUND: Session ${sessionId} has no perspective 'legal'`);
  });

  test('analyzing with no perspectives left is NO_PERSPECTIVES, and records nothing', async () => {
    const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Empty', perspectives: ['user'] }));
    ok(await server.call('remove_perspective', { session_id, perspective: 'user' }));
    expect(toolError(await server.call('analyze_from_perspectives', { session_id, prompt: 'Hello?' }))).toMatch(/^NO_PERSPECTIVES: .*add_perspective/);
    const info = ok<{ analysis_count: number }>(await server.call('get_session_info', { session_id }));
    expect(info.analysis_count).toBe(0);
  });

  test('ending a session twice: the second call is SESSION_NOT_FOUND', async () => {
    const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Twice' }));
    ok(await server.call('end_session', { session_id }));
    expect(toolError(await server.call('end_session', { session_id }))).toMatch(/^SESSION_NOT_FOUND/);
  });
});

describe('capacity', () => {
  test('a full pool is SESSION_CAPACITY until a session ends', async () => {
    const small = await startStdioServer({ SESSIONKIT_MAX_SESSIONS: '2' });
    try {
      const first = ok<StartedSession>(await small.call('start_context_analysis', { topic: 'one' }));
      ok(await small.call('start_context_analysis', { topic: 'two' }));
      const message = toolError(await small.call('start_context_analysis', { topic: 'three' }));
      expect(message).toMatch(/^SESSION_CAPACITY: Session capacity reached \(2 live sessions/);
      expect(message).toContain('end a session with end_session');

      ok(await small.call('end_session', { session_id: first.session_id }));
      ok(await small.call('start_context_analysis', { topic: 'three' }));
      const list = ok<SessionList>(await small.call('list_sessions'));
      expect(list.sessions.map((s) => s.topic)).toEqual(['two', 'three']);
      expect(list.capacity).toMatchObject({ active_sessions: 2, max_sessions: 2 });
    } finally {
      await small.close();
    }
  });
});
