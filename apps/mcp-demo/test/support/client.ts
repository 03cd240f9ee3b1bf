/**
 * Test support: start the BUILT server (`node dist/server.js`) the way an MCP
 * client does, with the official clients in the protocol era each speaks: the
 * SDK v2 client pinned to 2026-07-28 (no initialize; every request carries
 * its own protocol version) or the SDK v1 client (2025 era, initialize).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';

export const SERVER_ENTRY = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

/** A fixed key keeps core from warning about a per-process random key in every test's stderr. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  SESSIONKIT_SECRET_KEYS: 'mcp-demo-test-key',
  SESSIONKIT_LOG_LEVEL: 'warn',
};

/** Which official client, in which protocol era. */
export type ClientKind = 'v2 (2026-07-28)' | 'v1 (2025)';
export const CLIENT_KINDS: readonly ClientKind[] = ['v2 (2026-07-28)', 'v1 (2025)'];

/** A tool result as both SDKs return it (the fields the tests read). */
export interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

export interface ListedTool {
  name: string;
  description?: string;
  inputSchema: { type: string; properties?: Record<string, Record<string, unknown>>; required?: string[] };
  outputSchema?: { type: string; properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

export interface RunningServer {
  readonly kind: ClientKind;
  /** Everything the server wrote to stderr so far (stdio servers). */
  stderr(): string;
  /** The protocol version of the connection (v2 clients). */
  protocolVersion(): string | undefined;
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  listTools(): Promise<ListedTool[]>;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`pnpm --filter @sessionkit/mcp-demo build\` first`);
  }
}

function wrap(kind: ClientKind, client: Client | ClientV1, stderr: () => string = () => ''): RunningServer {
  return {
    kind,
    stderr,
    protocolVersion: () => (client instanceof Client ? client.getNegotiatedProtocolVersion() : undefined),
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    close: () => client.close(),
  };
}

function newClient(kind: ClientKind): Client | ClientV1 {
  return kind === 'v1 (2025)'
    ? new ClientV1({ name: 'mcp-demo-tests', version: '0.0.0' })
    : new Client({ name: 'mcp-demo-tests', version: '0.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
}

/** Spawns the server over stdio with `env` (on top of TEST_ENV; nothing else of this process's environment but PATH/HOME leaks in). */
export async function startStdioServer(env: Record<string, string> = {}, args: string[] = [], kind: ClientKind = 'v2 (2026-07-28)'): Promise<RunningServer> {
  assertBuilt();
  const params = { command: process.execPath, args: [SERVER_ENTRY, ...args], env: { ...TEST_ENV, ...env }, stderr: 'pipe' as const };
  const client = newClient(kind);
  const transport = client instanceof Client ? new StdioClientTransport(params) : new StdioClientTransportV1(params);
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  await (client as Client).connect(transport as StdioClientTransport);
  return wrap(kind, client, () => stderr);
}

/** One HTTP exchange as the client saw it. */
export interface Exchange {
  methods: string[];
  status: number;
  responseHeaders: Headers;
}

/**
 * Connects a client of `kind` to a Streamable HTTP endpoint with `token` as
 * its bearer token; `exchanges` (if given) receives every HTTP exchange.
 */
export async function connectHttp(kind: ClientKind, url: string, token?: string, exchanges?: Exchange[]): Promise<RunningServer> {
  const fetchObserved = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (exchanges !== undefined) {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string } | { method?: string }[]) : [];
      const methods = (Array.isArray(body) ? body : [body]).flatMap((message) => (message.method === undefined ? [] : [message.method]));
      exchanges.push({ methods, status: response.status, responseHeaders: response.headers });
    }
    return response;
  };
  const options = { fetch: fetchObserved, ...(token === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${token}` } } }) };
  const client = newClient(kind);
  const transport =
    client instanceof Client ? new StreamableHTTPClientTransport(new URL(url), options) : new StreamableHTTPClientTransportV1(new URL(url), options);
  await (client as Client).connect(transport as StreamableHTTPClientTransport);
  return wrap(kind, client);
}

/** The structured result of a successful call. */
export function ok<T = Record<string, unknown>>(result: ToolResult): T {
  if (result.isError === true) throw new Error(`expected success, got tool error: ${textOf(result)}`);
  expect(result.structuredContent).toBeDefined();
  // The same result as JSON text, for clients that only read `content`.
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

/** The message of a tool error (`isError: true`). */
export function toolError(result: ToolResult): string {
  expect(result.isError, `expected a tool error, got ${textOf(result)}`).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return textOf(result);
}

/** The stable code of a tool error reported by @sessionkit/mcp (`_meta`, and the text's prefix). */
export function errorCode(result: ToolResult): string {
  const text = toolError(result);
  const code = (result._meta?.['sessionkit/error'] as { code?: string } | undefined)?.code;
  expect(code, `no sessionkit/error code in: ${text}`).toBeDefined();
  expect(text.startsWith(`${code}: `)).toBe(true);
  return code as string;
}

export function textOf(result: ToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? (first.text ?? '') : JSON.stringify(result.content);
}

export interface StartedSession {
  session_id: string;
  session_expires_at: string;
  topic: string;
  template: string | null;
  perspectives: string[];
  created_at: string;
  version: number;
}

export interface Analysis {
  session_id: string;
  prompt: string;
  responses: Record<string, string>;
  active_perspectives: string[];
  abstained_perspectives: string[];
  active_count: number;
  abstained_count: number;
  analysis_number: number;
  response_time_seconds: number;
  version: number;
}

export interface SessionDetails {
  session_id: string;
  topic: string | null;
  created_at: string;
  expires_at: string;
  version: number;
  perspectives: { name: string; system_prompt: string; message_count: number }[];
  analysis_count: number;
  last_analysis: { prompt: string; responses: Record<string, string>; active_count: number; abstained_count: number } | null;
  security: { validation_failures: number; security_flags: string[]; tool_usage_sequence: string[] } | null;
  metrics: { access_count: number; analysis_count: number; error_count: number };
}

export interface SessionList {
  sessions: { session_id: string; topic: string | null; perspectives: string[]; analysis_count: number; version: number; expires_at: string }[];
  refused_count: number;
  capacity: { active_sessions: number; max_sessions: number; session_ttl_hours: number };
}
