import { ConcurrencyError, SecurityError, SessionCleanupError, SessionError } from '@sessionkit/legacy/exceptions';

export function classify(error: unknown): string {
  if (error instanceof SecurityError) return 'forbidden';
  if (error instanceof ConcurrencyError) return 'conflict';
  if (error instanceof SessionCleanupError) return 'cleanup';
  if (error instanceof SessionError) return 'session';
  return 'unknown';
}

export function refuse(reason: string): never {
  throw new SecurityError(`refused: ${reason}`, { reason });
}
