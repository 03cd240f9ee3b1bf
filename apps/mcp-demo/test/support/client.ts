/**
 * Test support: start the BUILT server (`node dist/server.js`) the way an MCP
 * client does, and read tool results.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

export const SERVER_ENTRY = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

/** A fixed key keeps core from warning about a per-process random key in every test's stderr. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  SESSIONKIT_SECRET_KEYS: 'mcp-demo-test-key',
  SESSIONKIT_LOG_LEVEL: 'warn',
};

export interface RunningServer {
  readonly client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`pnpm --filter @sessionkit/mcp-demo build\` first`);
  }
}

/** Spawns the server over stdio with `env` (on top of TEST_ENV; nothing else of this process's environment but PATH/HOME leaks in). */
export async function startStdioServer(env: Record<string, string> = {}, args: string[] = []): Promise<RunningServer> {
  assertBuilt();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_ENTRY, ...args],
    env: { ...TEST_ENV, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'mcp-demo-tests', version: '0.0.0' });
  await client.connect(transport);
  return wrap(client, () => stderr);
}

export function wrap(client: Client, stderr: () => string = () => ''): RunningServer {
  return {
    client,
    stderr,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The structured result of a successful call. */
export function ok<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError === true) throw new Error(`expected success, got tool error: ${textOf(result)}`);
  expect(result.structuredContent).toBeDefined();
  // The same result as JSON text, for clients that only read `content`.
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

/** The message of a tool error (`isError: true`). */
export function toolError(result: CallToolResult): string {
  expect(result.isError, `expected a tool error, got ${textOf(result)}`).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return textOf(result);
}

function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : JSON.stringify(result.content);
}

export interface StartedSession {
  session_id: string;
  topic: string;
  template: string | null;
  perspectives: string[];
  created_at: string;
  expires_at: string;
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
