/** What every tool is given, and the two steps most of them start with. */
import type { Clock, Logger, Session, SimpleSessionManager } from '@sessionkit/core';
import type { Responder } from './responder.js';

export interface ToolContext {
  readonly manager: SimpleSessionManager;
  readonly responder: Responder;
  /** The manager's clock: expiry times are reported on the same clock that decides them. */
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The live session `sessionId`, after its client binding was checked for
 * `toolName`. Throws SessionNotFoundError (unknown, expired or ended) or
 * SessionSecurityError; the tool wrapper turns both into tool errors.
 */
export async function openSession(context: ToolContext, sessionId: string, toolName: string): Promise<Session> {
  const session = await context.manager.requireSession(sessionId);
  await session.validateSecurity(toolName);
  return session;
}

/** When `session` expires: its creation time plus the pool's TTL. */
export function expiresAt(context: ToolContext, session: Session): string {
  return new Date(session.createdAtMs + context.manager.sessionTtlHours * 3_600_000).toISOString();
}
