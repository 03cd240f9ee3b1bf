import { SessionCleanupError, SessionConcurrencyError, SessionError, SessionSecurityError } from '@sessionkit/core';

export function classify(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'forbidden';
  if (error instanceof SessionConcurrencyError) return 'conflict';
  if (error instanceof SessionCleanupError) return 'cleanup';
  if (error instanceof SessionError) return 'session';
  return 'unknown';
}

export function refuse(reason: string): never {
  throw new SessionSecurityError(`refused: ${reason}`);
}
