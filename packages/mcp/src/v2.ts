/**
 * `@sessionkit/mcp/v2`: session tools on the official SDK v2 server
 * (`@modelcontextprotocol/server` 2.x), in both protocol eras it serves:
 * 2026-07-28 stateless requests and 2025-era clients that still initialize.
 * The caller's authentication is `ctx.http.authInfo` (what your bearer-token
 * verifier passed to `handler.fetch(request, { authInfo })`); over stdio there
 * is none, and the layer's `unauthenticated` policy decides.
 */
import type { McpServer, RegisteredTool, ServerContext } from '@modelcontextprotocol/server';
import { prepareTool } from './run-tool.js';
import type { SessionLayer } from './session-layer.js';
import type { AnySessionTool } from './tool.js';

/** Registers one session tool on an SDK v2 `McpServer`. */
export function registerSessionTool(server: McpServer, layer: SessionLayer, tool: AnySessionTool): RegisteredTool {
  const ready = prepareTool(layer, tool);
  const handler = (args: Record<string, unknown>, ctx: ServerContext) =>
    ready.call(args, { authInfo: ctx.http?.authInfo, signal: ctx.mcpReq.signal, raw: ctx });
  // The SDK's overloads compute the callback type from the schema's type
  // parameters, which a generic schema cannot satisfy; at run time it passes
  // exactly (parsed arguments, context).
  return server.registerTool(ready.name, ready.config as never, handler as never);
}

/**
 * Registers session tools on an SDK v2 `McpServer` and returns the server, so
 * a per-request factory can be one expression:
 * `createMcpHandler(() => registerSessionTools(new McpServer(info), layer, tools))`.
 * Cheap: the schemas are prepared once per layer and tool.
 */
export function registerSessionTools<Server extends McpServer>(server: Server, layer: SessionLayer, tools: readonly AnySessionTool[]): Server {
  for (const tool of tools) registerSessionTool(server, layer, tool);
  return server;
}
