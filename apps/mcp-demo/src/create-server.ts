/**
 * Builds the MCP server: one McpServer with the seven session tools, backed by
 * the manager and responder it is given. Tests and embedders inject their own;
 * `server.ts` wires the defaults.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type Clock, type Logger, silentLogger, type SimpleSessionManager, systemClock } from '@sessionkit/core';
import type { AdjustableClock } from './clock.js';
import { registerDemoTool } from './define-tool.js';
import { echoResponder, type Responder } from './responder.js';
import type { ToolContext } from './tool-context.js';
import { addPerspective } from './tools/add-perspective.js';
import { analyzeFromPerspectives } from './tools/analyze-from-perspectives.js';
import { endSession } from './tools/end-session.js';
import { getSessionInfo } from './tools/get-session-info.js';
import { listSessions } from './tools/list-sessions.js';
import { removePerspective } from './tools/remove-perspective.js';
import { startContextAnalysis } from './tools/start-context-analysis.js';
import { testAdvanceClock } from './tools/test-advance-clock.js';

export const SERVER_NAME = 'sessionkit-mcp-demo';
export const SERVER_VERSION = '0.0.0';

export interface CreateServerOptions {
  manager: SimpleSessionManager;
  /** Answers for each perspective (default: the offline `echoResponder`). */
  responder?: Responder | undefined;
  /** The clock the manager was built with, so reported times match expiry (default: system time). */
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Test-only: registers `test_advance_clock`, which moves this clock. */
  testClock?: AdjustableClock | undefined;
}

export function createServer(options: CreateServerOptions): McpServer {
  const context: ToolContext = {
    manager: options.manager,
    responder: options.responder ?? echoResponder,
    clock: options.clock ?? options.testClock ?? systemClock,
    logger: options.logger ?? silentLogger,
  };
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      instructions:
        'Multi-perspective analysis sessions. Call start_context_analysis first and pass its session_id to the other tools; ' +
        'analyze_from_perspectives fans a prompt out to every perspective of the session.',
    },
  );
  registerDemoTool(server, startContextAnalysis, context);
  registerDemoTool(server, addPerspective, context);
  registerDemoTool(server, removePerspective, context);
  registerDemoTool(server, analyzeFromPerspectives, context);
  registerDemoTool(server, getSessionInfo, context);
  registerDemoTool(server, listSessions, context);
  registerDemoTool(server, endSession, context);
  if (options.testClock !== undefined) registerDemoTool(server, testAdvanceClock(options.testClock), context);
  return server;
}
