/**
 * The demo's tools embedded in-process, with the manager and responder
 * injected, served by SDK v2's `createMcpHandler` and driven through its
 * `fetch` by the v2 client pinned to 2026-07-28 (no socket). This is how a
 * host application reuses the tools, and it lets a test reach into the pool
 * to do what no client can: tamper with a session's binding.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import { type Session, SimpleSessionManager, systemClock, silentLogger } from '@sessionkit/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDemoLayer, createDemoTools, createServer } from '../src/create-server.js';
import type { PerspectiveRequest } from '../src/responder.js';
import { type Analysis, errorCode, ok, type SessionList, type StartedSession, type ToolResult } from './support/client.js';

let manager: SimpleSessionManager;
let handler: McpHttpHandler;
let client: Client;
const asked: PerspectiveRequest[] = [];
const server = {
  call: async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
};

beforeEach(async () => {
  manager = new SimpleSessionManager({ secretKeys: ['in-process-test-key'] });
  const responder = (request: PerspectiveRequest) => {
    asked.push(request);
    return `${request.perspective} says: ${request.prompt.length} characters`;
  };
  const layer = createDemoLayer(manager, 'bearer');
  const tools = createDemoTools({ manager, responder, clock: systemClock, logger: silentLogger });
  handler = createMcpHandler(() => createServer(layer, tools));
  client = new Client({ name: 'in-process', version: '0.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://in-process.test/mcp'), { fetch: (url, init) => handler.fetch(new Request(url, init)) }),
  );
});

afterEach(async () => {
  await client.close();
  await handler.close();
  await manager.shutdown();
  asked.length = 0;
});

/** The session behind a handle, found the way no client can: by scanning the pool. */
async function sessionOf(handle: string): Promise<Session> {
  const key = Object.keys(await manager.listActiveSessions()).find((id) => id.endsWith(`.${handle}`));
  if (key === undefined) throw new Error(`no session for handle ${handle}`);
  return manager.requireSession(key);
}

test('tools work on the injected manager and answer with the injected responder', async () => {
  const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Embedded', perspectives: ['technical', 'user'] }));
  const analysis = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt: 'abc' }));
  expect(analysis.responses).toEqual({ technical: 'technical says: 3 characters', user: 'user says: 3 characters' });
  expect(asked.map((request) => request.perspective)).toEqual(['technical', 'user']);

  const session = await sessionOf(session_id);
  expect(session.analysisCount).toBe(1);
  expect((await session.getLastAnalysis())?.responses).toEqual(analysis.responses);
});

describe('a session whose client binding no longer validates', () => {
  async function tamperedSession(): Promise<string> {
    const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Tampered' }));
    const session = await sessionOf(session_id);
    await session.atomicUpdate((state) => {
      if (state.clientBinding !== null) state.clientBinding.bindingSignature = '0'.repeat(64); // what a forged state would carry
    });
    return session_id;
  }

  test('is refused by every session tool with SESSION_FORBIDDEN, and the server keeps serving', async () => {
    const session_id = await tamperedSession();
    for (const [tool, args] of [
      ['analyze_from_perspectives', { session_id, prompt: 'hi' }],
      ['add_perspective', { session_id, perspective: 'legal' }],
      ['remove_perspective', { session_id, perspective: 'risk' }],
      ['get_session_info', { session_id }],
      ['end_session', { session_id }],
    ] as const) {
      expect(errorCode(await server.call(tool, args)), tool).toBe('SESSION_FORBIDDEN');
    }
    expect(asked).toEqual([]); // refused before any perspective was asked
    const session = await sessionOf(session_id);
    expect((await session.getSessionInfo()).client_binding?.is_suspicious).toBe(true); // more than 3 failures
    ok(await server.call('start_context_analysis', { topic: 'Unaffected' }));
  });

  test('once flagged suspicious, is left out of list_sessions and counted as refused; listing records nothing', async () => {
    const healthy = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Healthy' }));
    const tampered = await tamperedSession();
    for (let i = 0; i < 4; i++) errorCode(await server.call('get_session_info', { session_id: tampered })); // 4 failures > 3
    const usesBefore = (await (await sessionOf(healthy.session_id)).getSessionInfo()).client_binding?.tool_usage_count;
    const list = ok<SessionList>(await server.call('list_sessions'));
    const usesAfter = (await (await sessionOf(healthy.session_id)).getSessionInfo()).client_binding?.tool_usage_count;
    expect(usesAfter).toBe(usesBefore);
    expect(list.sessions.map((s) => s.session_id)).toEqual([healthy.session_id]);
    expect(list.refused_count).toBe(1);
    expect(list.capacity.active_sessions).toBe(2);
    expect(list.sessions.map((s) => s.session_id)).not.toContain(tampered);
  });
});
