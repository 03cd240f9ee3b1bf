import { SessionSecurityError, SessionConcurrencyError } from '@sessionkit/core';
import { getConfig } from '@sessionkit/legacy';

export function classify(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'security';
  if (error instanceof SessionConcurrencyError) return 'conflict';
  return `other (max ${getConfig().maxActiveSessions})`;
}
