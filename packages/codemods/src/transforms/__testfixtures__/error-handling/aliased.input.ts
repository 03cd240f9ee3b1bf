import { SecurityError as BindingError, ConcurrencyError as VersionError } from '@sessionkit/legacy';

export function classify(error: unknown): string {
  if (error instanceof BindingError) return 'binding';
  if (error instanceof VersionError) return 'version';
  return 'other';
}
