/**
 * `@sessionkit/mcp`: sessions for MCP servers in the stateless era. The
 * SDK-agnostic layer; register its tools with `@sessionkit/mcp/v2`
 * (`@modelcontextprotocol/server` 2.x) or `@sessionkit/mcp/v1`
 * (`@modelcontextprotocol/sdk` 1.x).
 */
export {
  createSessionLayer,
  SessionLayer,
  SessionLayerOptionsError,
  type MintedSession,
  type SessionCreateOptions,
  type SessionLayerOptions,
  type SessionListing,
} from './session-layer.js';
export {
  defineSessionTool,
  type AnySessionTool,
  type ArgsOf,
  type BaseToolContext,
  type CreateToolContext,
  type RequiredToolContext,
  type ResultOf,
  type SessionMode,
  type SessionTool,
  type ToolAnnotations,
  type ToolContextFor,
} from './tool.js';
export { ANONYMOUS_PRINCIPAL, defaultPrincipal, type McpAuthInfo, type Principal, type PrincipalResolver, type UnauthenticatedPolicy } from './principal.js';
export {
  ERROR_CODES,
  ERROR_META_KEY,
  McpToolError,
  reportError,
  toolErrorResult,
  type ErrorLogger,
  type McpErrorCode,
  type ReportedError,
  type ToolErrorResult,
} from './errors.js';
export { isHandle } from './handles.js';
export { EXPIRES_AT_FIELD, SessionToolDefinitionError, type ObjectSchemaInput } from './schemas.js';
export { prepareTool, type PreparedTool, type PreparedToolConfig, type ToolCallRequest, type ToolSuccessResult } from './run-tool.js';
