/**
 * Everything a tool can fail with becomes an MCP tool error (`isError: true`)
 * whose text starts with a stable code, e.g.
 * `SESSION_NOT_FOUND: Session 'abc' not found (...)`. Clients and models read
 * the message; tests and scripts can branch on the code. No failure of a tool
 * ever reaches the process: the server keeps serving.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type Logger, SessionError } from '@sessionkit/core';

export type DemoToolErrorCode = 'INVALID_INPUT' | 'PERSPECTIVE_EXISTS' | 'PERSPECTIVE_NOT_FOUND' | 'NO_PERSPECTIVES' | 'RESPONDER_FAILED';

/** A failure this app detects itself (core's failures are `SessionError`s with their own codes). */
export class DemoToolError extends Error {
  override readonly name = 'DemoToolError';

  constructor(
    readonly code: DemoToolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What to do next, for the failures a client can fix by itself. */
const HINTS: Partial<Record<string, string>> = {
  SESSION_NOT_FOUND: 'start a new session with start_context_analysis, or call list_sessions for the live ones',
  SESSION_CAPACITY: 'end a session with end_session, or wait for old sessions to expire',
};

export function toolErrorResult(toolName: string, error: unknown, logger: Logger): CallToolResult {
  let code: string;
  let message: string;
  if (error instanceof SessionError || error instanceof DemoToolError) {
    code = error.code;
    message = error.message;
    logger.debug(`${toolName} refused: ${code}`, { message });
  } else {
    // A bug, not a bad request: say so, and keep the details in the server's log.
    code = 'INTERNAL_ERROR';
    message = `${toolName} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
    logger.error(`${toolName} failed unexpectedly`, { error });
  }
  const hint = HINTS[code];
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}${hint === undefined ? '' : `. To continue: ${hint}`}` }],
  };
}
