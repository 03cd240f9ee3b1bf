/**
 * The cost of the session layer on one tool call: the same tool, once
 * registered bare on an SDK v2 McpServer and once through @sessionkit/mcp
 * (handle resolved, principal checked, binding validated), both served by
 * `createMcpHandler` and called by the v2 client pinned to 2026-07-28 through
 * the handler's `fetch` (in process: what is measured is the SDK and the
 * layer, not a socket).
 */
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { SimpleSessionManager } from '@sessionkit/core';
import { createSessionLayer, defineSessionTool } from '@sessionkit/mcp';
import { registerSessionTools } from '@sessionkit/mcp/v2';
import { RedisSessionStore } from '@sessionkit/store-redis';
import { z } from 'zod';
import type { DriverSample, RedisTarget } from './protocol.js';

const inputSchema = z.object({ text: z.string() });
const outputSchema = z.object({ length: z.number().int() });
const MAX_LATENCIES = 20_000;

const sessionEcho = defineSessionTool({
  name: 'echo',
  description: 'Says how long the text is.',
  session: 'required',
  inputSchema,
  outputSchema,
  run: ({ text }) => ({ length: text.length }),
});

export interface OverheadBench {
  info: Record<string, string>;
  sample(durationMs: number): Promise<DriverSample>;
  close(): Promise<void>;
}

export async function startOverhead(variant: 'bare' | 'session', redis: RedisTarget | null): Promise<OverheadBench> {
  const store = redis === null ? undefined : new RedisSessionStore({ url: redis.url, keyPrefix: `${redis.keyPrefix}overhead:` });
  const manager = new SimpleSessionManager({ secretKeys: ['bench-overhead-key'], store, maxSessions: 1_000 });
  const layer = createSessionLayer({ manager, unauthenticated: 'bearer' });
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'bench-overhead', version: '0.0.0' });
    if (variant === 'session') registerSessionTools(server, layer, [sessionEcho]);
    else
      server.registerTool('echo', { description: 'Says how long the text is.', inputSchema, outputSchema }, ({ text }) => {
        const structuredContent = { length: text.length };
        return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
      });
    return server;
  });
  const client = new Client({ name: 'bench-overhead', version: '0.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(new StreamableHTTPClientTransport(new URL('http://bench.invalid/mcp'), { fetch: (url, init) => handler.fetch(new Request(url, init)) }));
  const args: Record<string, unknown> = { text: 'how long is this?' };
  if (variant === 'session') args.session_id = (await layer.create(layer.identify(undefined), 'bench')).handle;

  return {
    info: { tool: variant === 'session' ? `through @sessionkit/mcp (${redis === null ? 'in memory' : 'Redis'})` : 'bare SDK v2 tool' },
    async sample(durationMs) {
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | undefined;
      const started = performance.now();
      const deadline = started + durationMs;
      let ops = 0;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const result = await client.callTool({ name: 'echo', arguments: args });
        const t1 = performance.now();
        ops++;
        if (result.isError === true) {
          errors++;
          firstError ??= JSON.stringify(result.content).slice(0, 200);
        }
        if (latencies.length < MAX_LATENCIES) latencies.push((t1 - t0) * 1e6);
      }
      const elapsedNs = (performance.now() - started) * 1e6;
      return {
        type: 'sample',
        latenciesNs: latencies,
        ops,
        elapsedNs,
        errors,
        ...(firstError === undefined ? {} : { firstError }),
        info: { calls: String(ops) },
      };
    },
    async close() {
      await client.close();
      await handler.close();
      await manager.shutdown();
      await store?.close();
    },
  };
}
