import * as errors from '../exceptions';

export function classify(error: unknown): string {
  if (error instanceof errors.SecurityError) return 'security';
  if (error instanceof errors.SessionCleanupError) return 'cleanup';
  return 'other';
}

export function fail(): never {
  throw new errors.ConcurrencyError('stale version');
}
