/**
 * The Streamable HTTP option: `node dist/server.js --http 0` on 127.0.0.1 with
 * an ephemeral port and bearer tokens, driven by the SDK v2 client pinned to
 * 2026-07-28 and by the SDK v1 client (2025 era). Sessions belong to the
 * token's principal: nobody lists, reads or ends another caller's sessions.
 */
import { once } from 'node:events';
import { request } from 'node:http';
import { generateSessionId } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Analysis,
  CLIENT_KINDS,
  type ClientKind,
  connectHttp,
  errorCode,
  type Exchange,
  ok,
  type RunningServer,
  type SessionDetails,
  type SessionList,
  type StartedSession,
} from './support/client.js';
import { type HttpChild, startHttpChild } from './support/http-server.js';

const TOKENS = 'alice-token=alice,bob-token=bob';
let server: HttpChild;
const clients: RunningServer[] = [];

beforeAll(async () => {
  server = await startHttpChild({ SESSIONKIT_DEMO_TOKENS: TOKENS, SESSIONKIT_REPLICA_ID: 'replica-under-test' });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.kill();
});

async function connect(kind: ClientKind, token: string, exchanges?: Exchange[]): Promise<RunningServer> {
  const client = await connectHttp(kind, server.url.href, token, exchanges);
  clients.push(client);
  return client;
}

/** A raw request, for what an MCP client would never send. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.url.port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) : undefined);
  });
}

describe.each(CLIENT_KINDS)('client: %s', (kind) => {
  test('a whole session, every response naming the replica that served it', async () => {
    const exchanges: Exchange[] = [];
    const http = await connect(kind, 'alice-token', exchanges);
    if (kind === 'v2 (2026-07-28)') expect(http.protocolVersion()).toBe('2026-07-28');
    const { session_id } = ok<StartedSession>(await http.call('start_context_analysis', { topic: 'Over HTTP', perspectives: ['technical', 'risk'] }));
    const analysis = ok<Analysis>(await http.call('analyze_from_perspectives', { session_id, prompt: '@risk latency?' }));
    expect(analysis.responses).toEqual({ technical: '[NO_RESPONSE]', risk: '[risk] @risk latency?' });
    expect(errorCode(await http.call('get_session_info', { session_id: generateSessionId() }))).toBe('SESSION_NOT_FOUND');
    ok(await http.call('end_session', { session_id }));
    expect(exchanges.length).toBeGreaterThan(0);
    for (const exchange of exchanges) {
      expect(exchange.responseHeaders.get('x-sessionkit-replica')).toBe('replica-under-test');
      expect(exchange.responseHeaders.get('mcp-session-id')).toBeNull(); // the handle is the session, not the transport
    }
    expect(exchanges.flatMap((e) => e.methods).includes('initialize')).toBe(kind === 'v1 (2025)');
  });

  test("list_sessions shows a caller its own sessions only, and another caller's handle is SESSION_NOT_FOUND everywhere", async () => {
    const alice = await connect(kind, 'alice-token');
    const bob = await connect(kind, 'bob-token');
    const hers = ok<StartedSession>(await alice.call('start_context_analysis', { topic: 'Alice only' })).session_id;
    const his = ok<StartedSession>(await bob.call('start_context_analysis', { topic: 'Bob only' })).session_id;

    const aliceSees = ok<SessionList>(await alice.call('list_sessions')).sessions.map((s) => s.session_id);
    const bobSees = ok<SessionList>(await bob.call('list_sessions')).sessions;
    expect(aliceSees).toContain(hers);
    expect(aliceSees).not.toContain(his);
    expect(bobSees.map((s) => s.session_id)).toContain(his);
    expect(bobSees.map((s) => s.session_id)).not.toContain(hers);
    expect(bobSees.map((s) => s.topic)).not.toContain('Alice only');

    for (const [tool, args] of [
      ['get_session_info', {}],
      ['analyze_from_perspectives', { prompt: 'whose is this?' }],
      ['add_perspective', { perspective: 'legal' }],
      ['remove_perspective', { perspective: 'risk' }],
      ['end_session', {}],
    ] as const) {
      expect(errorCode(await bob.call(tool, { ...args, session_id: hers })), tool).toBe('SESSION_NOT_FOUND');
    }
    const untouched = ok<SessionDetails>(await alice.call('get_session_info', { session_id: hers }));
    expect(untouched).toMatchObject({ version: 0, analysis_count: 0 });
    expect(untouched.perspectives.map((p) => p.name)).toContain('risk');
  });
});

describe('over Streamable HTTP', () => {
  test('listens on a loopback address, on the port the OS picked', () => {
    expect(server.url.hostname).toBe('127.0.0.1');
    expect(Number(server.url.port)).toBeGreaterThan(0);
  });

  test('50 concurrent analyses on one session all succeed', async () => {
    const http = await connect('v2 (2026-07-28)', 'alice-token');
    const { session_id } = ok<StartedSession>(await http.call('start_context_analysis', { topic: 'HTTP burst' }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => http.call('analyze_from_perspectives', { session_id, prompt: `#${i}` })));
    expect(results.map((result) => ok<Analysis>(result).analysis_number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(ok<SessionDetails>(await http.call('get_session_info', { session_id })).analysis_count).toBe(50);
  });

  test('refuses requests without a valid bearer token', async () => {
    expect(await rawRequest('POST', '/mcp')).toBe(401);
    expect(await rawRequest('POST', '/mcp', { authorization: 'Bearer not-a-token' })).toBe(401);
    await expect(connectHttp('v2 (2026-07-28)', server.url.href, 'not-a-token')).rejects.toThrow();
  });

  test('refuses what is not a loopback MCP request', async () => {
    const auth = { authorization: 'Bearer alice-token' };
    expect(await rawRequest('POST', '/mcp', { ...auth, host: 'attacker.example' })).toBe(403); // DNS rebinding
    expect(await rawRequest('POST', '/mcp', { ...auth, origin: 'https://attacker.example' })).toBe(403); // a foreign web page
    expect(await rawRequest('GET', '/mcp', auth)).toBe(405); // stateless: no server-initiated stream
    expect(await rawRequest('DELETE', '/mcp', auth)).toBe(405);
    expect(await rawRequest('POST', '/elsewhere', auth)).toBe(404);
  });

  test('stops cleanly on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(server.stderr()).toContain('shutting down: SIGTERM');
    expect(server.stderr()).toContain('[mcp-demo] info: stopped');
  });
});

describe('without SESSIONKIT_DEMO_TOKENS (a local server)', () => {
  let local: HttpChild;

  beforeAll(async () => {
    local = await startHttpChild();
  });

  afterAll(async () => {
    await local.kill();
  });

  test("sessions live in sessionkit, not in the connection: under the 'bearer' policy, any client holding the id continues one", async () => {
    const first = await connectHttp('v2 (2026-07-28)', local.url.href);
    const second = await connectHttp('v1 (2025)', local.url.href);
    clients.push(first, second);
    const { session_id } = ok<StartedSession>(await first.call('start_context_analysis', { topic: 'Shared', perspectives: ['user'] }));
    ok(await second.call('analyze_from_perspectives', { session_id, prompt: 'From the second client' }));
    const info = ok<SessionDetails>(await first.call('get_session_info', { session_id }));
    expect(info.last_analysis?.prompt).toBe('From the second client');
    expect(local.stderr()).toContain('no authentication: session ids are bearer tokens');
  });
});
