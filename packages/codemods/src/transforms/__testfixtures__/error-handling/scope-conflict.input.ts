import { SecurityError } from '@sessionkit/legacy';

// The app has its own class under core's new name.
class SessionSecurityError extends Error {}

export function isBindingFailure(error: unknown): boolean {
  return error instanceof SecurityError && !(error instanceof SessionSecurityError);
}
