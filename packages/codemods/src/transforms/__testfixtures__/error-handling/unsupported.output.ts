import { SessionError, SessionSecurityError } from '@sessionkit/core';

// The old errors took a context object; core's take { cause, expected, actual }.
export function full(maxSessions: number): never {
  // sessionkit-migrate: dropped the old error context ({ maxSessions }): core errors take { cause, expected, actual }; put what matters into the message
  throw new SessionError(`Session limit reached (${maxSessions})`);
}

export function denied(sessionId: string, toolName: string, cause: unknown): never {
  throw new SessionSecurityError(`binding check failed for ${sessionId}`, { cause });
}

export function deniedWithContext(context: Record<string, unknown>): never {
  // sessionkit-migrate: dropped the old error context (context): core errors take { cause, expected, actual }; put what matters into the message
  throw new SessionSecurityError('binding check failed');
}
