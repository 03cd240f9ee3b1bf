import { SessionSecurityError, SessionCleanupError, SessionConcurrencyError } from '@sessionkit/core';

export function classify(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'security';
  if (error instanceof SessionCleanupError) return 'cleanup';
  return 'other';
}

export function fail(): never {
  throw new SessionConcurrencyError('stale version');
}
