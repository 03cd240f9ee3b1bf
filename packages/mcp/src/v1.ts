/**
 * `@sessionkit/mcp/v1`: session tools on the SDK v1 `McpServer`
 * (`@modelcontextprotocol/sdk` 1.x), which serves 2025-era clients. The
 * caller's authentication is `extra.authInfo` (set by the SDK's bearer-auth
 * middleware, or by you on `req.auth`); over stdio there is none, and the
 * layer's `unauthenticated` policy decides.
 */
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { prepareTool } from './run-tool.js';
import type { SessionLayer } from './session-layer.js';
import type { AnySessionTool } from './tool.js';

/** Registers one session tool on an SDK v1 `McpServer`. */
export function registerSessionTool(server: McpServer, layer: SessionLayer, tool: AnySessionTool): RegisteredTool {
  const ready = prepareTool(layer, tool);
  const handler = (args: Record<string, unknown>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) =>
    ready.call(args, { authInfo: extra.authInfo, signal: extra.signal, raw: extra });
  // As in v2: the SDK's callback type depends on the schema's type parameters.
  return server.registerTool(ready.name, ready.config as never, handler as never);
}

/** Registers session tools on an SDK v1 `McpServer` and returns the server. */
export function registerSessionTools<Server extends McpServer>(server: Server, layer: SessionLayer, tools: readonly AnySessionTool[]): Server {
  for (const tool of tools) registerSessionTool(server, layer, tool);
  return server;
}
