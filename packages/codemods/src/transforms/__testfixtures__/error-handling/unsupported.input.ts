import { SessionError, SecurityError } from '@sessionkit/legacy';

// The old errors took a context object; core's take { cause, expected, actual }.
export function full(maxSessions: number): never {
  throw new SessionError(`Session limit reached (${maxSessions})`, { maxSessions });
}

export function denied(sessionId: string, toolName: string, cause: unknown): never {
  throw new SecurityError(`binding check failed for ${sessionId}`, { cause });
}

export function deniedWithContext(context: Record<string, unknown>): never {
  throw new SecurityError('binding check failed', context);
}
