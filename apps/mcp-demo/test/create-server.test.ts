/**
 * `createServer` embedded in-process, with the manager and responder injected,
 * connected to the SDK's Client through the SDK's in-memory transport pair.
 * This is how a host application reuses the tools, and it lets a test reach
 * into the pool to do what no client can: tamper with a session's binding.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { SimpleSessionManager } from '@sessionkit/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createServer } from '../src/create-server.js';
import type { PerspectiveRequest } from '../src/responder.js';
import { type Analysis, ok, type RunningServer, type SessionList, type StartedSession, toolError, wrap } from './support/client.js';

let manager: SimpleSessionManager;
let server: RunningServer;
const asked: PerspectiveRequest[] = [];

beforeEach(async () => {
  manager = new SimpleSessionManager({ secretKeys: ['in-process-test-key'] });
  const mcp = createServer({
    manager,
    responder: (request) => {
      asked.push(request);
      return `${request.perspective} says: ${request.prompt.length} characters`;
    },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverSide);
  const client = new Client({ name: 'in-process', version: '0.0.0' });
  await client.connect(clientSide);
  server = wrap(client);
});

afterEach(async () => {
  await server.close();
  await manager.shutdown();
  asked.length = 0;
});

test('tools work on the injected manager and answer with the injected responder', async () => {
  const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Embedded', perspectives: ['technical', 'user'] }));
  const analysis = ok<Analysis>(await server.call('analyze_from_perspectives', { session_id, prompt: 'abc' }));
  expect(analysis.responses).toEqual({ technical: 'technical says: 3 characters', user: 'user says: 3 characters' });
  expect(asked.map((request) => request.perspective)).toEqual(['technical', 'user']);

  const session = await manager.requireSession(session_id);
  expect(session.analysisCount).toBe(1);
  expect((await session.getLastAnalysis())?.responses).toEqual(analysis.responses);
});

describe('a session whose client binding no longer validates', () => {
  async function tamperedSession(): Promise<string> {
    const { session_id } = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Tampered' }));
    const session = await manager.requireSession(session_id);
    await session.atomicUpdate((state) => {
      if (state.clientBinding !== null) state.clientBinding.bindingSignature = '0'.repeat(64); // what a forged state would carry
    });
    return session_id;
  }

  test('is refused by every session tool with SESSION_SECURITY, and the server keeps serving', async () => {
    const session_id = await tamperedSession();
    for (const [tool, args] of [
      ['analyze_from_perspectives', { session_id, prompt: 'hi' }],
      ['add_perspective', { session_id, perspective: 'legal' }],
      ['remove_perspective', { session_id, perspective: 'risk' }],
      ['get_session_info', { session_id }],
      ['end_session', { session_id }],
    ] as const) {
      expect(toolError(await server.call(tool, args)), tool).toMatch(/^SESSION_SECURITY: /);
    }
    expect(asked).toEqual([]); // refused before any perspective was asked
    const session = await manager.requireSession(session_id);
    expect((await session.getSessionInfo()).client_binding?.is_suspicious).toBe(true); // more than 3 failures
    ok(await server.call('start_context_analysis', { topic: 'Unaffected' }));
  });

  test('once flagged suspicious, is left out of list_sessions and counted as refused; listing records nothing', async () => {
    const healthy = ok<StartedSession>(await server.call('start_context_analysis', { topic: 'Healthy' }));
    const tampered = await tamperedSession();
    for (let i = 0; i < 4; i++) toolError(await server.call('get_session_info', { session_id: tampered })); // 4 failures > 3
    const usesBefore = (await (await manager.requireSession(healthy.session_id)).getSessionInfo()).client_binding?.tool_usage_count;
    const list = ok<SessionList>(await server.call('list_sessions'));
    const usesAfter = (await (await manager.requireSession(healthy.session_id)).getSessionInfo()).client_binding?.tool_usage_count;
    expect(usesAfter).toBe(usesBefore);
    expect(list.sessions.map((s) => s.session_id)).toEqual([healthy.session_id]);
    expect(list.refused_count).toBe(1);
    expect(list.capacity.active_sessions).toBe(2);
    expect(list.sessions.map((s) => s.session_id)).not.toContain(tampered);
  });
});
