/**
 * The Streamable HTTP option: `node dist/server.js --http 0` on 127.0.0.1 with
 * an ephemeral port, driven by the SDK's StreamableHTTPClientTransport.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Analysis, assertBuilt, ok, type RunningServer, SERVER_ENTRY, type SessionDetails, type StartedSession, TEST_ENV, toolError, wrap } from './support/client.js';

let child: ChildProcess;
let stderr = '';
let url: URL;
const clients: RunningServer[] = [];

beforeAll(async () => {
  assertBuilt();
  child = spawn(process.execPath, [SERVER_ENTRY, '--http', '0'], {
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, SESSIONKIT_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<URL>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /Streamable HTTP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (match !== null) resolve(new URL(match[1] as string));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}`)));
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

async function connect(): Promise<RunningServer> {
  const client = new Client({ name: 'mcp-demo-http-tests', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  const running = wrap(client);
  clients.push(running);
  return running;
}

/** A raw request, for what an MCP client would never send. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) : undefined);
  });
}

describe('over Streamable HTTP', () => {
  test('listens on a loopback address, on the port the OS picked', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
  });

  test('serves the same seven tools, and a whole session', async () => {
    const http = await connect();
    const names = (await http.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toHaveLength(7);
    const { session_id } = ok<StartedSession>(await http.call('start_context_analysis', { topic: 'Over HTTP', perspectives: ['technical', 'risk'] }));
    const analysis = ok<Analysis>(await http.call('analyze_from_perspectives', { session_id, prompt: '@risk latency?' }));
    expect(analysis.responses).toEqual({ technical: '[NO_RESPONSE]', risk: '[risk] @risk latency?' });
    expect(toolError(await http.call('get_session_info', { session_id: 'unknown' }))).toMatch(/^SESSION_NOT_FOUND/);
    ok(await http.call('end_session', { session_id }));
  });

  test('the sessions live in sessionkit, not in the connection: another client continues one', async () => {
    const alice = await connect();
    const bob = await connect();
    const { session_id } = ok<StartedSession>(await alice.call('start_context_analysis', { topic: 'Shared', perspectives: ['user'] }));
    ok(await bob.call('analyze_from_perspectives', { session_id, prompt: 'From Bob' }));
    const info = ok<SessionDetails>(await alice.call('get_session_info', { session_id }));
    expect(info.last_analysis?.prompt).toBe('From Bob');
  });

  test('50 concurrent analyses on one session all succeed', async () => {
    const http = await connect();
    const { session_id } = ok<StartedSession>(await http.call('start_context_analysis', { topic: 'HTTP burst' }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => http.call('analyze_from_perspectives', { session_id, prompt: `#${i}` })));
    expect(results.map((result) => ok<Analysis>(result).analysis_number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(ok<SessionDetails>(await http.call('get_session_info', { session_id })).analysis_count).toBe(50);
  });

  test('refuses what is not a loopback MCP request', async () => {
    expect(await rawRequest('POST', '/mcp', { host: 'attacker.example' })).toBe(403); // DNS rebinding
    expect(await rawRequest('POST', '/mcp', { origin: 'https://attacker.example' })).toBe(403); // a foreign web page
    expect(await rawRequest('GET', '/mcp')).toBe(405); // stateless: no server-initiated stream
    expect(await rawRequest('DELETE', '/mcp')).toBe(405);
    expect(await rawRequest('POST', '/elsewhere')).toBe(404);
  });

  test('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('shutting down: SIGTERM');
    expect(stderr).toContain('[mcp-demo] info: stopped');
  });
});
