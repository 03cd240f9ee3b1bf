import { SessionSecurityError } from '@sessionkit/core';
import { ConcurrencyError, getConfig } from '@sessionkit/legacy';

export function classify(error: unknown): string {
  if (error instanceof SessionSecurityError) return 'security';
  if (error instanceof ConcurrencyError) return 'conflict';
  return `other (max ${getConfig().maxActiveSessions})`;
}
