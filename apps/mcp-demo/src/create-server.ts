/**
 * Builds the MCP server: an SDK v2 McpServer with the demo's session tools,
 * registered through @sessionkit/mcp. The tool definitions and the session
 * layer are built once (`createDemoTools`, `createDemoLayer`); the server is
 * cheap to build per request, as SDK v2's stateless HTTP entry does.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { type Logger, silentLogger, type SimpleSessionManager } from '@sessionkit/core';
import { type AnySessionTool, createSessionLayer, type SessionLayer, type UnauthenticatedPolicy } from '@sessionkit/mcp';
import { registerSessionTools } from '@sessionkit/mcp/v2';
import type { AdjustableClock } from './clock.js';
import type { DemoDeps } from './demo-deps.js';
import { addPerspective } from './tools/add-perspective.js';
import { analyzeFromPerspectives } from './tools/analyze-from-perspectives.js';
import { endSession } from './tools/end-session.js';
import { getSessionInfo } from './tools/get-session-info.js';
import { listSessions } from './tools/list-sessions.js';
import { removePerspective } from './tools/remove-perspective.js';
import { savePerspective } from './tools/save-perspective.js';
import { startContextAnalysis } from './tools/start-context-analysis.js';
import { testAdvanceClock } from './tools/test-advance-clock.js';

export const SERVER_NAME = 'sessionkit-mcp-demo';
export const SERVER_VERSION = '0.0.0';

const INSTRUCTIONS =
  'Multi-perspective analysis sessions. Call start_context_analysis first and pass its session_id to the other tools; ' +
  'analyze_from_perspectives fans a prompt out to every perspective of the session. Sessions belong to the caller who started them.';

/** The demo's tools, built once. `testClock` adds the test-only `test_advance_clock`. */
export function createDemoTools(deps: DemoDeps, testClock?: AdjustableClock): AnySessionTool[] {
  const tools: AnySessionTool[] = [
    startContextAnalysis(deps),
    addPerspective(deps),
    removePerspective(deps),
    analyzeFromPerspectives(deps),
    getSessionInfo(deps),
    listSessions(deps),
    endSession(deps),
    savePerspective(deps),
  ];
  if (testClock !== undefined) tools.push(testAdvanceClock(testClock));
  return tools;
}

/**
 * The session layer over `manager`. `unauthenticated`: `'reject'` when the
 * server authenticates its callers (HTTP with tokens), `'bearer'` for a local
 * server (stdio, or HTTP on loopback without tokens), where a session id is a
 * bearer token.
 */
export function createDemoLayer(manager: SimpleSessionManager, unauthenticated: UnauthenticatedPolicy, logger: Logger = silentLogger): SessionLayer {
  return createSessionLayer({
    manager,
    unauthenticated,
    logger,
    hints: {
      SESSION_NOT_FOUND: 'start a new session with start_context_analysis, or call list_sessions for your live ones',
      SESSION_EXPIRED: 'start a new session with start_context_analysis',
      SESSION_CAPACITY: 'end a session with end_session, or wait for old sessions to expire',
    },
  });
}

/** One McpServer with `tools` on `layer`. */
export function createServer(layer: SessionLayer, tools: readonly AnySessionTool[]): McpServer {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }, { instructions: INSTRUCTIONS });
  registerSessionTools(server, layer, tools);
  return server;
}
