import { SessionSecurityError as BindingError, SessionConcurrencyError as VersionError } from '@sessionkit/core';

export function classify(error: unknown): string {
  if (error instanceof BindingError) return 'binding';
  if (error instanceof VersionError) return 'version';
  return 'other';
}
