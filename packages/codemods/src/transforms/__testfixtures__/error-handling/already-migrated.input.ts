import { SessionSecurityError, SessionConcurrencyError } from '@sessionkit/core';

export function classify(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'security';
  if (error instanceof SessionConcurrencyError) return `conflict at ${error.actual}`;
  return 'other';
}
