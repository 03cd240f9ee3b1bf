/**
 * Test support: the official clients, each in the protocol era it speaks:
 * the SDK v2 client pinned to 2026-07-28 (no initialize, per-request
 * envelope), the SDK v2 client in its default 2025 mode, and the SDK v1
 * client (2025 era), over HTTP or a stdio child process.
 */
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';

export type ClientKind = 'v2 pinned 2026-07-28' | 'v2 2025 mode' | 'v1';
export const CLIENT_KINDS: readonly ClientKind[] = ['v2 pinned 2026-07-28', 'v2 2025 mode', 'v1'];

/** A tool result as both SDKs return it (the fields the tests read). */
export interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

export interface ListedTool {
  name: string;
  inputSchema: { type: string; properties?: Record<string, Record<string, unknown>>; required?: string[] };
  outputSchema?: { type: string; properties?: Record<string, Record<string, unknown>>; required?: string[] };
}

export interface TestClient {
  readonly kind: ClientKind;
  /** The protocol version the connection speaks. */
  protocolVersion(): string | undefined;
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  listTools(): Promise<ListedTool[]>;
  close(): Promise<void>;
}

function v2Client(kind: ClientKind): Client {
  const pinned = kind === 'v2 pinned 2026-07-28';
  return new Client({ name: 'notebook-tests', version: '1.0.0' }, pinned ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
}

function wrap(kind: ClientKind, client: Client | ClientV1): TestClient {
  return {
    kind,
    protocolVersion: () => (client instanceof Client ? client.getNegotiatedProtocolVersion() : undefined),
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    close: () => client.close(),
  };
}

/** One HTTP exchange as the client saw it. */
export interface Exchange {
  /** JSON-RPC methods in the request body. */
  methods: string[];
  requestHeaders: Headers;
  responseHeaders: Headers;
}

/**
 * Connects a client of `kind` to a Streamable HTTP endpoint, with `token` as
 * its bearer token; `exchanges` (if given) receives every HTTP exchange.
 */
export async function connectHttp(kind: ClientKind, url: string, token?: string, exchanges?: Exchange[]): Promise<TestClient> {
  const observe =
    exchanges === undefined
      ? {}
      : {
          fetch: async (input: string | URL | Request, init?: RequestInit) => {
            const response = await fetch(input, init);
            const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string } | { method?: string }[]) : [];
            const methods = (Array.isArray(body) ? body : [body]).flatMap((message) => (message.method === undefined ? [] : [message.method]));
            exchanges.push({ methods, requestHeaders: new Headers(init?.headers), responseHeaders: response.headers });
            return response;
          },
        };
  const requestInit = { ...observe, ...(token === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${token}` } } }) };
  if (kind === 'v1') {
    const client = new ClientV1({ name: 'notebook-tests', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransportV1(new URL(url), requestInit));
    return wrap(kind, client);
  }
  const client = v2Client(kind);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit));
  return wrap(kind, client);
}

/** Spawns `test/fixtures/<script>` and connects a client of `kind` over its stdio. */
export async function connectStdio(kind: ClientKind, script: string): Promise<TestClient> {
  const params = { command: process.execPath, args: [fileURLToPath(new URL(`../fixtures/${script}`, import.meta.url))], stderr: 'pipe' as const };
  if (kind === 'v1') {
    const client = new ClientV1({ name: 'notebook-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransportV1(params));
    return wrap(kind, client);
  }
  const client = v2Client(kind);
  await client.connect(new StdioClientTransport(params));
  return wrap(kind, client);
}

/** The structured result of a successful call (also sent as JSON text). */
export function ok<T = Record<string, unknown>>(result: ToolResult): T {
  if (result.isError === true) throw new Error(`expected success, got tool error: ${textOf(result)}`);
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

/** A tool error's code (from `_meta`, checked against the text's prefix) and text. */
export function failure(result: ToolResult): { code: string; text: string; retryable: boolean } {
  expect(result.isError, `expected a tool error, got ${textOf(result)}`).toBe(true);
  const meta = result._meta?.['sessionkit/error'] as { code: string; retryable: boolean } | undefined;
  const text = textOf(result);
  expect(meta, `no sessionkit/error in _meta of: ${text}`).toBeDefined();
  expect(text.startsWith(`${meta?.code}: `), text).toBe(true);
  return { code: meta?.code ?? '', text, retryable: meta?.retryable ?? false };
}

export function textOf(result: ToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? (first.text ?? '') : JSON.stringify(result.content);
}
